package org.shangdang.connectors.extract;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import tools.jackson.core.JacksonException;

/**
 * Extracts files in a pool of child JVMs, one file per child at a time, under {@link ExtractionLimits}.
 *
 * <p><b>Outcomes.</b> Every call returns an {@link Extraction}: a raw record of format
 * {@link RecordFormat#EXTRACTED_DOCUMENT} (record id = the file's URL, datestamp = its last-modified time,
 * payload = {@link ExtractedDocument} JSON), or a rejected entry with its {@link RejectReason}. Nothing a file
 * contains makes it throw. A file above the size limit is rejected without being read. A child that gives no
 * answer within the time limit is killed ({@link RejectReason#TIMEOUT}); one that dies is
 * {@link RejectReason#OUT_OF_MEMORY} (exit code 3 from {@code -XX:+ExitOnOutOfMemoryError}) or
 * {@link RejectReason#CHILD_CRASHED}; either way a fresh child takes its place for the next file.
 *
 * <p><b>Threads.</b> Thread-safe: up to {@code workers} calls run at once, further callers wait for a free
 * child. Children start lazily, on their first file (a few seconds, as Tika loads its parsers).
 *
 * <p><b>Closing.</b> {@link #close()} ends every child; it is idempotent, and calls after it throw
 * {@link IllegalStateException}.
 */
public final class ExtractionService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ExtractionService.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final ExtractionLimits limits;
    private final OcrSettings ocr;
    private final ChildJvm jvm;
    private final BlockingQueue<Worker> idle;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicInteger replacedChildren = new AtomicInteger();
    private volatile boolean closed;

    /** One slot of the pool; its child is started on demand and replaced after a kill or crash. */
    private final class Worker {
        private ChildProcess child;

        synchronized ChildProcess child() throws IOException {
            if (child == null || !child.isAlive()) {
                child = ChildProcess.start(jvm, limits.childHeapMegabytes(), STARTUP_TIMEOUT);
            }
            return child;
        }

        synchronized void discard() {
            if (child != null) {
                child.kill();
                child = null;
                replacedChildren.incrementAndGet();
            }
        }

        synchronized Optional<Long> pid() {
            return child == null || !child.isAlive() ? Optional.empty() : Optional.of(child.pid());
        }

        synchronized void close() {
            if (child != null) {
                child.close();
                child = null;
            }
        }
    }

    private ExtractionService(int workerCount, ExtractionLimits limits, OcrSettings ocr, ChildJvm jvm) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers must be >= 1; got: " + workerCount);
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ocr = Objects.requireNonNull(ocr, "ocr");
        this.jvm = Objects.requireNonNull(jvm, "jvm");
        this.idle = new ArrayBlockingQueue<>(workerCount);
        for (int i = 0; i < workerCount; i++) {
            Worker worker = new Worker();
            workers.add(worker);
            idle.add(worker);
        }
    }

    /** A pool of {@code workers} children of the running JVM ({@link ChildJvm#current()}). */
    public static ExtractionService start(int workers, ExtractionLimits limits, OcrSettings ocr) {
        return new ExtractionService(workers, limits, ocr, ChildJvm.current());
    }

    /** A pool whose children start as {@code jvm} says. */
    public static ExtractionService start(int workers, ExtractionLimits limits, OcrSettings ocr, ChildJvm jvm) {
        return new ExtractionService(workers, limits, ocr, jvm);
    }

    /** As {@link #extract(String, Path, String, Script)} with the file's {@code file:} URI as its URL. */
    public Extraction extract(String sourceId, Path file, Script script) {
        return extract(sourceId, file, file.toAbsolutePath().toUri().toString(), script);
    }

    /**
     * Extracts one file.
     *
     * @param sourceId the source the raw record belongs to
     * @param file the local file (a downloaded copy, for a file a record references)
     * @param url the URL the record keeps for it
     * @param script the declared script of a scan, which picks the OCR model(s)
     * @throws IllegalStateException if the service is closed, or a child cannot be started at all (a setup failure)
     */
    public Extraction extract(String sourceId, Path file, String url, Script script) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(script, "script");
        if (closed) {
            throw new IllegalStateException("extraction service is closed");
        }
        long size;
        Instant modified;
        try {
            if (!Files.isRegularFile(file)) {
                return new Extraction.Rejected(url, RejectReason.UNREADABLE, "not a regular file: " + file);
            }
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return new Extraction.Rejected(url, RejectReason.UNREADABLE, DocumentExtractor.describe(e));
        }
        if (size > limits.maxFileBytes()) {
            return new Extraction.Rejected(url, RejectReason.TOO_LARGE, size + " bytes > limit " + limits.maxFileBytes());
        }
        Worker worker;
        try {
            worker = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an extraction child", e);
        }
        try {
            return extractIn(worker, sourceId, file, url, script, modified);
        } finally {
            idle.add(worker);
        }
    }

    private Extraction extractIn(Worker worker, String sourceId, Path file, String url, Script script, Instant modified) {
        ChildProcess child;
        try {
            child = worker.child();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an extraction child JVM: " + e.getMessage(), e);
        }
        String request = ExtractedDocuments.JSON.writeValueAsString(new ChildProtocol.Request(
                file.toAbsolutePath().toString(), url, script, limits.maxTextCharacters(), ocr));
        Optional<String> answer;
        try {
            answer = child.exchange(request, limits.timeout());
        } catch (IOException e) {
            answer = Optional.empty();
        }
        if (answer.isEmpty()) {
            return childFailed(worker, child, url);
        }
        ChildProtocol.Response response;
        try {
            response = ExtractedDocuments.JSON.readValue(answer.get(), ChildProtocol.Response.class);
        } catch (JacksonException e) {
            worker.discard();
            return new Extraction.Rejected(url, RejectReason.CHILD_CRASHED, "unreadable answer from the child: "
                    + e.getOriginalMessage());
        }
        if (response.document().isEmpty()) {
            return new Extraction.Rejected(url, response.reason().orElse(RejectReason.CORRUPT),
                    response.detail().orElse("no detail"));
        }
        ExtractedDocument document = response.document().get();
        RawRecord record = new RawRecord(sourceId, url, modified, RecordFormat.EXTRACTED_DOCUMENT,
                ExtractedDocuments.toJson(document), RecordStatus.PRESENT);
        return new Extraction.Extracted(record, document);
    }

    private Extraction childFailed(Worker worker, ChildProcess child, String url) {
        if (!child.closedOutput() && child.isAlive()) {
            LOG.log(Level.WARNING, "extraction child {0} gave no answer for {1} within {2} s; killing it",
                    child.pid(), url, limits.timeout().toSeconds());
            worker.discard();
            return new Extraction.Rejected(url, RejectReason.TIMEOUT, "no result within " + limits.timeout().toSeconds()
                    + " s; child killed");
        }
        Optional<Integer> exit = child.exitCode();
        String stderr = child.stderrTail();
        worker.discard();
        if (exit.filter(code -> code == 3).isPresent() || stderr.contains("OutOfMemoryError")) {
            return new Extraction.Rejected(url, RejectReason.OUT_OF_MEMORY, "child ran out of its "
                    + limits.childHeapMegabytes() + " MB heap and exited");
        }
        return new Extraction.Rejected(url, RejectReason.CHILD_CRASHED, "child exited"
                + exit.map(c -> " with code " + c).orElse("") + (stderr.isEmpty() ? "" : ": " + stderr));
    }

    /** How many children were killed or died and were replaced, since the start. */
    public int replacedChildren() {
        return replacedChildren.get();
    }

    /** The process ids of the children running now (for measuring their memory). */
    public List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        for (Worker worker : workers) {
            worker.pid().ifPresent(pids::add);
        }
        return pids;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker worker : workers) {
            worker.close();
        }
    }
}
