package org.shangdang.connectors.extract;

import java.util.Objects;

/**
 * How scans and images are OCRed.
 *
 * @param tesseractCommand the {@code tesseract} executable, a name looked up on {@code PATH} or a path; where it
 *     cannot be run, OCR is skipped and the extracted document says so
 * @param minimumConfidence OCR text whose mean word confidence (0–100) is below this is dropped as noise (a photo
 *     without writing), with a note
 * @param maxPages pages of an image-only PDF that are OCRed; the rest are left out, with a note
 */
public record OcrSettings(String tesseractCommand, int minimumConfidence, int maxPages) {

    /** {@code tesseract} on the PATH, confidence 50, 100 pages. */
    public static final OcrSettings DEFAULT = new OcrSettings("tesseract", 50, 100);

    public OcrSettings {
        Objects.requireNonNull(tesseractCommand, "tesseractCommand");
        if (tesseractCommand.isBlank()) {
            throw new IllegalArgumentException("tesseractCommand must not be blank");
        }
        if (minimumConfidence < 0 || minimumConfidence > 100) {
            throw new IllegalArgumentException("minimumConfidence must be 0-100; got: " + minimumConfidence);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1; got: " + maxPages);
        }
    }

    public OcrSettings withTesseractCommand(String command) {
        return new OcrSettings(command, minimumConfidence, maxPages);
    }
}
