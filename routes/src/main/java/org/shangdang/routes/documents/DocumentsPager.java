package org.shangdang.routes.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.shangdang.connectors.extract.DirectoryExtraction;
import org.shangdang.connectors.extract.Extraction;
import org.shangdang.connectors.extract.ExtractionLedger;
import org.shangdang.connectors.extract.ExtractionLimits;
import org.shangdang.connectors.extract.ExtractionService;
import org.shangdang.connectors.extract.OcrSettings;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.config.DocumentsProperties;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for documents sources: each harvest reads the files of the watched directory that are new or changed
 * since they were last read, {@link #PAGE_SIZE} files a page, extracted by an {@link ExtractionService} of
 * {@link DocumentsProperties#workers()} child JVMs, as many files at once as there are workers.
 *
 * <p><b>Once per change.</b> Files stay in place (their {@code file:} URL is the record id and media link); an
 * {@link ExtractionLedger} remembers each file read with its size and modification time. A file is read again only
 * when either changed; a file the ledger knows that is gone becomes a deleted record (removed from the index) and
 * is forgotten. {@code FULL} and {@code INCREMENTAL} are the same here; a re-index from the record store, not a
 * re-read, rebuilds the index.
 *
 * <p><b>Outcomes.</b> An extracted file is one raw record of format {@link RecordFormat#EXTRACTED_DOCUMENT}. A file
 * that is hostile or broken (zip bomb, entity expansion, XXE, encrypted, truncated, too large, too slow, a crashed
 * child) is a reject whose record id is the file's URL, with an empty payload and the reason ({@code ZIP_BOMB}, …
 * and the detail); the job goes on. Only a child JVM that cannot be started at all fails the job.
 *
 * <p><b>Crash safety.</b> Each extracted record is written to the raw store before its file enters the ledger, so a
 * run failing later loses no text (a re-index brings it to the index); a crash between the ledger line and the
 * reject row loses that reject row, not the verdict.
 *
 * <p>Thread-safe as long as one harvest of a source runs at a time (the job tracker ensures it). The extraction
 * service and its children belong to the run: started with the first page, ended when the run ends.
 */
public class DocumentsPager {

    /** Bean name the routes call. */
    public static final String BEAN = "documentsPager";
    /** Files per page. */
    public static final int PAGE_SIZE = 10;
    /** The ledger outcome of a file turned into a record. */
    static final String EXTRACTED = "EXTRACTED";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentsPager.class);

    private final RecordStore store;
    private final Clock clock;
    private final Function<DocumentsProperties, ExtractionService> services;

    /** Extraction in child JVMs of this JVM ({@link ExtractionService#start(int, ExtractionLimits, OcrSettings)}). */
    public DocumentsPager(RecordStore store, Clock clock) {
        this(store, clock, settings -> ExtractionService.start(settings.workers(), limits(settings), ocr(settings)));
    }

    /** @param services starts the extraction service of a run from its source's settings */
    public DocumentsPager(RecordStore store, Clock clock, Function<DocumentsProperties, ExtractionService> services) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.services = Objects.requireNonNull(services, "services");
    }

    /** The per-file limits of a source. */
    public static ExtractionLimits limits(DocumentsProperties settings) {
        return ExtractionLimits.DEFAULT.withMaxFileBytes(settings.maxFileSize().toBytes())
                .withTimeout(settings.timeout())
                .withChildHeapMegabytes((int) settings.childHeap().toMegabytes());
    }

    /** How a source's scans are OCRed. */
    public static OcrSettings ocr(DocumentsProperties settings) {
        return OcrSettings.DEFAULT.withTesseractCommand(settings.tesseract());
    }

    /**
     * Lists the directory, decides which files to read and which records are gone, and opens the run's pages;
     * no file is read yet.
     *
     * @throws UncheckedIOException if the directory cannot be listed or the ledger read (a setup failure)
     */
    public void open(HarvestRun run) {
        DocumentsProperties settings = run.source().documents();
        Path directory = settings.directory();
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("source " + run.sourceId()
                    + ": watched directory does not exist or is not a directory: " + directory));
        }
        ExtractionLedger ledger = ExtractionLedger.open(settings.ledger());
        Path ledgerFile = settings.ledger().toAbsolutePath().normalize();
        List<Path> present = DirectoryExtraction.files(run.sourceId(), directory).stream()
                .filter(p -> !p.toAbsolutePath().normalize().equals(ledgerFile))
                .toList();
        List<FileState> toRead = new ArrayList<>();
        for (Path file : present) {
            Optional<FileState> state = FileState.of(file);
            if (state.isPresent() && !ledger.isCurrent(file, state.get().size(), state.get().modified())) {
                toRead.add(state.get());
            }
        }
        List<Path> gone = ledger.missing(present);
        LOG.info("harvest job {} of {}: {} file(s) in {}, {} new or changed, {} gone", run.jobId(), run.sourceId(),
                present.size(), directory, toRead.size(), gone.size());
        run.open(new Pages(run.sourceId(), settings, ledger, toRead, gone), Optional.empty());
    }

    /** Whether another page follows. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Extracts the next page's files and makes it the run's current page; blocks while the children work. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    /** A file with the size and modification time seen before reading it. */
    private record FileState(Path file, long size, Instant modified) {
        static Optional<FileState> of(Path file) {
            try {
                return Optional.of(new FileState(file, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
            } catch (IOException e) {
                // Gone between listing and now: the next run sees whether it came back.
                return Optional.empty();
            }
        }
    }

    private final class Pages implements PageSource {

        private final String sourceId;
        private final DocumentsProperties settings;
        private final ExtractionLedger ledger;
        private final Deque<FileState> toRead;
        private final List<Path> gone;
        private final long total;
        private long done;
        private ExtractionService service;
        private ExecutorService threads;
        private boolean goneTaken;

        Pages(String sourceId, DocumentsProperties settings, ExtractionLedger ledger, List<FileState> toRead,
                List<Path> gone) {
            this.sourceId = sourceId;
            this.settings = settings;
            this.ledger = ledger;
            this.toRead = new ArrayDeque<>(toRead);
            this.gone = List.copyOf(gone);
            this.total = toRead.size() + gone.size();
        }

        @Override
        public boolean hasNext() {
            return !toRead.isEmpty() || (!goneTaken && !gone.isEmpty());
        }

        @Override
        public HarvestPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException("source " + sourceId + ": no more files");
            }
            long cursor = done;
            List<RawRecord> records = new ArrayList<>();
            List<HarvestPage.Rejected> rejects = new ArrayList<>();
            if (!goneTaken) {
                goneTaken = true;
                for (Path file : gone) {
                    records.add(new RawRecord(sourceId, file.toUri().toString(), clock.instant(),
                            RecordFormat.EXTRACTED_DOCUMENT, new byte[0], RecordStatus.DELETED));
                    ledger.forget(file);
                }
                done += gone.size();
            }
            List<FileState> batch = new ArrayList<>();
            while (batch.size() < PAGE_SIZE && !toRead.isEmpty()) {
                batch.add(toRead.poll());
            }
            List<Extraction> outcomes = extract(batch);
            for (int i = 0; i < batch.size(); i++) {
                FileState file = batch.get(i);
                Extraction outcome = outcomes.get(i);
                if (outcome instanceof Extraction.Extracted extracted) {
                    store.upsertRaw(List.of(extracted.record()));
                    records.add(extracted.record());
                    ledger.record(file.file(), file.size(), file.modified(), EXTRACTED);
                } else {
                    Extraction.Rejected rejected = (Extraction.Rejected) outcome;
                    rejects.add(new HarvestPage.Rejected(new RawRecord(sourceId, rejected.location(), file.modified(),
                            RecordFormat.EXTRACTED_DOCUMENT, new byte[0], RecordStatus.PRESENT),
                            "source " + sourceId + ", file " + settings.directory().relativize(file.file()) + ": "
                                    + rejected.reason() + " (" + rejected.detail() + ")"));
                    ledger.record(file.file(), file.size(), file.modified(), rejected.reason().name());
                }
            }
            done += batch.size();
            Optional<Instant> max = records.stream().map(RawRecord::datestamp).max(Instant::compareTo);
            return new HarvestPage(records, Optional.empty(), max, Optional.of(total), Optional.of(cursor), rejects);
        }

        /** The outcomes of a batch, in its order, as many files at once as the service has workers. */
        private List<Extraction> extract(List<FileState> batch) {
            if (batch.isEmpty()) {
                return List.of();
            }
            if (service == null) {
                service = services.apply(settings);
                threads = Executors.newFixedThreadPool(settings.workers(), runnable -> {
                    Thread thread = new Thread(runnable, "extract-" + sourceId);
                    thread.setDaemon(true);
                    return thread;
                });
            }
            List<CompletableFuture<Extraction>> futures = batch.stream()
                    .map(f -> CompletableFuture.supplyAsync(() -> service.extract(sourceId, f.file(), settings.script()),
                            threads))
                    .toList();
            try {
                return futures.stream().map(CompletableFuture::join).toList();
            } catch (CompletionException e) {
                // A child that cannot be started at all is a setup failure: it ends the job.
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        @Override
        public void close() {
            if (threads != null) {
                threads.shutdownNow();
            }
            if (service != null) {
                service.close();
            }
            toRead.clear();
        }
    }
}
