package org.shangdang.indexer.elasticsearch;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Builds the items of one bulk request on several threads: the Java-side analysis of Elasticsearch documents
 * (folding, smartcn words, pinyin, JSON) is what caps bulk indexing, and the records of a batch are independent.
 * The caller builds a share itself and waits for the rest, so at most one batch per calling thread is being
 * built at a time and the bounded number of bulk requests in flight still throttles the caller (back-pressure
 * unchanged). Threads are started on demand and stop after a short idle time.
 *
 * <p>Thread-safe. After {@link #close()} every batch is built on the caller's thread alone.
 */
final class BatchBuilder implements Closeable {

    /** Fewer items than this per thread cost more in hand-over than they save. */
    static final int MIN_ITEMS_PER_THREAD = 16;
    private static final long IDLE_SECONDS = 30;

    private final int threads;
    private final ThreadPoolExecutor helpers;

    /** @param threads the threads that build one batch, the caller's included; at least 1 */
    BatchBuilder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads building a bulk request must be at least 1; got: " + threads);
        }
        this.threads = threads;
        AtomicInteger number = new AtomicInteger();
        // One helper fewer than threads: the caller builds a share too. The queue holds at most
        // threads - 1 parts per calling thread, since each caller waits for its own parts.
        this.helpers = new ThreadPoolExecutor(Math.max(1, threads - 1), Math.max(1, threads - 1), IDLE_SECONDS,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "es-documents-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.helpers.allowCoreThreadTimeOut(true);
    }

    /**
     * Sets {@code items[i] = item.apply(i)} for every {@code i} in {@code [from, to)} and returns when all are set
     * (visible to the caller). {@code item} is called at most once per position, possibly on other threads, so it
     * must be safe to call concurrently for different positions. When calls fail, the others still finish before
     * the first failure is thrown.
     *
     * @throws InterruptedException when interrupted while waiting for the other threads' shares
     */
    <T> void build(T[] items, int from, int to, IntFunction<? extends T> item) throws InterruptedException {
        int parts = Math.min(threads, Math.max(1, (to - from) / MIN_ITEMS_PER_THREAD));
        if (parts == 1) {
            fill(items, from, to, item);
            return;
        }
        int size = (to - from + parts - 1) / parts;
        List<Future<?>> others = new ArrayList<>(parts - 1);
        RuntimeException failure = null;
        try {
            for (int start = from + size; start < to; start += size) {
                int begin = start;
                int end = Math.min(to, start + size);
                try {
                    others.add(helpers.submit(() -> fill(items, begin, end, item)));
                } catch (RejectedExecutionException closed) {
                    fill(items, begin, end, item);
                }
            }
            fill(items, from, Math.min(to, from + size), item);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                others.forEach(f -> f.cancel(true));
                throw e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> void fill(T[] items, int from, int to, IntFunction<? extends T> item) {
        for (int i = from; i < to; i++) {
            items[i] = item.apply(i);
        }
    }

    /** Stops the helper threads once their parts are done. Idempotent. */
    @Override
    public void close() {
        helpers.shutdown();
    }
}
