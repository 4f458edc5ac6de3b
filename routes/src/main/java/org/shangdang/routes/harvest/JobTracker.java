package org.shangdang.routes.harvest;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The first and last step of every harvest route: starts the job (at most one per source at a time),
 * records progress after each page, and ends the job completed or failed.
 *
 * <p>Thread-safe. While a run is between {@link #start} and {@link #complete}/{@link #fail}, the logging
 * context carries {@value #MDC_SOURCE} and {@value #MDC_JOB} on the route's thread.
 */
public class JobTracker {

    /** Bean name the routes call. */
    public static final String BEAN = "harvestJobTracker";
    /** MDC key of the source id. */
    public static final String MDC_SOURCE = "sourceId";
    /** MDC key of the job id. */
    public static final String MDC_JOB = "jobId";

    private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);

    private final SourcesProperties sources;
    private final RecordStore store;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public JobTracker(SourcesProperties sources, RecordStore store) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Starts a job for the request.
     *
     * @throws UnknownSourceException if no enabled source has that id
     * @throws HarvestAlreadyRunningException if a job of that source is running
     */
    public HarvestRun start(HarvestRequest request) {
        SourceProperties source = sources.source(request.sourceId())
                .filter(SourceProperties::enabled)
                .orElseThrow(() -> new UnknownSourceException(request.sourceId(),
                        sources.enabled().stream().map(SourceProperties::id).toList()));
        if (!running.add(source.id())) {
            throw new HarvestAlreadyRunningException(source.id());
        }
        try {
            JobStatus job = store.startJob(source.id(), request.mode());
            HarvestRun run = new HarvestRun(source, job, store.checkpoint(source.id()));
            MDC.put(MDC_SOURCE, source.id());
            MDC.put(MDC_JOB, Long.toString(job.id()));
            LOG.info("harvest job {} of {} started ({})", job.id(), source.id(), request.mode());
            return run;
        } catch (RuntimeException e) {
            running.remove(source.id());
            throw e;
        }
    }

    /** Whether a job of this source is running in this application. */
    public boolean isRunning(String sourceId) {
        return running.contains(sourceId);
    }

    /** Writes the run's counters to its job row. */
    public void progress(HarvestRun run) {
        JobStatus status = run.status();
        store.updateJob(status);
        LOG.info("harvest job {} of {}: page {} done; seen {}, stored {}, indexed {}, rejected {}, deleted {}",
                status.id(), status.sourceId(), status.pages(), status.seen(), status.stored(), status.indexed(),
                status.rejected(), status.deleted());
    }

    /** Ends the run's job as completed and returns its final status. */
    public JobStatus complete(HarvestRun run) {
        try {
            run.closePages();
            store.updateJob(run.status());
            JobStatus done = store.finishJob(run.jobId(), JobState.COMPLETED, Optional.empty());
            long millis = Math.max(1, java.time.Duration.between(done.startedAt(),
                    done.endedAt().orElseGet(java.time.Instant::now)).toMillis());
            LOG.info("harvest job {} of {} completed: {} pages; seen {}, stored {}, indexed {}, rejected {}, deleted {};"
                            + " {} ms, {} records/s",
                    done.id(), done.sourceId(), done.pages(), done.seen(), done.stored(), done.indexed(),
                    done.rejected(), done.deleted(), millis, Math.round(done.seen() * 1000.0 / millis));
            return done;
        } finally {
            release(run);
        }
    }

    /**
     * Ends the run's job as failed with the cause as its reason; the checkpoint stays at the last
     * committed page and stored records stay.
     */
    public JobStatus fail(HarvestRun run, Exception cause) {
        try {
            run.closePages();
            store.updateJob(run.status());
            String reason = reason(cause);
            JobStatus failed = store.finishJob(run.jobId(), JobState.FAILED, Optional.of(reason));
            LOG.error("harvest job {} of {} failed after {} pages: {}", failed.id(), failed.sourceId(), failed.pages(),
                    reason, cause);
            return failed;
        } finally {
            release(run);
        }
    }

    private void release(HarvestRun run) {
        running.remove(run.sourceId());
        MDC.remove(MDC_SOURCE);
        MDC.remove(MDC_JOB);
    }

    private static String reason(Exception cause) {
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
