package org.shangdang.routes.harvest;

import java.util.Objects;
import org.shangdang.routes.breaker.CircuitOverride;
import org.shangdang.routes.store.HarvestMode;

/**
 * What a harvest route is asked to do: the message that starts it.
 *
 * @param sourceId the configured source to harvest
 * @param mode full or incremental
 * @param circuit whether an open circuit of the source refuses the harvest ({@link CircuitOverride#RESPECT}) or not
 */
public record HarvestRequest(String sourceId, HarvestMode mode, CircuitOverride circuit) {

    public HarvestRequest {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(circuit, "circuit");
    }

    /** A request that respects the source's circuit breaker. */
    public HarvestRequest(String sourceId, HarvestMode mode) {
        this(sourceId, mode, CircuitOverride.RESPECT);
    }
}
