package org.shangdang.routes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.shangdang.routes.breaker.CircuitOverride;
import org.shangdang.routes.config.HarvestProperties;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.harvest.HarvestRequest;
import org.shangdang.routes.harvest.JobListener;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.harvest.ProtocolHarvestRoutes;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Starts harvests: what the API, the command line and start-up call. Its API is plain Java (no Camel
 * types), so callers need not know that routes run the harvests.
 *
 * <p>Thread-safe. At most one harvest of a source runs at a time, whoever started it (a call, the
 * schedule, start-up). Job status, counters and rejects are read from the {@link RecordStore}.
 *
 * <p>{@link #start} runs a harvest in the background and returns its job as soon as it has started;
 * {@link #stop} asks a running job to stop after its current page.
 *
 * <p>Assumes one harvesting application per database: at start-up, jobs still marked running in the
 * store are left over from a stopped application and are marked failed.
 */
public class HarvestJobs implements SmartInitializingSingleton, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(HarvestJobs.class);

    private final ProducerTemplate producer;
    private final SourcesProperties sources;
    private final HarvestProperties harvest;
    private final RecordStore store;
    private final JobTracker tracker;
    /** Set on a background harvest's thread until its job has started: the route runs on the caller's thread. */
    private static final ThreadLocal<CompletableFuture<JobStatus>> STARTING = new ThreadLocal<>();
    private final AtomicInteger backgroundThreads = new AtomicInteger();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "shangdang-harvest-" + backgroundThreads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService startupHarvests = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "shangdang-startup-harvest");
        thread.setDaemon(true);
        return thread;
    });

    public HarvestJobs(ProducerTemplate producer, SourcesProperties sources, HarvestProperties harvest,
            RecordStore store, JobTracker tracker) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.harvest = Objects.requireNonNull(harvest, "harvest");
        this.store = Objects.requireNonNull(store, "store");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        tracker.addListener(new JobListener() {
            @Override
            public void started(JobStatus job) {
                CompletableFuture<JobStatus> waiting = STARTING.get();
                if (waiting != null) {
                    waiting.complete(job);
                }
            }
        });
    }

    /**
     * Starts a harvest of one source in the background and returns its job as soon as it has started
     * (RUNNING, zero counters); follow it with {@link RecordStore#job}.
     *
     * @throws UnknownSourceException if no enabled source has this id
     * @throws HarvestAlreadyRunningException if a harvest of this source is running
     * @throws SourceCircuitOpenException if the source is circuit-broken
     */
    public JobStatus start(String sourceId, HarvestMode mode) {
        return start(sourceId, mode, CircuitOverride.RESPECT);
    }

    /**
     * As {@link #start(String, HarvestMode)}, with {@link CircuitOverride#FORCE} running it even though the source
     * is circuit-broken.
     */
    public JobStatus start(String sourceId, HarvestMode mode, CircuitOverride circuit) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(circuit, "circuit");
        if (sources.source(sourceId).filter(SourceProperties::enabled).isEmpty()) {
            throw new UnknownSourceException(sourceId, sourceIds());
        }
        if (tracker.isRunning(sourceId)) {
            throw new HarvestAlreadyRunningException(sourceId);
        }
        CompletableFuture<JobStatus> started = new CompletableFuture<>();
        background.submit(() -> {
            STARTING.set(started);
            try {
                JobStatus ended = harvest(sourceId, mode, circuit);
                started.complete(ended);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
                LOG.debug("background harvest of {} did not start: {}", sourceId, e.getMessage());
            } finally {
                STARTING.remove();
            }
        });
        try {
            return started.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("harvest of " + sourceId + " could not start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the harvest of " + sourceId, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the harvest of " + sourceId + " did not start within a minute", e);
        }
    }

    /**
     * Asks a running job to stop after the page it is processing; it then ends
     * {@link org.shangdang.routes.store.JobState#STOPPED} and the next incremental harvest resumes from its
     * checkpoint. Idempotent.
     *
     * @return whether the job is running in this application (and will stop)
     */
    public boolean stop(long jobId) {
        return tracker.requestStop(jobId);
    }

    /** The id of this source's job running in this application, if one is. */
    public Optional<Long> runningJob(String sourceId) {
        return tracker.runningJob(sourceId);
    }

    /** How many records a running job is expected to see in all; empty when unknown or not running here. */
    public Optional<Long> expectedTotal(long jobId) {
        return tracker.expectedTotal(jobId);
    }

    /** Adds a listener to every job from now on (see {@link JobListener}). */
    public void addListener(JobListener listener) {
        tracker.addListener(listener);
    }

    /** Removes a listener added before. */
    public void removeListener(JobListener listener) {
        tracker.removeListener(listener);
    }

    /**
     * Harvests one source and returns when its job has ended. A setup failure does not throw: it returns
     * the job {@link org.shangdang.routes.store.JobState#FAILED} with the reason.
     *
     * @throws UnknownSourceException if no enabled source has this id
     * @throws HarvestAlreadyRunningException if a harvest of this source is running
     * @throws SourceCircuitOpenException if the source is circuit-broken
     */
    public JobStatus harvest(String sourceId, HarvestMode mode) {
        return harvest(sourceId, mode, CircuitOverride.RESPECT);
    }

    /** As {@link #harvest(String, HarvestMode)}, forcing it past an open circuit with {@link CircuitOverride#FORCE}. */
    public JobStatus harvest(String sourceId, HarvestMode mode, CircuitOverride circuit) {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(circuit, "circuit");
        Optional<SourceProperties> source = sources.source(sourceId).filter(SourceProperties::enabled);
        if (source.isEmpty()) {
            throw new UnknownSourceException(sourceId, sourceIds());
        }
        try {
            return producer.requestBody(ProtocolHarvestRoutes.harvestEndpoint(source.get().protocol(), sourceId),
                    new HarvestRequest(sourceId, mode, circuit), JobStatus.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The ids of the enabled sources, in configuration order. */
    public List<String> sourceIds() {
        return sources.enabled().stream().map(SourceProperties::id).toList();
    }

    /** Whether a harvest of this source is running now. */
    public boolean isRunning(String sourceId) {
        return tracker.isRunning(sourceId);
    }

    @Override
    public void afterSingletonsInstantiated() {
        int interrupted = store.failInterruptedJobs("interrupted: the application stopped during the harvest");
        if (interrupted > 0) {
            LOG.warn("{} harvest jobs were left running by a stopped application and are now marked failed;"
                    + " their sources resume from the last checkpoint", interrupted);
        }
    }

    /** With {@code shangdang.harvest.on-startup=true}, harvests every enabled source in turn, in the background. */
    @EventListener(ApplicationReadyEvent.class)
    public void harvestOnStartup() {
        if (!harvest.onStartup()) {
            return;
        }
        startupHarvests.submit(() -> {
            for (String sourceId : sourceIds()) {
                try {
                    JobStatus job = harvest(sourceId, HarvestMode.INCREMENTAL);
                    LOG.info("start-up harvest of {} ended {} (job {})", sourceId, job.state(), job.id());
                } catch (SourceCircuitOpenException e) {
                    LOG.warn("start-up harvest skipped: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("start-up harvest of {} could not run: {}", sourceId, e.getMessage(), e);
                }
            }
        });
    }

    @Override
    public void destroy() {
        startupHarvests.shutdownNow();
        background.shutdownNow();
    }
}
