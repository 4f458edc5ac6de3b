package org.shangdang.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.breaker.SourceCircuit;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.harvest.JobListener;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest metrics, per source (tag {@code source}), as Prometheus shows them:
 * <ul>
 *   <li>{@code shangdang_harvest_records_total{outcome=harvested|stored|indexed|rejected|deleted}}: records, counted
 *       as each page is done;
 *   <li>{@code shangdang_harvest_lag_seconds}: now minus the end of the source's last completed harvest (from the
 *       record store, so it survives restarts; NaN before the first);
 *   <li>{@code shangdang_harvest_running}: 1 while a job of the source runs here;
 *   <li>{@code shangdang_harvest_job_duration_seconds{state}}: how long jobs ran, by how they ended;
 *   <li>{@code shangdang_harvest_circuit_open}: 1 while the source is circuit-broken (open), 0.5 half-open (the next
 *       harvest is the trial), 0 closed; {@code shangdang_harvest_circuit_open_until_seconds}: when the cool-down ends,
 *       as Unix seconds (NaN while closed); {@code shangdang_harvest_circuit_failures}: failed harvests in a row.
 * </ul>
 * Thread-safe: listens to jobs of several sources at once.
 */
public final class HarvestMetrics implements JobListener {

    private static final Logger LOG = LoggerFactory.getLogger(HarvestMetrics.class);

    private final MeterRegistry meters;
    private final RecordStore store;
    /** The counters of each running job as last counted, to count only what a page added. */
    private final Map<Long, JobStatus> lastCounted = new ConcurrentHashMap<>();

    public HarvestMetrics(MeterRegistry meters, RecordStore store, HarvestJobs jobs) {
        this(meters, store, jobs, Optional.empty());
    }

    /** Metrics with the sources' circuit breakers. */
    public HarvestMetrics(MeterRegistry meters, RecordStore store, HarvestJobs jobs, Optional<SourceCircuits> circuits) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.store = Objects.requireNonNull(store, "store");
        for (String sourceId : jobs.sourceIds()) {
            circuits.ifPresent(c -> circuitGauges(c, sourceId));
            Gauge.builder("shangdang.harvest.lag", () -> lagSeconds(sourceId))
                    .description("Seconds since the source's last completed harvest ended (NaN: never harvested)")
                    .baseUnit("seconds").tag("source", sourceId).register(meters);
            Gauge.builder("shangdang.harvest.running", () -> jobs.isRunning(sourceId) ? 1 : 0)
                    .description("1 while a harvest of the source runs").tag("source", sourceId).register(meters);
            for (String outcome : new String[] {"harvested", "stored", "indexed", "rejected", "deleted"}) {
                counter(sourceId, outcome);
            }
        }
        jobs.addListener(this);
    }

    private void circuitGauges(SourceCircuits circuits, String sourceId) {
        Gauge.builder("shangdang.harvest.circuit.open", () -> circuit(circuits, sourceId)
                        .map(c -> switch (c.state()) {
                            case OPEN -> 1.0;
                            case HALF_OPEN -> 0.5;
                            case CLOSED -> 0.0;
                        }).orElse(Double.NaN))
                .description("1 while the source is circuit-broken, 0.5 half-open (next harvest is the trial), 0 closed")
                .tag("source", sourceId).register(meters);
        Gauge.builder("shangdang.harvest.circuit.open.until", () -> circuit(circuits, sourceId)
                        .flatMap(SourceCircuit::openUntil).map(until -> until.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("When the source's circuit cool-down ends, Unix time (NaN while closed)")
                .baseUnit("seconds").tag("source", sourceId).register(meters);
        Gauge.builder("shangdang.harvest.circuit.failures", () -> circuit(circuits, sourceId)
                        .map(c -> (double) c.consecutiveFailures()).orElse(Double.NaN))
                .description("Harvests of the source that failed in a row").tag("source", sourceId).register(meters);
    }

    private static Optional<SourceCircuit> circuit(SourceCircuits circuits, String sourceId) {
        try {
            return Optional.of(circuits.circuit(sourceId));
        } catch (RuntimeException e) {
            LOG.warn("circuit of {} unknown: the record store did not answer: {}", sourceId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void started(JobStatus job) {
        lastCounted.put(job.id(), job);
    }

    @Override
    public void progressed(JobStatus job, Optional<Long> expectedTotal) {
        count(job);
    }

    @Override
    public void ended(JobStatus job) {
        count(job);
        lastCounted.remove(job.id());
        Duration ran = Duration.between(job.startedAt(), job.endedAt().orElseGet(Instant::now));
        Timer.builder("shangdang.harvest.job.duration")
                .description("How long harvest jobs ran, by how they ended")
                .tag("source", job.sourceId()).tag("state", job.state().name().toLowerCase(Locale.ROOT))
                .register(meters).record(ran);
    }

    private void count(JobStatus now) {
        JobStatus before = lastCounted.getOrDefault(now.id(), zero(now));
        lastCounted.put(now.id(), now);
        add(now.sourceId(), "harvested", now.seen() - before.seen());
        add(now.sourceId(), "stored", now.stored() - before.stored());
        add(now.sourceId(), "indexed", now.indexed() - before.indexed());
        add(now.sourceId(), "rejected", now.rejected() - before.rejected());
        add(now.sourceId(), "deleted", now.deleted() - before.deleted());
    }

    private void add(String sourceId, String outcome, long delta) {
        if (delta > 0) {
            counter(sourceId, outcome).increment(delta);
        }
    }

    private Counter counter(String sourceId, String outcome) {
        return Counter.builder("shangdang.harvest.records")
                .description("Records harvested from a source, and what became of them")
                .tag("source", sourceId).tag("outcome", outcome).register(meters);
    }

    private double lagSeconds(String sourceId) {
        try {
            return store.latestJob(sourceId, JobState.COMPLETED)
                    .flatMap(JobStatus::endedAt)
                    .map(ended -> Duration.between(ended, Instant.now()).toMillis() / 1000.0)
                    .orElse(Double.NaN);
        } catch (RuntimeException e) {
            LOG.warn("harvest lag of {} unknown: the record store did not answer: {}", sourceId, e.getMessage());
            return Double.NaN;
        }
    }

    private static JobStatus zero(JobStatus job) {
        return new JobStatus(job.id(), job.sourceId(), job.mode(), job.state(), 0, 0, 0, 0, 0, 0, job.startedAt(),
                Optional.empty(), Optional.empty());
    }
}
