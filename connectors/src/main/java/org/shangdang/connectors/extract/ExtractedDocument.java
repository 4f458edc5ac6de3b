package org.shangdang.connectors.extract;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What extraction learnt about one file: the payload of a {@link org.shangdang.record.RecordFormat#EXTRACTED_DOCUMENT}
 * raw record, serialised as JSON by {@link ExtractedDocuments}. Immutable.
 *
 * @param url where the file is: a {@code file:} URI for a watched directory, or the URL a record referenced
 * @param fileName the file's name, e.g. {@code 潞安府志-卷一.pdf}
 * @param bytes the file's size
 * @param mimeType the detected media type, parameters stripped, e.g. {@code application/pdf}
 * @param metadata Tika's metadata by key ({@code dc:title}, {@code dc:creator}, {@code dcterms:created},
 *     {@code xmpDM:artist}, {@code xmpDM:duration}, EXIF {@code tiff:Make}, {@code exif:DateTimeOriginal},
 *     {@code geo:lat}…), sorted; values as Tika gives them
 * @param text the text layer, or the OCR text when the file is an image or an image-only scan; empty if none
 * @param textTruncated whether {@code text} was cut at {@link ExtractionLimits#maxTextCharacters()}
 * @param ocr what OCR did
 */
public record ExtractedDocument(
        String url,
        String fileName,
        long bytes,
        String mimeType,
        Map<String, List<String>> metadata,
        String text,
        boolean textTruncated,
        Ocr ocr) {

    public ExtractedDocument {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
        text = text == null ? "" : text;
        ocr = ocr == null ? Ocr.notNeeded() : ocr;
    }

    /** The first value of a metadata key. */
    public Optional<String> first(String key) {
        return metadata.getOrDefault(key, List.of()).stream().filter(v -> !v.isBlank()).findFirst();
    }

    /** What OCR did for a file. */
    public enum OcrStatus {
        /** The file had a text layer, or is not an image. */
        NOT_NEEDED,
        /** OCR ran and its text is {@link ExtractedDocument#text()}. */
        DONE,
        /** OCR ran but found no legible text (below {@link OcrSettings#minimumConfidence()}). */
        NO_TEXT,
        /** OCR was needed but could not run (Tesseract or a model is absent); {@link Ocr#detail()} says why. */
        SKIPPED
    }

    /**
     * @param status what happened
     * @param language the Tesseract model whose result was kept, e.g. {@code chi_tra}
     * @param meanConfidence the kept result's mean word confidence, 0–100
     * @param detail for a person: why OCR was skipped, which models were compared
     */
    public record Ocr(OcrStatus status, Optional<String> language, Optional<Double> meanConfidence, Optional<String> detail) {

        public Ocr {
            Objects.requireNonNull(status, "status");
            language = language == null ? Optional.empty() : language;
            meanConfidence = meanConfidence == null ? Optional.empty() : meanConfidence;
            detail = detail == null ? Optional.empty() : detail;
        }

        public static Ocr notNeeded() {
            return new Ocr(OcrStatus.NOT_NEEDED, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Ocr skipped(String why) {
            return new Ocr(OcrStatus.SKIPPED, Optional.empty(), Optional.empty(), Optional.of(why));
        }
    }
}
