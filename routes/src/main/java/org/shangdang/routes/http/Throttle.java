package org.shangdang.routes.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Spaces requests at least {@code 1/rate} seconds apart, measured from the start of one to the start of the next.
 * Callers that arrive early wait their turn; each reserves its slot before waiting, so concurrent callers are spaced
 * too. No burst: a source asked for 2 requests/s never sees two within half a second.
 *
 * <p>Thread-safe.
 */
public final class Throttle {

    private final long intervalNanos;
    private final Ticker ticker;
    private long nextSlot;
    private boolean first = true;

    /** The time source and the sleep, replaceable in tests. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        /** The system clock and {@link Thread#sleep}. */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }

    /** @param requestsPerSecond more than 0 */
    public Throttle(double requestsPerSecond, Ticker ticker) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests per second must be positive; got: " + requestsPerSecond);
        }
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000L / requestsPerSecond));
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** The least time between the starts of two requests. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * Waits until this caller may send its request.
     *
     * @throws InterruptedException if interrupted while waiting; the slot is then lost, which only slows later callers
     */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = ticker.nanoTime();
            long slot = first || now - nextSlot > 0 ? now : nextSlot;
            first = false;
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            ticker.sleepNanos(wait);
        }
    }
}
