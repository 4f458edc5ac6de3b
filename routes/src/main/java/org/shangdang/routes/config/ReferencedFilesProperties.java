package org.shangdang.routes.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shangdang.connectors.extract.ExtractionLimits;
import org.shangdang.connectors.extract.OcrSettings;
import org.shangdang.connectors.extract.Script;
import org.shangdang.connectors.files.FileFetchLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Files that records reference, fetched and extracted during harvests ({@code shangdang.harvest.files}): PDFs, OCR
 * text and other files for their text, audio and video for their title, artist and duration.
 *
 * @param sources the ids of the sources whose records' files are fetched; none by default
 * @param maxFileSize a document larger than this is rejected (reading stops there); default 100MB
 * @param mediaPrefix of audio and video only this many first bytes are read (tags and headers), never the whole
 *     recording; a duration is kept only for files that fit; default 4MB
 * @param connectTimeout default 10s
 * @param readTimeout longest wait for bytes in one read; default 30s
 * @param deadline longest time for one whole fetch, redirects included; default 120s
 * @param maxRedirects default 5
 * @param fileRoot the only directory {@code file:} links may point into; absent: {@code file:} links are refused
 * @param tempDir where fetched files wait for extraction; default the system's temporary directory
 * @param workers Tika child JVMs; default 1. A page's files are read one after another, so more than one helps only
 *     when several opted-in sources harvest at once
 * @param timeout longest extraction of one file (OCR included) before its child is killed; default 120s
 * @param childHeap heap of each child JVM; default 512MB
 * @param tesseract the Tesseract command for image-only scans; default {@code tesseract}
 * @param script the script of scans, which picks the OCR model(s); default {@code unknown} (tries both)
 */
@ConfigurationProperties("shangdang.harvest.files")
public record ReferencedFilesProperties(
        @DefaultValue List<String> sources,
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("4MB") DataSize mediaPrefix,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("120s") Duration deadline,
        @DefaultValue("5") int maxRedirects,
        Path fileRoot,
        Path tempDir,
        @DefaultValue("1") int workers,
        @DefaultValue("120s") Duration timeout,
        @DefaultValue("512MB") DataSize childHeap,
        @DefaultValue("tesseract") String tesseract,
        @DefaultValue("UNKNOWN") Script script) {

    private static final String WHERE = "shangdang.harvest.files.";

    public ReferencedFilesProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException(WHERE + "workers must be between 1 and 16; got: " + workers);
        }
        try {
            new FileFetchLimits(maxFileSize.toBytes(), mediaPrefix.toBytes(), connectTimeout, readTimeout, deadline,
                    maxRedirects);
            new ExtractionLimits(maxFileSize.toBytes(), timeout, (int) childHeap.toMegabytes(),
                    ExtractionLimits.DEFAULT.maxTextCharacters());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(WHERE + e.getMessage(), e);
        }
    }

    /** Whether the files of this source's records are fetched. */
    public boolean fetches(String sourceId) {
        return Set.copyOf(sources).contains(sourceId);
    }

    /** The fetch limits. */
    public FileFetchLimits fetchLimits() {
        return new FileFetchLimits(maxFileSize.toBytes(), mediaPrefix.toBytes(), connectTimeout, readTimeout, deadline,
                maxRedirects);
    }

    /** The extraction limits; a media prefix never exceeds the file limit. */
    public ExtractionLimits extractionLimits() {
        return new ExtractionLimits(Math.max(maxFileSize.toBytes(), mediaPrefix.toBytes()), timeout,
                (int) childHeap.toMegabytes(), ExtractionLimits.DEFAULT.maxTextCharacters());
    }

    /** How scans are OCRed. */
    public OcrSettings ocr() {
        return OcrSettings.DEFAULT.withTesseractCommand(tesseract);
    }

    /** The configured file root. */
    public Optional<Path> fileRootDirectory() {
        return Optional.ofNullable(fileRoot);
    }

    /** Where fetched files wait for extraction. */
    public Path temporaryDirectory() {
        return tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
