package org.shangdang.connectors.iiif;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;
import tools.jackson.databind.JsonNode;

/**
 * Maps a IIIF Presentation 2.x or 3.0 manifest to the canonical record.
 *
 * <ul>
 *   <li><b>Title</b>: the {@code label} in simplified Chinese if given, else generic or traditional Chinese,
 *       else untagged, else English; the other distinct label values become parallel titles.</li>
 *   <li><b>Description</b>: {@code summary} (v3) or {@code description} (v2), same language order; the other
 *       languages' summaries become notes.</li>
 *   <li><b>Metadata pairs</b> are matched by any of their label's values: 作者/著者/撰者/责任者/Author/Creator →
 *       creators; 年代/日期/出版年/Date → year (the first four-digit year 1000–2099 in the value, or
 *       {@code navDate}); 出版者/Publisher → publisher; 类别/主题/Subject/Category → subjects; every other pair →
 *       a note {@code label: value}.</li>
 *   <li><b>Rights</b>: the required statement ({@code requiredStatement} v3, {@code attribution} v2) and the
 *       licence ({@code rights} v3, {@code license} v2), joined with {@code "; "}.</li>
 *   <li><b>Media</b>: the manifest URL itself ({@code IIIF_MANIFEST}, so a portal can open a viewer), the
 *       thumbnail (the manifest's, else the first canvas's), {@code rendering}/{@code seeAlso} links that are
 *       PDFs ({@code PDF}) or OCR text, hOCR or ALTO ({@code OCR_TEXT}), {@code homepage}/{@code related}
 *       ({@code WEB_PAGE}), and the audio or video a v3 canvas paints ({@code AUDIO}/{@code VIDEO}, up to
 *       {@value #MAX_AV_LINKS}).</li>
 *   <li><b>Canvas count</b>: a note {@code IIIF 画布 N 幅}.</li>
 *   <li><b>Kind</b>: {@link ResourceKind#RARE_BOOK} when the source is declared a rare-book source
 *       ({@link #IiifManifestCrosswalk(Set)}) or the metadata shows a 古籍: a pair labelled 版本/版本類型/
 *       朝代/Dynasty/Book Type/善本, or a value naming a 刻本/鈔本/抄本/刊本/写本/稿本 edition; else
 *       {@link ResourceKind#VIDEO} or {@link ResourceKind#AUDIO} when the canvases paint video or sound; else
 *       {@link ResourceKind#IMAGE}. Rare books also get the theme {@code 古籍}.</li>
 * </ul>
 *
 * <p>A payload that is not JSON, not a manifest, or has no id or no label is rejected with the reason.
 * Stateless and thread-safe.
 */
public final class IiifManifestCrosswalk implements Crosswalk {

    static final int MAX_AV_LINKS = 20;

    private static final Set<String> CREATOR_LABELS = Set.of("作者", "著者", "撰者", "编者", "編者", "责任者", "責任者",
            "author", "author(s)", "authors", "creator", "contributor");
    private static final Set<String> DATE_LABELS = Set.of("年代", "日期", "时间", "時間", "出版年", "出版日期", "拍摄时间",
            "拍攝時間", "date", "date created", "created", "published");
    private static final Set<String> PUBLISHER_LABELS = Set.of("出版者", "出版社", "publisher");
    private static final Set<String> SUBJECT_LABELS = Set.of("类别", "類別", "主题", "主題", "subject", "subjects",
            "category");
    private static final Set<String> RARE_BOOK_LABELS = Set.of("版本", "版本类型", "版本類型", "朝代", "dynasty", "book type",
            "善本", "古籍");
    private static final Pattern RARE_BOOK_VALUE = Pattern.compile("刻本|鈔本|抄本|刊本|写本|寫本|稿本|古籍|善本");
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])");
    private static final Pattern OCR_HINT = Pattern.compile("(?i)ocr|hocr|alto|fulltext|full-text|transcri|全文|文字");

    private final Set<String> rareBookSources;

    /** Decides rare books by metadata only. */
    public IiifManifestCrosswalk() {
        this(Set.of());
    }

    /** @param rareBookSources source ids whose every manifest is a rare book (古籍), e.g. a 古籍 digitization project */
    public IiifManifestCrosswalk(Set<String> rareBookSources) {
        this.rareBookSources = Set.copyOf(rareBookSources);
    }

    @Override
    public RecordFormat format() {
        return RecordFormat.IIIF_MANIFEST;
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        String name = raw.canonicalId();
        IiifJson.Parsed parsed = IiifJson.parse(raw.payload());
        if (parsed instanceof IiifJson.Parsed.Unreadable u) {
            throw new RecordRejectedException(name + ": " + u.reason());
        }
        JsonNode manifest = ((IiifJson.Parsed.Document) parsed).json();
        String type = IiifJson.type(manifest).orElseThrow(() -> new RecordRejectedException(
                name + ": no type/@type: not a IIIF Presentation resource"));
        if (!IiifJson.isManifestType(type)) {
            throw new RecordRejectedException(name + ": a IIIF " + type + ", not a Manifest");
        }
        IiifVersion version = IiifVersion.of(manifest).orElse(IiifVersion.V3);
        String manifestUrl = IiifJson.id(manifest).orElseThrow(() -> new RecordRejectedException(
                name + ": manifest has no " + (version == IiifVersion.V2 ? "@id" : "id")));
        LocalizedText label = LocalizedText.read(manifest.path("label"));
        if (label.isEmpty()) {
            throw new RecordRejectedException(name + ": manifest " + manifestUrl + " has no label (required by IIIF "
                    + (version == IiifVersion.V2 ? "2" : "3") + ")");
        }

        CanonicalRecord.Builder record = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(RecordFormat.IIIF_MANIFEST)
                .source(source)
                .datestamp(raw.datestamp())
                .title(label.preferred().orElseThrow());
        label.others().forEach(record::parallelTitle);
        languages(label, record);

        LocalizedText summary = LocalizedText.read(version == IiifVersion.V3 ? manifest.path("summary") : manifest.path("description"));
        summary.preferred().ifPresent(record::description);
        summary.others().forEach(s -> record.note("简介: " + s));

        boolean rareBook = rareBookSources.contains(raw.sourceId());
        for (JsonNode pair : manifest.path("metadata").values()) {
            rareBook |= metadataPair(pair, record);
        }
        if (!manifest.path("navDate").isMissingNode()) {
            year(manifest.path("navDate").asString()).ifPresent(record::year);
        }
        rights(manifest, version).ifPresent(record::rights);
        provider(manifest).ifPresent(record::publisher);

        record.media(MediaLink.of(MediaLink.Kind.IIIF_MANIFEST, manifestUrl));
        thumbnail(manifest, version).ifPresent(record::media);
        for (JsonNode link : links(manifest.path("rendering"), manifest.path("seeAlso"))) {
            linkOf(link, false).ifPresent(record::media);
        }
        for (JsonNode link : links(manifest.path("homepage"), manifest.path("related"))) {
            linkOf(link, true).ifPresent(record::media);
        }

        List<JsonNode> canvases = canvases(manifest, version);
        record.note("IIIF 画布 " + canvases.size() + " 幅");
        ResourceKind avKind = audioVideo(canvases, record);
        if (rareBook) {
            record.kind(ResourceKind.RARE_BOOK).theme("古籍");
        } else {
            record.kind(avKind);
        }
        return record.build();
    }

    /** Reads one metadata pair into the record; returns whether it shows a rare book. */
    private static boolean metadataPair(JsonNode pair, CanonicalRecord.Builder record) {
        LocalizedText label = LocalizedText.read(pair.path("label"));
        LocalizedText value = LocalizedText.read(pair.path("value"));
        if (value.isEmpty()) {
            return false;
        }
        List<String> labels = label.all().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        String text = value.preferred().orElseThrow();
        boolean rareBook = labels.stream().anyMatch(RARE_BOOK_LABELS::contains) || RARE_BOOK_VALUE.matcher(text).find();
        if (labels.stream().anyMatch(CREATOR_LABELS::contains)) {
            value.all().forEach(v -> record.creator(Creator.of(v)));
        } else if (labels.stream().anyMatch(DATE_LABELS::contains)) {
            Optional<Integer> year = year(text);
            year.ifPresent(record::year);
            record.note(label.preferred().orElse("date") + ": " + text);
        } else if (labels.stream().anyMatch(PUBLISHER_LABELS::contains)) {
            record.publisher(text);
        } else if (labels.stream().anyMatch(SUBJECT_LABELS::contains)) {
            value.all().forEach(record::subject);
        } else {
            record.note(label.preferred().map(l -> l + ": ").orElse("") + text);
        }
        return rareBook;
    }

    static Optional<Integer> year(String text) {
        Matcher m = YEAR.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static void languages(LocalizedText label, CanonicalRecord.Builder record) {
        if (label.hasLanguage("zh")) {
            record.language("chi");
        }
        if (label.hasLanguage("en")) {
            record.language("eng");
        }
    }

    private static Optional<String> rights(JsonNode manifest, IiifVersion version) {
        List<String> parts = new ArrayList<>();
        JsonNode statement = version == IiifVersion.V3 ? manifest.path("requiredStatement").path("value") : manifest.path("attribution");
        LocalizedText.read(statement).preferred().ifPresent(parts::add);
        JsonNode licence = version == IiifVersion.V3 ? manifest.path("rights") : manifest.path("license");
        for (JsonNode l : licence.isArray() ? licence.values() : List.of(licence)) {
            IiifJson.id(l).ifPresent(parts::add);
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static Optional<String> provider(JsonNode manifest) {
        for (JsonNode agent : manifest.path("provider").values()) {
            Optional<String> name = LocalizedText.read(agent.path("label")).preferred();
            if (name.isPresent()) {
                return name;
            }
        }
        return Optional.empty();
    }

    private static Optional<MediaLink> thumbnail(JsonNode manifest, IiifVersion version) {
        Optional<MediaLink> own = firstLink(manifest.path("thumbnail"), MediaLink.Kind.THUMBNAIL);
        if (own.isPresent()) {
            return own;
        }
        List<JsonNode> canvases = canvases(manifest, version);
        return canvases.isEmpty() ? Optional.empty() : firstLink(canvases.get(0).path("thumbnail"), MediaLink.Kind.THUMBNAIL);
    }

    private static Optional<MediaLink> firstLink(JsonNode node, MediaLink.Kind kind) {
        for (JsonNode item : node.isArray() ? node.values() : List.of(node)) {
            Optional<String> url = IiifJson.id(item).filter(IiifManifestCrosswalk::isHttp);
            if (url.isPresent()) {
                return Optional.of(new MediaLink(kind, url.get(), Optional.empty(), format(item), Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static List<JsonNode> links(JsonNode... nodes) {
        List<JsonNode> links = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isArray()) {
                links.addAll(node.values());
            } else if (!node.isMissingNode() && !node.isNull()) {
                links.add(node);
            }
        }
        return links;
    }

    /** A rendering/seeAlso link as PDF or OCR text, or a homepage/related link as a web page; others are skipped. */
    private static Optional<MediaLink> linkOf(JsonNode link, boolean webPage) {
        Optional<String> url = IiifJson.id(link).filter(IiifManifestCrosswalk::isHttp);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> mime = format(link);
        Optional<String> label = LocalizedText.read(link.path("label")).preferred();
        String hints = url.get() + " " + label.orElse("") + " " + link.path("profile").asString() + " " + mime.orElse("");
        MediaLink.Kind kind;
        if (webPage) {
            kind = MediaLink.Kind.WEB_PAGE;
        } else if (mime.filter("application/pdf"::equals).isPresent() || url.get().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            kind = MediaLink.Kind.PDF;
        } else if (mime.filter(m -> m.startsWith("text/plain")).isPresent() || OCR_HINT.matcher(hints).find()) {
            kind = MediaLink.Kind.OCR_TEXT;
        } else {
            return Optional.empty();
        }
        return Optional.of(new MediaLink(kind, url.get(), label, mime, Optional.empty()));
    }

    private static Optional<String> format(JsonNode node) {
        return node.isObject() ? IiifJson.nonBlank(node.path("format").stringValue("")) : Optional.empty();
    }

    private static boolean isHttp(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("http://") || u.startsWith("https://");
    }

    /** v3 {@code items} of type Canvas; v2 the canvases of the first sequence (the others are alternative orders). */
    static List<JsonNode> canvases(JsonNode manifest, IiifVersion version) {
        List<JsonNode> canvases = new ArrayList<>();
        if (version == IiifVersion.V3) {
            for (JsonNode item : manifest.path("items").values()) {
                if (IiifJson.type(item).filter("Canvas"::equals).isPresent()) {
                    canvases.add(item);
                }
            }
        } else {
            JsonNode sequences = manifest.path("sequences");
            if (sequences.isArray() && !sequences.isEmpty()) {
                canvases.addAll(sequences.get(0).path("canvases").values());
            }
        }
        return canvases;
    }

    /** Adds the sound and video a v3 canvas paints as links; the kind is VIDEO, AUDIO or IMAGE by what was found. */
    private static ResourceKind audioVideo(List<JsonNode> canvases, CanonicalRecord.Builder record) {
        boolean video = false;
        boolean sound = false;
        int links = 0;
        for (JsonNode canvas : canvases) {
            for (JsonNode page : canvas.path("items").values()) {
                for (JsonNode annotation : page.path("items").values()) {
                    JsonNode body = annotation.path("body");
                    for (JsonNode b : body.path("items").isArray() ? body.path("items").values() : List.of(body)) {
                        String type = IiifJson.type(b).orElse("");
                        MediaLink.Kind kind = type.equals("Video") ? MediaLink.Kind.VIDEO
                                : type.equals("Sound") || type.equals("Audio") ? MediaLink.Kind.AUDIO : null;
                        if (kind == null) {
                            continue;
                        }
                        video |= kind == MediaLink.Kind.VIDEO;
                        sound |= kind == MediaLink.Kind.AUDIO;
                        Optional<String> url = IiifJson.id(b).filter(IiifManifestCrosswalk::isHttp);
                        if (url.isPresent() && links < MAX_AV_LINKS) {
                            record.media(new MediaLink(kind, url.get(), LocalizedText.read(canvas.path("label")).preferred(),
                                    format(b), Optional.empty()));
                            links++;
                        }
                    }
                }
            }
        }
        return video ? ResourceKind.VIDEO : sound ? ResourceKind.AUDIO : ResourceKind.IMAGE;
    }
}
