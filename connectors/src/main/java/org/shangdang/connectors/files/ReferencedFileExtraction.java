package org.shangdang.connectors.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.extract.ExtractedDocument;
import org.shangdang.connectors.extract.Extraction;
import org.shangdang.connectors.extract.ExtractionService;
import org.shangdang.connectors.extract.Script;
import org.shangdang.record.MediaLink;
import org.shangdang.record.MediaMetadata;

/**
 * Fetches a record's referenced file with a {@link ReferencedFileFetcher} and extracts it in the isolated Tika
 * children of an {@link ExtractionService} (its size, time and memory limits, its OCR of image-only scans): the text
 * of a PDF, OCR text or other document, the title, artist and duration of an audio or video file.
 *
 * <p>Of an audio or video file cut after its first bytes, the duration is not kept (a frame count over a prefix would
 * understate it); files that fit in the prefix, or whose whole body was read, keep it. Nothing a file contains makes
 * it throw; a child that cannot be started at all does ({@link IllegalStateException}, a setup failure).
 *
 * <p>Thread-safe as its parts are; it does not own the extraction service (the caller closes it). Temporary copies are
 * deleted after each file.
 */
public final class ReferencedFileExtraction {

    private final ReferencedFileFetcher fetcher;
    private final ExtractionService extraction;
    private final Path tempDir;
    private final Script script;

    /**
     * @param tempDir where fetched files are kept while they are extracted
     * @param script the declared script of scans, which picks the OCR model(s)
     */
    public ReferencedFileExtraction(ReferencedFileFetcher fetcher, ExtractionService extraction, Path tempDir,
            Script script) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.extraction = Objects.requireNonNull(extraction, "extraction");
        this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
        this.script = Objects.requireNonNull(script, "script");
    }

    /**
     * Fetches and extracts one link's file.
     *
     * @param known the validators of the version read before, if any: the request is then conditional
     */
    public FileOutcome process(String sourceId, MediaLink link, Optional<FileValidators> known) {
        FileFetch fetch = fetcher.fetch(link, known, tempDir);
        if (fetch instanceof FileFetch.Unchanged) {
            return new FileOutcome.Unchanged(link.url());
        }
        if (fetch instanceof FileFetch.Refused refused) {
            return new FileOutcome.Failed(link.url(), refused.reason(), refused.detail(), Optional.empty());
        }
        FileFetch.Fetched fetched = (FileFetch.Fetched) fetch;
        try {
            Extraction outcome = extraction.extract(sourceId, fetched.file(), link.url(), script);
            if (outcome instanceof Extraction.Rejected rejected) {
                return new FileOutcome.Failed(link.url(), rejected.reason().name(), rejected.detail(),
                        Optional.of(fetched.validators()));
            }
            ExtractedDocument document = ((Extraction.Extracted) outcome).document();
            Optional<Long> bytes = fetched.validators().bytes();
            if (link.kind() == MediaLink.Kind.AUDIO || link.kind() == MediaLink.Kind.VIDEO) {
                Optional<Duration> duration = fetched.extent() == FileFetch.Extent.WHOLE
                        ? document.first("xmpDM:duration").flatMap(ReferencedFileExtraction::seconds)
                        : Optional.empty();
                MediaMetadata media = new MediaMetadata(document.first("dc:title"),
                        document.first("xmpDM:artist").or(() -> document.first("dc:creator")), duration);
                return new FileOutcome.Read(link.url(), fetched.validators(), Optional.empty(), Optional.of(media), bytes);
            }
            return new FileOutcome.Read(link.url(), fetched.validators(), Optional.of(document.text()), Optional.empty(),
                    bytes);
        } finally {
            try {
                Files.deleteIfExists(fetched.file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the temporary copy " + fetched.file(), e);
            }
        }
    }

    /** Tika 3 gives {@code xmpDM:duration} in seconds, e.g. {@code 2.0114}. */
    static Optional<Duration> seconds(String value) {
        try {
            double seconds = Double.parseDouble(value.strip());
            if (!Double.isFinite(seconds) || seconds < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
