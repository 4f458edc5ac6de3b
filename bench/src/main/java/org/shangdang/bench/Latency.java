package org.shangdang.bench;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a query list on a number of threads, each taking the next query until all have run, and keeps the
 * latency of every query. Stateless; thread-safe.
 */
final class Latency {

    private Latency() {
    }

    /** Runs one query and returns its number of hits. */
    @FunctionalInterface
    interface Runner {
        long run(QuerySet.BenchQuery query) throws Exception;
    }

    /**
     * What one run measured.
     *
     * @param engine   what answered
     * @param threads  concurrent clients
     * @param nanos    each query's latency, sorted
     * @param wallNanos wall time of the whole run
     * @param errors   queries that threw
     * @param zeroHits queries without hits
     */
    record Result(String engine, int threads, long[] nanos, long wallNanos, long errors, long zeroHits) {

        long percentile(double q) {
            if (nanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, index))];
        }

        double qps() {
            return nanos.length / (wallNanos / 1e9);
        }
    }

    /** Runs the first {@code warmup} queries once on one thread, untimed. */
    static void warmUp(List<QuerySet.BenchQuery> queries, int warmup, Runner runner) {
        for (int i = 0; i < Math.min(warmup, queries.size()); i++) {
            try {
                runner.run(queries.get(i));
            } catch (Exception e) {
                // Errors are counted in the timed run.
            }
        }
    }

    static Result measure(String engine, List<QuerySet.BenchQuery> queries, int threads, Runner runner) {
        long[] nanos = new long[queries.size()];
        AtomicInteger next = new AtomicInteger();
        LongAdder errors = new LongAdder();
        LongAdder zeroHits = new LongAdder();
        long started = System.nanoTime();
        IngestBench.Workers.run(threads, "search-" + engine, () -> {
            int i;
            while ((i = next.getAndIncrement()) < queries.size()) {
                long t0 = System.nanoTime();
                try {
                    if (runner.run(queries.get(i)) == 0) {
                        zeroHits.increment();
                    }
                } catch (Exception e) {
                    errors.increment();
                }
                nanos[i] = System.nanoTime() - t0;
            }
        });
        long wall = System.nanoTime() - started;
        Arrays.sort(nanos);
        return new Result(engine, threads, nanos, wall, errors.sum(), zeroHits.sum());
    }

    /** A table of runs, one row each. */
    static Table table(String title, List<Result> results) {
        Table table = new Table(title, "engine", "clients", "queries", "p50", "p95", "p99", "max", "QPS", "errors",
                "no hits");
        for (Result r : results) {
            table.row(r.engine(), r.threads(), String.format("%,d", r.nanos().length), Sizes.millis(r.percentile(0.50)),
                    Sizes.millis(r.percentile(0.95)), Sizes.millis(r.percentile(0.99)), Sizes.millis(r.percentile(1.0)),
                    String.format("%,.0f", r.qps()), r.errors(), r.zeroHits());
        }
        return table;
    }
}
