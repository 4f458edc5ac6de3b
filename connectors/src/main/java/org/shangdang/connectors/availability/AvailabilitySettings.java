package org.shangdang.connectors.availability;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient and how forgetful an {@link AvailabilityClient} is.
 *
 * @param timeout the longest a lookup waits for an endpoint's whole answer; past it the copies are UNKNOWN
 * @param cacheTtl how long an answer is served from the cache (availability changes: keep it short)
 * @param downFor after an endpoint fails (timeout, error, garbage), how long it is not asked again: lookups answer
 *                UNKNOWN at once instead of each waiting for the timeout
 * @param maxCacheEntries copies kept in the cache at most
 * @param maxBarcodesPerRequest barcodes sent in one request; more are split over several
 */
public record AvailabilitySettings(Duration timeout, Duration cacheTtl, Duration downFor, int maxCacheEntries,
        int maxBarcodesPerRequest) {

    public AvailabilitySettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(downFor, "downFor");
        if (timeout.isNegative() || timeout.isZero() || cacheTtl.isNegative() || downFor.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, cacheTtl and downFor not negative; got: timeout="
                    + timeout + ", cacheTtl=" + cacheTtl + ", downFor=" + downFor);
        }
        if (maxCacheEntries < 0 || maxBarcodesPerRequest < 1) {
            throw new IllegalArgumentException("maxCacheEntries must be >= 0 and maxBarcodesPerRequest >= 1; got: "
                    + maxCacheEntries + ", " + maxBarcodesPerRequest);
        }
    }

    /** 1.5 s timeout, 60 s cache, 30 s down, 100,000 cached copies, 50 barcodes a request: fit for terminals. */
    public static AvailabilitySettings standard() {
        return new AvailabilitySettings(Duration.ofMillis(1500), Duration.ofSeconds(60), Duration.ofSeconds(30), 100_000, 50);
    }
}
