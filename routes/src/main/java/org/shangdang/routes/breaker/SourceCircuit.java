package org.shangdang.routes.breaker;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A source's circuit as of now.
 *
 * @param sourceId the source
 * @param state closed, open or half-open
 * @param consecutiveFailures harvest jobs of the source that failed in a row since its last success
 * @param reason why it broke: the count and the last failure's reason; empty while closed
 * @param openedAt when it broke; empty while closed
 * @param openUntil when the cool-down ends (a trial harvest may run from then); empty while closed
 */
public record SourceCircuit(String sourceId, CircuitState state, int consecutiveFailures, Optional<String> reason,
        Optional<Instant> openedAt, Optional<Instant> openUntil) {

    public SourceCircuit {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? Optional.empty() : reason;
        openedAt = openedAt == null ? Optional.empty() : openedAt;
        openUntil = openUntil == null ? Optional.empty() : openUntil;
    }

    /** A source that has not failed since its last success. */
    public static SourceCircuit closed(String sourceId, int consecutiveFailures) {
        return new SourceCircuit(sourceId, CircuitState.CLOSED, consecutiveFailures, Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
