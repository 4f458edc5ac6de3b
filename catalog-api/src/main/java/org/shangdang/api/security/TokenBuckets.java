package org.shangdang.api.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per client: {@code capacity} tokens, refilled continuously at {@code refillPerSecond}; a
 * request takes one. Buckets full for longer than it takes to refill them are forgotten, so the map stays as
 * small as the set of recently active clients.
 *
 * <p>Thread-safe: each bucket is updated under its own lock.
 */
final class TokenBuckets {

    private final long capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    TokenBuckets(long capacity, double refillPerSecond, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /** The outcome of one request: allowed, the tokens left, and if refused the wait until the next token. */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {}

    long capacity() {
        return capacity;
    }

    Decision take(String client) {
        long now = nanoClock.getAsLong();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * refillPerNano);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, (long) Math.floor(bucket.tokens), 0);
            }
            double nanosToToken = (1 - bucket.tokens) / refillPerNano;
            return new Decision(false, 0, Math.max(1, (long) Math.ceil(nanosToToken / 1e9)));
        }
    }

    private void sweep(long now) {
        long fullAfter = (long) (capacity / refillPerNano);
        if (now - lastSweep < Math.max(fullAfter, 60_000_000_000L)) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return now - b.updated > fullAfter;
            }
        });
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        private Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
