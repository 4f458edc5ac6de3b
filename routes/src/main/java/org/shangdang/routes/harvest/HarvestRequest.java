package org.shangdang.routes.harvest;

import java.util.Objects;
import org.shangdang.routes.store.HarvestMode;

/**
 * What a harvest route is asked to do: the message that starts it.
 *
 * @param sourceId the configured source to harvest
 * @param mode full or incremental
 */
public record HarvestRequest(String sourceId, HarvestMode mode) {

    public HarvestRequest {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(mode, "mode");
    }
}
