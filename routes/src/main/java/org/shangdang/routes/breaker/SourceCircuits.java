package org.shangdang.routes.breaker;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.config.CircuitBreakerProperties;
import org.shangdang.routes.store.CircuitStore;
import org.shangdang.routes.store.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The circuit breaker of every source. Policy:
 * <ul>
 *   <li>A harvest job of a source that ends FAILED counts one failure; the job fails only once the connector's
 *       retries of a request are exhausted (or the source answers with an error that retrying cannot fix). Failures
 *       that are not the source's (the index unreachable, the record store failing) and jobs stopped by staff do
 *       not count.
 *   <li>{@code failure-threshold} failures in a row open the circuit for {@code cool-down}: scheduled and start-up
 *       harvests of the source are skipped (logged), a manual one is refused ({@link SourceCircuitOpenException})
 *       unless forced. Other sources are not affected.
 *   <li>Once the cool-down is over the circuit is half-open: the next harvest (scheduled, start-up or manual) is the
 *       trial. A completed job closes the circuit and resets the count; a failed one opens it for another cool-down.
 *       A forced harvest while open acts the same way.
 * </ul>
 * The state is kept in the record store ({@link CircuitStore}), so a restart neither forgets a broken source nor
 * restarts its cool-down.
 *
 * <p>Thread-safe: at most one job of a source runs at a time, so each source's row has one writer.
 */
public class SourceCircuits {

    /** Bean name the schedule routes call. */
    public static final String BEAN = "sourceCircuits";

    private static final Logger LOG = LoggerFactory.getLogger(SourceCircuits.class);

    private final CircuitStore store;
    private final CircuitBreakerProperties settings;
    private final Clock clock;

    public SourceCircuits(CircuitStore store, CircuitBreakerProperties settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The source's circuit as of now. */
    public SourceCircuit circuit(String sourceId) {
        Optional<CircuitStore.Row> row = store.row(sourceId);
        if (row.isEmpty() || row.get().openUntil().isEmpty()) {
            return SourceCircuit.closed(sourceId, row.map(CircuitStore.Row::consecutiveFailures).orElse(0));
        }
        CircuitStore.Row r = row.get();
        CircuitState state = clock.instant().isBefore(r.openUntil().get()) ? CircuitState.OPEN : CircuitState.HALF_OPEN;
        return new SourceCircuit(sourceId, state, r.consecutiveFailures(), r.reason(), r.openedAt(), r.openUntil());
    }

    /**
     * Lets a harvest of the source start, or refuses it.
     *
     * @throws SourceCircuitOpenException if the circuit is open and the harvest is not forced
     */
    public void checkAllowed(String sourceId, CircuitOverride override) {
        if (override == CircuitOverride.FORCE) {
            return;
        }
        SourceCircuit circuit = circuit(sourceId);
        if (circuit.state() == CircuitState.OPEN) {
            throw new SourceCircuitOpenException(circuit);
        }
        if (circuit.state() == CircuitState.HALF_OPEN) {
            LOG.info("source {}: cool-down over; this harvest is the trial that closes its circuit or opens it again",
                    sourceId);
        }
    }

    /** Whether the source's circuit is open now (a half-open one is not: its next harvest is the trial). */
    public boolean isOpen(String sourceId) {
        return circuit(sourceId).state() == CircuitState.OPEN;
    }

    /** Logs that a scheduled harvest of the source was skipped because its circuit is open. */
    public void logSkipped(String sourceId) {
        LOG.warn("scheduled harvest skipped: {}", new SourceCircuitOpenException(circuit(sourceId)).getMessage());
    }

    /** A job of the source completed: its circuit closes. */
    public void succeeded(JobStatus job) {
        Optional<CircuitStore.Row> row = store.row(job.sourceId());
        if (row.isEmpty() || (row.get().consecutiveFailures() == 0 && row.get().openUntil().isEmpty())) {
            return;
        }
        if (row.get().openUntil().isPresent()) {
            LOG.info("source {}: harvest job {} completed; its circuit is closed again after {} failed harvests",
                    job.sourceId(), job.id(), row.get().consecutiveFailures());
        }
        store.save(new CircuitStore.Row(job.sourceId(), 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(job.id())));
    }

    /** A job of the source failed for this cause: counts it, and opens the circuit at the threshold. */
    public void failed(JobStatus job, Exception cause) {
        if (notTheSources(cause)) {
            LOG.info("source {}: job {} failed for a reason not the source's ({}); its circuit is unchanged",
                    job.sourceId(), job.id(), cause.getClass().getSimpleName());
            return;
        }
        Optional<CircuitStore.Row> row = store.row(job.sourceId());
        int failures = row.map(CircuitStore.Row::consecutiveFailures).orElse(0) + 1;
        boolean wasBroken = row.flatMap(CircuitStore.Row::openUntil).isPresent();
        if (failures < settings.failureThreshold() && !wasBroken) {
            store.save(new CircuitStore.Row(job.sourceId(), failures, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(job.id())));
            return;
        }
        Instant now = clock.instant();
        Instant until = now.plus(settings.coolDown());
        String reason = failures + " consecutive failed harvests; last: job " + job.id() + ": "
                + job.lastError().orElse(cause.getClass().getSimpleName());
        store.save(new CircuitStore.Row(job.sourceId(), failures, Optional.of(now), Optional.of(until),
                Optional.of(reason), Optional.of(job.id())));
        LOG.warn("source {}: circuit {} until {} ({}); other sources go on", job.sourceId(),
                wasBroken ? "opened again" : "opened", until, reason);
    }

    private static boolean notTheSources(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof IndexUnavailableException || t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
