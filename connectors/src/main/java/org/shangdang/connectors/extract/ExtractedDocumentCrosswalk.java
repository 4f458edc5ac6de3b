package org.shangdang.connectors.extract;

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

/**
 * Maps an {@link ExtractedDocument} to the canonical record.
 *
 * <ul>
 *   <li><b>Title</b>: {@code dc:title}, else the file name without its extension.</li>
 *   <li><b>Creators</b>: {@code dc:creator}, then {@code xmpDM:artist}; <b>year</b>: the first four-digit year of
 *       {@code dcterms:created}, {@code xmpDM:releaseDate} or {@code exif:DateTimeOriginal}.</li>
 *   <li><b>Full text</b>: the extracted or OCR text; the language {@code chi} when it holds Chinese.</li>
 *   <li><b>Media</b>: one link to the file, {@code PDF}, {@code AUDIO}, {@code VIDEO}, {@code IMAGE} or
 *       {@code FILE} by media type, with the media type and size in bytes.</li>
 *   <li><b>Kind</b>: audio → {@link ResourceKind#AUDIO}, video → {@link ResourceKind#VIDEO}, image →
 *       {@link ResourceKind#IMAGE}, PDF, EPUB, Word, OpenDocument, RTF, HTML and plain text →
 *       {@link ResourceKind#EBOOK}, anything else {@link ResourceKind#OTHER}.</li>
 *   <li><b>Notes</b>: pages, duration, album, camera, GPS position, what OCR did (or that it was skipped and
 *       why), and a cut-off text.</li>
 * </ul>
 *
 * <p>A payload that is not an extracted document is rejected. Stateless and thread-safe.
 */
public final class ExtractedDocumentCrosswalk implements Crosswalk {

    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(1[0-9]{3}|20[0-9]{2})(?![0-9])");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Set<String> TEXT_TYPES = Set.of("application/pdf", "application/epub+zip", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text", "application/rtf", "text/html", "application/xhtml+xml",
            "text/plain");

    @Override
    public RecordFormat format() {
        return RecordFormat.EXTRACTED_DOCUMENT;
    }

    @Override
    public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
        ExtractedDocument document = ExtractedDocuments.fromJson(raw.payload()).orElseThrow(() ->
                new RecordRejectedException(raw.canonicalId() + ": payload is not an extracted document ("
                        + raw.payload().length + " bytes)"));
        String mime = document.mimeType().toLowerCase(Locale.ROOT);
        CanonicalRecord.Builder record = CanonicalRecord.builder(raw.sourceId(), raw.recordId())
                .format(RecordFormat.EXTRACTED_DOCUMENT)
                .source(source)
                .datestamp(raw.datestamp())
                .kind(kindOf(mime))
                .title(document.first("dc:title").orElseGet(() -> baseName(document.fileName())));
        for (String key : List.of("dc:creator", "xmpDM:artist")) {
            document.metadata().getOrDefault(key, List.of()).forEach(name -> record.creator(Creator.of(name)));
        }
        for (String key : List.of("dcterms:created", "xmpDM:releaseDate", "exif:DateTimeOriginal")) {
            document.first(key).flatMap(ExtractedDocumentCrosswalk::year).ifPresent(record::year);
        }
        document.first("dc:description").ifPresent(record::description);
        document.first("dc:publisher").ifPresent(record::publisher);
        if (!document.text().isBlank()) {
            record.fullText(document.text());
            if (HAN.matcher(document.text()).find()) {
                record.language("chi");
            }
        }
        record.media(new MediaLink(mediaKindOf(mime), document.url(), Optional.of(document.fileName()),
                Optional.of(document.mimeType()), Optional.of(document.bytes())));
        notes(document, record);
        return record.build();
    }

    private static void notes(ExtractedDocument document, CanonicalRecord.Builder record) {
        document.first("xmpTPg:NPages").ifPresent(p -> record.note("页数: " + p));
        document.first("xmpDM:duration").ifPresent(d -> record.note("时长: " + duration(d)));
        document.first("xmpDM:album").ifPresent(a -> record.note("专辑: " + a));
        String camera = (document.first("tiff:Make").orElse("") + " " + document.first("tiff:Model").orElse("")).strip();
        if (!camera.isEmpty()) {
            record.note("相机: " + camera);
        }
        Optional<String> lat = document.first("geo:lat");
        Optional<String> lon = document.first("geo:long");
        if (lat.isPresent() && lon.isPresent()) {
            record.note("拍摄位置: " + lat.get() + ", " + lon.get());
        }
        document.ocr().detail().ifPresent(record::note);
        if (document.textTruncated()) {
            record.note("全文过长，已截断");
        }
    }

    /** Tika gives durations in seconds (audio) with a fraction; shown as m:ss or h:mm:ss. */
    static String duration(String value) {
        try {
            long seconds = Math.round(Double.parseDouble(value.strip()));
            long h = seconds / 3600;
            long m = seconds % 3600 / 60;
            long s = seconds % 60;
            return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static ResourceKind kindOf(String mime) {
        if (mime.startsWith("audio/")) {
            return ResourceKind.AUDIO;
        }
        if (mime.startsWith("video/")) {
            return ResourceKind.VIDEO;
        }
        if (mime.startsWith("image/")) {
            return ResourceKind.IMAGE;
        }
        return TEXT_TYPES.contains(mime) ? ResourceKind.EBOOK : ResourceKind.OTHER;
    }

    static MediaLink.Kind mediaKindOf(String mime) {
        if (mime.equals("application/pdf")) {
            return MediaLink.Kind.PDF;
        }
        if (mime.startsWith("audio/")) {
            return MediaLink.Kind.AUDIO;
        }
        if (mime.startsWith("video/")) {
            return MediaLink.Kind.VIDEO;
        }
        if (mime.startsWith("image/")) {
            return MediaLink.Kind.IMAGE;
        }
        return MediaLink.Kind.FILE;
    }

    private static Optional<Integer> year(String text) {
        Matcher m = YEAR.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        return base.isBlank() ? fileName : base;
    }
}
