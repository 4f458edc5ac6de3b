package org.shangdang.connectors.dc;

import java.io.ByteArrayInputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shangdang.connectors.marc.CatalogText;
import org.shangdang.connectors.marc.Isbns;
import org.shangdang.connectors.marc.ResponsibilityStatement;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/**
 * Simple Dublin Core ({@code oai_dc}, also {@code srw_dc}) to the canonical record.
 *
 * <p>The payload is a {@code <dc>} element whose children are the fifteen DC elements, in the
 * {@code http://purl.org/dc/elements/1.1/} namespace or in none (bare variants); elements of other namespaces
 * are ignored. It is parsed with the hardened StAX factory; a DOCTYPE is rejected. Values are put in Unicode
 * normalization form C, with runs of white space collapsed.
 *
 * <p>Mapping:
 * <ul>
 *   <li>title: the first {@code dc:title}; the others are {@code otherTitles}.</li>
 *   <li>creator: creators without a role; contributor: role {@code contributor}, unless the value ends in a
 *       Chinese role word ({@code 叶震 主编} is 叶震 with role 主编).</li>
 *   <li>publisher: the first; date: the first four-digit year of any {@code dc:date}.</li>
 *   <li>identifier: ISBNs written {@code ISBN 978…}, {@code ISBN:…}, {@code urn:isbn:…}, or bare ISBN-shaped
 *       identifiers whose check digit is right ({@code 7-5037-1744-0}); other identifiers are ignored. A labelled
 *       ISBN with a wrong check digit is kept out of {@code isbns} and noted ({@code Invalid ISBN …}).</li>
 *   <li>language: mapped to ISO 639-2/B ({@code zh}/{@code zho}/{@code 中文} give {@code chi}); unrecognisable
 *       values are dropped.</li>
 *   <li>subject: each a subject; description: the first is the description, the others notes.</li>
 *   <li>type: the most specific recognised kind across all {@code dc:type} values (a Gallica record typed both
 *       {@code text} and {@code printed serial} is a SERIAL): serial/periodical/期刊 → SERIAL,
 *       article/论文 → ARTICLE, map/地图 → MAP, score/乐谱 → SCORE, Sound/audio/音频 → AUDIO,
 *       MovingImage/video/视频 → VIDEO, Image/StillImage/图像 → IMAGE, manuscript/手稿 → MANUSCRIPT,
 *       text/texte/book/report/thesis/文本/图书 → BOOK; no type, or none recognised, → OTHER, since nothing
 *       says the resource is a book.</li>
 *   <li>rights: kept as notes, so a reader sees the licence or "public domain" statement.</li>
 *   <li>format, source, relation, coverage: not mapped.</li>
 * </ul>
 *
 * <p>Rejections: an empty or not well-formed payload, a DOCTYPE, no {@code dc:title}. Stateless and thread-safe.
 */
public final class DublinCoreCrosswalk implements Crosswalk {

    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final XMLInputFactory INPUT = SafeXml.inputFactory();
    private static final Set<String> ELEMENTS = Set.of("title", "creator", "subject", "description", "publisher",
            "contributor", "date", "type", "format", "identifier", "source", "language", "relation", "coverage",
            "rights");
    private static final Pattern ISBN_PREFIX = Pattern.compile("^(?:urn:isbn:|isbn\\s*[:：]?\\s*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_ISBN = Pattern.compile("[0-9][0-9\\- ]{8,16}[0-9Xx]");

    /** Kinds by keywords of dc:type, most specific first. */
    private static final Map<ResourceKind, List<String>> KINDS = kinds();

    @Override
    public RecordFormat format() {
        return RecordFormat.OAI_DC;
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
        if (raw.isDeleted()) {
            throw new IllegalArgumentException("a deleted record has no metadata to map: " + raw.canonicalId());
        }
        Map<String, List<String>> dc = read(raw);
        List<String> titles = dc.getOrDefault("title", List.of());
        if (titles.isEmpty()) {
            throw new RecordRejectedException(raw.canonicalId() + ": no title: no non-empty dc:title among "
                    + dc.keySet().stream().map(e -> "dc:" + e).toList());
        }
        CanonicalRecord.Builder builder = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(RecordFormat.OAI_DC)
                .source(source)
                .datestamp(raw.datestamp())
                .title(titles.get(0));
        titles.stream().skip(1).forEach(builder::otherTitle);
        dc.getOrDefault("creator", List.of()).forEach(name -> builder.creator(Creator.of(name)));
        for (String contributor : dc.getOrDefault("contributor", List.of())) {
            builder.creator(contributor(contributor));
        }
        dc.getOrDefault("publisher", List.of()).stream().findFirst().ifPresent(builder::publisher);
        dc.getOrDefault("date", List.of()).stream().map(CatalogText::firstYear).flatMap(Optional::stream)
                .findFirst().ifPresent(builder::year);
        for (String identifier : dc.getOrDefault("identifier", List.of())) {
            isbn(identifier).ifPresent(isbn -> {
                if (Isbns.isValid(isbn)) {
                    builder.isbn(isbn);
                } else {
                    builder.note("Invalid ISBN " + isbn);
                }
            });
        }
        dc.getOrDefault("language", List.of()).stream().map(CatalogText::languageCode).flatMap(Optional::stream)
                .forEach(builder::language);
        dc.getOrDefault("subject", List.of()).forEach(builder::subject);
        List<String> descriptions = dc.getOrDefault("description", List.of());
        descriptions.stream().findFirst().ifPresent(builder::description);
        descriptions.stream().skip(1).forEach(builder::note);
        dc.getOrDefault("rights", List.of()).forEach(builder::note);
        builder.kind(kind(dc.getOrDefault("type", List.of())));
        return builder.build();
    }

    private static Map<String, List<String>> read(RawRecord raw) throws RecordRejectedException {
        String id = raw.canonicalId();
        byte[] bytes = raw.payload();
        if (bytes.length == 0) {
            throw new RecordRejectedException(id + ": empty payload, no Dublin Core metadata");
        }
        Map<String, List<String>> dc = new LinkedHashMap<>();
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(bytes));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new RecordRejectedException(id + ": DOCTYPE not allowed in a Dublin Core payload");
                }
                if (event == XMLStreamConstants.START_ELEMENT && ELEMENTS.contains(reader.getLocalName())
                        && isDcNamespace(reader.getNamespaceURI())) {
                    String element = reader.getLocalName();
                    String value = Normalizer.normalize(reader.getElementText(), Normalizer.Form.NFC).strip()
                            .replaceAll("\\s+", " ");
                    if (!value.isEmpty()) {
                        dc.computeIfAbsent(element, e -> new ArrayList<>()).add(value);
                    }
                }
            }
            return dc;
        } catch (XMLStreamException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip();
            throw new RecordRejectedException(id + ": not well-formed XML: " + message, e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing to release beyond the in-memory stream.
                }
            }
        }
    }

    private static boolean isDcNamespace(String namespace) {
        return namespace == null || namespace.isEmpty() || DC_NS.equals(namespace);
    }

    private static Creator contributor(String value) {
        List<Creator> parsed = ResponsibilityStatement.creators(value);
        if (CatalogText.hasCjk(value) && parsed.size() == 1 && parsed.get(0).role().isPresent()) {
            return parsed.get(0);
        }
        return Creator.of(value, "contributor");
    }

    /** The ISBN an identifier states: any ISBN-shaped value when labelled, a bare one only if valid. */
    private static Optional<String> isbn(String identifier) {
        String text = identifier.strip();
        boolean labelled = ISBN_PREFIX.matcher(text).find();
        String rest = ISBN_PREFIX.matcher(text).replaceFirst("").strip();
        if (labelled) {
            return Isbns.withoutQualifiers(rest);
        }
        // A bare identifier counts only when it is nothing but a valid ISBN (not a handle or a control number).
        return BARE_ISBN.matcher(rest).matches() ? Isbns.withoutQualifiers(rest).filter(Isbns::isValid) : Optional.empty();
    }

    private static ResourceKind kind(List<String> types) {
        for (Map.Entry<ResourceKind, List<String>> kind : KINDS.entrySet()) {
            for (String type : types) {
                String value = type.toLowerCase(Locale.ROOT).replace(" ", "");
                if (kind.getValue().stream().anyMatch(value::contains)) {
                    return kind.getKey();
                }
            }
        }
        return ResourceKind.OTHER;
    }

    private static Map<ResourceKind, List<String>> kinds() {
        Map<ResourceKind, List<String>> kinds = new LinkedHashMap<>();
        kinds.put(ResourceKind.SERIAL, List.of("serial", "périodique", "periodical", "journal", "newspaper", "série",
                "期刊", "报纸", "连续出版物"));
        kinds.put(ResourceKind.ARTICLE, List.of("article", "论文"));
        kinds.put(ResourceKind.MAP, List.of("map", "carte", "地图"));
        kinds.put(ResourceKind.SCORE, List.of("score", "partition", "乐谱"));
        kinds.put(ResourceKind.AUDIO, List.of("sound", "audio", "音频", "录音"));
        kinds.put(ResourceKind.VIDEO, List.of("movingimage", "video", "film", "视频", "影像"));
        kinds.put(ResourceKind.IMAGE, List.of("image", "photograph", "图像", "图片"));
        kinds.put(ResourceKind.MANUSCRIPT, List.of("manuscript", "manuscrit", "手稿"));
        kinds.put(ResourceKind.BOOK, List.of("text", "texte", "book", "report", "thesis", "文本", "图书"));
        return kinds;
    }
}
