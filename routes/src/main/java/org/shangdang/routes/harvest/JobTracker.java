package org.shangdang.routes.harvest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.HarvestStoppedException;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.breaker.SourceCircuits;
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
 *
 * <p>A stop request ({@link #requestStop}) is honoured between pages: {@link #progress} then throws
 * {@link HarvestStoppedException}, which the route hands to {@link #fail}, and the job ends
 * {@link JobState#STOPPED} with the checkpoint of its last committed page.
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
    private final Map<Long, LiveJob> live = new ConcurrentHashMap<>();
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private final Optional<SourceCircuits> circuits;

    /** A tracker without circuit breakers: every harvest may start. */
    public JobTracker(SourcesProperties sources, RecordStore store) {
        this(sources, store, Optional.empty());
    }

    /**
     * A tracker that asks the sources' circuit breakers before a job starts and tells them how it ended (before the
     * listeners hear of it).
     */
    public JobTracker(SourcesProperties sources, RecordStore store, Optional<SourceCircuits> circuits) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.store = Objects.requireNonNull(store, "store");
        this.circuits = Objects.requireNonNull(circuits, "circuits");
    }

    /**
     * Starts a job for the request.
     *
     * @throws UnknownSourceException if no enabled source has that id
     * @throws HarvestAlreadyRunningException if a job of that source is running
     * @throws SourceCircuitOpenException if the source is circuit-broken and the request does not force it
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
            circuits.ifPresent(c -> c.checkAllowed(source.id(), request.circuit()));
            JobStatus job = store.startJob(source.id(), request.mode());
            HarvestRun run = new HarvestRun(source, job, store.checkpoint(source.id()));
            MDC.put(MDC_SOURCE, source.id());
            MDC.put(MDC_JOB, Long.toString(job.id()));
            live.put(job.id(), new LiveJob(source.id()));
            LOG.info("harvest job {} of {} started ({})", job.id(), source.id(), request.mode());
            notifyListeners(listener -> listener.started(job));
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

    /** The id of the job of this source running in this application, if one is. */
    public Optional<Long> runningJob(String sourceId) {
        return live.entrySet().stream().filter(e -> e.getValue().sourceId.equals(sourceId))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * How many records a running job is expected to see in all, from the list size its source announced;
     * empty when the job is not running here or the source does not say.
     */
    public Optional<Long> expectedTotal(long jobId) {
        return Optional.ofNullable(live.get(jobId)).flatMap(job -> job.expectedTotal);
    }

    /**
     * Asks a running job to stop after the page it is processing. Idempotent.
     *
     * @return whether the job is running in this application (and will stop)
     */
    public boolean requestStop(long jobId) {
        LiveJob job = live.get(jobId);
        if (job == null) {
            return false;
        }
        job.stopRequested = true;
        LOG.info("harvest job {} of {}: stop requested; it stops after the current page", jobId, job.sourceId);
        return true;
    }

    /** Adds a listener to every job from now on. */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before; does nothing if it was not. */
    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /**
     * Writes the run's counters to its job row.
     *
     * @throws HarvestStoppedException if a stop of the job was requested: the job is to end STOPPED
     */
    public void progress(HarvestRun run) {
        JobStatus status = run.status();
        store.updateJob(status);
        LOG.info("harvest job {} of {}: page {} done; seen {}, stored {}, indexed {}, rejected {}, deleted {}",
                status.id(), status.sourceId(), status.pages(), status.seen(), status.stored(), status.indexed(),
                status.rejected(), status.deleted());
        LiveJob job = live.get(status.id());
        if (job != null) {
            job.expectedTotal = run.expectedTotal();
        }
        notifyListeners(listener -> listener.progressed(status, run.expectedTotal()));
        if (job != null && job.stopRequested) {
            throw new HarvestStoppedException(status.sourceId(), status.id(), status.pages());
        }
    }

    /** Ends the run's job as completed and returns its final status. */
    public JobStatus complete(HarvestRun run) {
        try {
            run.closePages();
            store.updateJob(run.status());
            JobStatus done = store.finishJob(run.jobId(), JobState.COMPLETED, Optional.empty());
            recordInCircuit(done, c -> c.succeeded(done));
            long millis = Math.max(1, java.time.Duration.between(done.startedAt(),
                    done.endedAt().orElseGet(java.time.Instant::now)).toMillis());
            LOG.info("harvest job {} of {} completed: {} pages; seen {}, stored {}, indexed {}, rejected {}, deleted {};"
                            + " {} ms, {} records/s",
                    done.id(), done.sourceId(), done.pages(), done.seen(), done.stored(), done.indexed(),
                    done.rejected(), done.deleted(), millis, Math.round(done.seen() * 1000.0 / millis));
            notifyListeners(listener -> listener.ended(done));
            return done;
        } finally {
            release(run);
        }
    }

    /**
     * Ends the run's job as failed with the cause as its reason, or as stopped when the cause is a
     * {@link HarvestStoppedException}; the checkpoint stays at the last committed page and stored records stay.
     */
    public JobStatus fail(HarvestRun run, Exception cause) {
        try {
            run.closePages();
            store.updateJob(run.status());
            if (cause instanceof HarvestStoppedException) {
                JobStatus stopped = store.finishJob(run.jobId(), JobState.STOPPED, Optional.empty());
                LOG.info("harvest job {} of {} stopped on request after {} pages; seen {}, indexed {}; the next"
                                + " incremental harvest resumes from its checkpoint", stopped.id(), stopped.sourceId(),
                        stopped.pages(), stopped.seen(), stopped.indexed());
                notifyListeners(listener -> listener.ended(stopped));
                return stopped;
            }
            String reason = reason(cause);
            JobStatus failed = store.finishJob(run.jobId(), JobState.FAILED, Optional.of(reason));
            recordInCircuit(failed, c -> c.failed(failed, cause));
            LOG.error("harvest job {} of {} failed after {} pages: {}", failed.id(), failed.sourceId(), failed.pages(),
                    reason, cause);
            notifyListeners(listener -> listener.ended(failed));
            return failed;
        } finally {
            release(run);
        }
    }

    /** Tells the source's circuit breaker how a job ended; a failure to do so is logged and the job ends anyway. */
    private void recordInCircuit(JobStatus job, Consumer<SourceCircuits> call) {
        try {
            circuits.ifPresent(call);
        } catch (RuntimeException e) {
            LOG.warn("harvest job {} of {}: its circuit breaker could not be updated: {}", job.id(), job.sourceId(),
                    e.toString());
        }
    }

    private void release(HarvestRun run) {
        live.remove(run.jobId());
        running.remove(run.sourceId());
        MDC.remove(MDC_SOURCE);
        MDC.remove(MDC_JOB);
    }

    private void notifyListeners(Consumer<JobListener> call) {
        for (JobListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("job listener {} failed: {}", listener.getClass().getName(), e.toString());
            }
        }
    }

    /** What this application knows of a running job beyond its row in the store. */
    private static final class LiveJob {
        private final String sourceId;
        private volatile Optional<Long> expectedTotal = Optional.empty();
        private volatile boolean stopRequested;

        private LiveJob(String sourceId) {
            this.sourceId = sourceId;
        }
    }

    private static String reason(Exception cause) {
        if (cause == null) {
            return "unknown failure";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
