package org.shangdang.routes.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.extract.ExtractionService;
import org.shangdang.connectors.files.FileOutcome;
import org.shangdang.connectors.files.FileValidators;
import org.shangdang.connectors.files.ReferencedFileExtraction;
import org.shangdang.connectors.files.ReferencedFileFetcher;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.config.ReferencedFilesProperties;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that records reference, for the sources listed in {@code shangdang.harvest.files.sources}.
 *
 * <p><b>Harvest step</b> {@link #fetch(HarvestRun)}, between storing the page's raw records and crosswalking them:
 * for every PDF, OCR-text, file, audio and video link of the page's records, fetches the file (conditionally, with
 * the ETag/Last-Modified of the last fetch, so an unchanged file is not transferred again) and extracts it in the
 * isolated Tika children; the outcome goes to the {@link ReferencedFileStore}. A file that cannot be fetched or is
 * hostile (zip bomb, too large, wrong type, too slow…) is a reject in the rejects store, record id = the file's URL,
 * reason = source, record, URL and the fetch or Tika error; the record itself is indexed without that file's text,
 * and the job goes on. Only an extraction child that cannot be started at all fails the job.
 *
 * <p><b>Enrichment</b> {@link #attach(CanonicalRecord)}, run by every crosswalk (harvest, re-index, clustering): adds
 * the stored text of the record's read documents to its full text and the stored title, artist and duration to its
 * audio and video links. Idempotent as long as the crosswalk builds the record afresh.
 *
 * <p>Thread-safe. The Tika children start with the first file and live until {@link #close()}.
 */
public class ReferencedFiles implements AutoCloseable {

    /** Bean name the routes call. */
    public static final String BEAN = "referencedFiles";

    private static final Logger LOG = LoggerFactory.getLogger(ReferencedFiles.class);

    private final ReferencedFilesProperties settings;
    private final ReferencedFileStore files;
    private final RecordStore store;
    private final Clock clock;
    private final Supplier<ExtractionService> services;
    private final Crosswalks linkFinder = Crosswalks.standard();
    private ExtractionService service;
    private boolean closed;

    /** Extraction in child JVMs of this JVM, with the configured limits. */
    public ReferencedFiles(ReferencedFilesProperties settings, ReferencedFileStore files, RecordStore store, Clock clock) {
        this(settings, files, store, clock, () -> ExtractionService.start(settings.workers(), settings.extractionLimits(),
                settings.ocr()));
    }

    /** @param services starts the extraction service, on the first file */
    public ReferencedFiles(ReferencedFilesProperties settings, ReferencedFileStore files, RecordStore store, Clock clock,
            Supplier<ExtractionService> services) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.files = Objects.requireNonNull(files, "files");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * Fetches and extracts the files the current page's records reference, if the run's source opts in; blocks while
     * the files are read.
     */
    public void fetch(HarvestRun run) {
        String sourceId = run.sourceId();
        if (!settings.fetches(sourceId)) {
            return;
        }
        Map<String, Referenced> links = new LinkedHashMap<>();
        for (RawRecord raw : run.page().records()) {
            if (raw.isDeleted()) {
                continue;
            }
            CanonicalRecord record;
            try {
                record = linkFinder.forFormat(raw.format()).map(raw, run.source().sourceInfo());
            } catch (RuntimeException | org.shangdang.record.RecordRejectedException e) {
                // The crosswalk step rejects it with its reason; no file of it is fetched.
                continue;
            }
            for (MediaLink link : record.media()) {
                if (ReferencedFileFetcher.isFetched(link.kind())) {
                    links.putIfAbsent(link.url(), new Referenced(raw, link));
                }
            }
        }
        if (links.isEmpty()) {
            return;
        }
        ReferencedFileExtraction extraction = extraction();
        int read = 0;
        int unchanged = 0;
        int failed = 0;
        for (Referenced referenced : links.values()) {
            Optional<ReferencedFileStore.Row> known = files.find(sourceId, referenced.link().url());
            Optional<FileValidators> validators = known.map(ReferencedFileStore.Row::validators)
                    .filter(FileValidators::conditional);
            FileOutcome outcome = extraction.process(sourceId, referenced.link(), validators);
            if (outcome instanceof FileOutcome.Unchanged) {
                unchanged++;
            } else if (outcome instanceof FileOutcome.Read r) {
                files.save(new ReferencedFileStore.Row(sourceId, r.url(), r.validators(), ReferencedFileStore.READ,
                        Optional.empty(), r.text(), r.media(), clock.instant()));
                read++;
            } else {
                FileOutcome.Failed f = (FileOutcome.Failed) outcome;
                files.save(new ReferencedFileStore.Row(sourceId, f.url(),
                        f.validators().orElse(new FileValidators(Optional.empty(), Optional.empty(), Optional.empty())),
                        f.reason(), Optional.of(f.detail()), Optional.empty(), Optional.empty(), clock.instant()));
                reject(run, referenced, f);
                failed++;
            }
        }
        LOG.info("harvest job {} of {}: {} referenced file(s): {} read, {} unchanged, {} failed", run.jobId(), sourceId,
                links.size(), read, unchanged, failed);
    }

    private void reject(HarvestRun run, Referenced referenced, FileOutcome.Failed failed) {
        RawRecord file = new RawRecord(run.sourceId(), referenced.link().url(), clock.instant(),
                RecordFormat.EXTRACTED_DOCUMENT, new byte[0], RecordStatus.PRESENT);
        String reason = "source " + run.sourceId() + ", record " + referenced.raw().recordId() + ", "
                + referenced.link().kind().value() + " file " + failed.url() + ": " + failed.reason() + " ("
                + failed.detail() + "); the record is indexed without it";
        store.addReject(run.jobId(), file, reason);
        run.addRejected();
        LOG.warn("harvest job {} of {}: {}", run.jobId(), run.sourceId(), reason);
    }

    /**
     * The record with what was read from its referenced files: their text after its own full text, title, artist
     * and duration on its audio and video links. Unchanged for sources that do not opt in, or without read files.
     */
    public CanonicalRecord attach(CanonicalRecord record) {
        if (!settings.fetches(record.sourceId())) {
            return record;
        }
        List<String> urls = record.media().stream().filter(m -> ReferencedFileFetcher.isFetched(m.kind()))
                .map(MediaLink::url).distinct().toList();
        if (urls.isEmpty()) {
            return record;
        }
        Map<String, ReferencedFileStore.Row> read = new LinkedHashMap<>();
        for (ReferencedFileStore.Row row : files.findRead(record.sourceId(), urls)) {
            read.put(row.url(), row);
        }
        if (read.isEmpty()) {
            return record;
        }
        List<MediaLink> media = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        record.fullText().ifPresent(texts::add);
        for (MediaLink link : record.media()) {
            ReferencedFileStore.Row row = read.get(link.url());
            if (row == null) {
                media.add(link);
                continue;
            }
            media.add(row.media().map(m -> link.withMetadata(m, row.validators().bytes())).orElse(link));
            row.text().filter(t -> !texts.contains(t)).ifPresent(texts::add);
        }
        Optional<String> fullText = texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n\n", texts));
        return record.withDigitalObject(media, fullText);
    }

    private synchronized ReferencedFileExtraction extraction() {
        if (closed) {
            throw new IllegalStateException("referenced-file extraction is closed");
        }
        if (service == null) {
            try {
                Files.createDirectories(settings.temporaryDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + settings.temporaryDirectory()
                        + " (shangdang.harvest.files.temp-dir)", e);
            }
            service = services.get();
        }
        return new ReferencedFileExtraction(new ReferencedFileFetcher(settings.fetchLimits(), settings.fileRootDirectory()),
                service, settings.temporaryDirectory(), settings.script());
    }

    /** Ends the Tika children; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (service != null) {
            service.close();
            service = null;
        }
    }

    private record Referenced(RawRecord raw, MediaLink link) {}
}
