package org.shangdang.connectors.cloud;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which part of a cloud's resource list a harvest reads.
 *
 * @param updatedSince only items updated at or after this time (the cloud's {@code updatedSince} /
 *     {@code update_time_begin}); empty for every item
 * @param startPage the 1-based page to start at: 1, or the page a failed harvest of the same window stopped before
 */
public record CloudQuery(Optional<Instant> updatedSince, int startPage) {

    public CloudQuery {
        Objects.requireNonNull(updatedSince, "updatedSince");
        if (startPage < 1) {
            throw new IllegalArgumentException("startPage must be >= 1; got: " + startPage);
        }
    }

    /** Every item, from the first page. */
    public static CloudQuery all() {
        return new CloudQuery(Optional.empty(), 1);
    }

    /** Items updated at or after {@code since}, from the first page. */
    public static CloudQuery changedSince(Instant since) {
        return new CloudQuery(Optional.of(since), 1);
    }
}
