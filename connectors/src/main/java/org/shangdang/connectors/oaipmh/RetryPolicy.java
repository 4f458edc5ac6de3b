package org.shangdang.connectors.oaipmh;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a harvester retries a request that failed for a reason that may pass:
 * HTTP 5xx or 429, a timeout, a reset connection, a truncated or non-XML body.
 *
 * <p>Waits between attempts grow exponentially from {@code initialDelay}, capped at {@code maxDelay}, with
 * "equal jitter" (half the delay fixed, half random) so that many harvesters do not retry in lock-step.
 * A server's {@code Retry-After} is honoured instead, up to {@code maxRetryAfter}.
 *
 * @param maxAttempts total attempts per request, first one included; at least 1
 * @param initialDelay the delay before the first retry (before jitter)
 * @param maxDelay the longest backoff delay (before jitter)
 * @param maxRetryAfter the longest wait a server's {@code Retry-After} may impose
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1; got: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative; got: initialDelay=" + initialDelay
                    + ", maxDelay=" + maxDelay + ", maxRetryAfter=" + maxRetryAfter);
        }
        if (initialDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("initialDelay must be <= maxDelay; got: " + initialDelay + " > " + maxDelay);
        }
    }

    /** Five attempts, backoff from 1 s up to 30 s, and at most 120 s for a server's {@code Retry-After}. */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /**
     * The backoff before retry number {@code retry} (1 for the wait after the first failed attempt):
     * {@code min(maxDelay, initialDelay * 2^(retry-1))}, of which a random half is jitter.
     *
     * @return a delay in {@code [d/2, d]} for the capped exponential delay {@code d}
     */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1; got: " + retry);
        }
        long initial = initialDelay.toMillis();
        long max = maxDelay.toMillis();
        // Shifting past 30 bits cannot matter once capped, and would overflow.
        long exponential = retry > 31 ? max : Math.min(max, initial << (retry - 1));
        long capped = Math.min(max, exponential < 0 ? max : exponential);
        long half = capped / 2;
        return Duration.ofMillis(capped - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** The wait a server asked for, capped at {@link #maxRetryAfter()}. */
    public Duration capRetryAfter(Duration requested) {
        return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
    }
}
