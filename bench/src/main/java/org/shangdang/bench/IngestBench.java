package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.fixtures.generate.city.CityFiles;
import org.shangdang.fixtures.generate.city.CityLibrary;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.cluster.ClusterChange;
import org.shangdang.indexer.cluster.UnionCatalog;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * B1 ingest: the export files → crosswalk ({@link Crosswalks#standard()}) → clustering ({@link UnionCatalog},
 * optional) → embedded Lucene ({@link LuceneSearchIndex#upsert} in batches, one commit at the end), with as many
 * worker threads as asked, each taking whole files; then, in the same run, raw Lucene: an {@link IndexWriter}
 * with the indexer's analyzer adding the same documents ({@link IndexFields#toDocument}, facets built),
 * prepared beforehand in chunks so only {@code addDocument} and the commit are timed.
 *
 * <p>Not thread-safe: one run at a time.
 */
final class IngestBench {

    /** Whether records go through the union catalogue's clustering before the index. */
    enum Clustering { ON, OFF }

    /** Whether raw Lucene indexes the same documents afterwards, for the ratio. */
    enum RawComparison { ON, OFF }

    /** Documents prepared per chunk of the raw pass: small enough for any heap, big enough to keep threads busy. */
    private static final int RAW_CHUNK = 2_000;

    /**
     * What one ingest measured.
     *
     * @param records     records indexed
     * @param rejected    records the crosswalk refused
     * @param nanos       wall time of the whole pipeline, commit included
     * @param stageNanos  thread time per stage (read, crosswalk, cluster, index, commit), summed over threads
     * @param moves       records whose work changed when a later record joined them (they would be re-indexed)
     * @param joined      records indexed with the work id of an earlier record; 0 when clustering was off
     * @param peakRss     peak resident set during the pipeline
     * @param rssScope    whether the RSS peak covers the stage or the process so far
     * @param peakHeap    peak heap in use during the pipeline
     * @param indexBytes  index size on disk after the commit
     * @param rawRecords  documents raw Lucene added
     * @param rawNanos    wall time of raw Lucene's adds and commit
     * @param rawPrepNanos time spent preparing those documents (not part of {@code rawNanos})
     * @param rawBytes    raw index size on disk
     */
    record Result(long records, long rejected, long nanos, Map<String, Long> stageNanos, long moves, long joined,
            long peakRss, String rssScope, long peakHeap, long indexBytes, long rawRecords, long rawNanos, long rawPrepNanos,
            long rawBytes) {
    }

    private static final Map<String, SourceInfo> SOURCES = CityLibrary.ALL.stream().collect(Collectors.toMap(
            CityLibrary::sourceId,
            l -> new SourceInfo(l.sourceId(), l.name() + " 编目导出", l.name(), l.county())));

    private final Crosswalks crosswalks = Crosswalks.standard();

    /** The source of a library's export files. */
    static SourceInfo source(String sourceId) {
        SourceInfo source = SOURCES.get(sourceId);
        if (source == null) {
            throw new IllegalArgumentException("no library has source id " + sourceId + "; have " + SOURCES.keySet());
        }
        return source;
    }

    Result run(List<Path> files, CityFiles.Format format, Path indexDir, Path rawDir, int threads, int batchSize,
            Clustering clustering, RawComparison comparison) {
        Sizes.deleteTree(indexDir);
        Sizes.deleteTree(rawDir);
        LongAdder records = new LongAdder();
        LongAdder rejected = new LongAdder();
        LongAdder moves = new LongAdder();
        LongAdder joined = new LongAdder();
        LongAdder[] stages = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
        Optional<UnionCatalog> union = clustering == Clustering.ON ? Optional.of(new UnionCatalog()) : Optional.empty();
        long started;
        long nanos;
        long peakRss;
        long peakHeap;
        String rssScope;
        try (Memory memory = Memory.track(); LuceneSearchIndex index = LuceneSearchIndex.open(indexDir)) {
            started = System.nanoTime();
            ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files);
            Workers.run(threads, "ingest", () -> {
                Path file;
                while ((file = queue.poll()) != null) {
                    ingestFile(file, format, index, batchSize, union, records, rejected, moves, joined, stages);
                }
            });
            long commitStart = System.nanoTime();
            index.commit();
            stages[4].add(System.nanoTime() - commitStart);
            nanos = System.nanoTime() - started;
            peakRss = memory.peakRss();
            peakHeap = memory.peakHeap();
            rssScope = memory.rssScope();
            if (index.count() != records.sum()) {
                throw new IllegalStateException("the index holds " + index.count() + " records after ingesting " + records.sum());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index at " + indexDir, e);
        }
        long[] raw = comparison == RawComparison.ON ? rawLucene(files, format, rawDir, threads) : new long[] {0, 0, 0};
        return new Result(records.sum(), rejected.sum(), nanos,
                Map.of("read", stages[0].sum(), "crosswalk", stages[1].sum(), "cluster", stages[2].sum(),
                        "index", stages[3].sum(), "commit", stages[4].sum()),
                moves.sum(), joined.sum(), peakRss, rssScope, peakHeap, Sizes.directorySize(indexDir), raw[0], raw[1], raw[2],
                Sizes.directorySize(rawDir));
    }

    private void ingestFile(Path file, CityFiles.Format format, SearchIndex index, int batchSize,
            Optional<UnionCatalog> union, LongAdder records, LongAdder rejected, LongAdder moves, LongAdder joined,
            LongAdder[] stages) {
        List<CanonicalRecord> batch = new ArrayList<>(batchSize);
        try (MarcFileRecords raws = MarcFileRecords.open(file, format)) {
            SourceInfo source = source(raws.sourceId);
            while (true) {
                long t0 = System.nanoTime();
                if (!raws.hasNext()) {
                    stages[0].add(System.nanoTime() - t0);
                    break;
                }
                RawRecord raw = raws.next();
                long t1 = System.nanoTime();
                stages[0].add(t1 - t0);
                CanonicalRecord record;
                try {
                    record = crosswalks.map(raw, source);
                } catch (RecordRejectedException e) {
                    rejected.increment();
                    continue;
                }
                long t2 = System.nanoTime();
                stages[1].add(t2 - t1);
                if (union.isPresent()) {
                    ClusterChange change = union.get().upsert(record);
                    // Moves of other records would mean re-indexing them; counted, not done, in this benchmark.
                    moves.add(change.moves().stream().filter(m -> !m.recordId().equals(raw.canonicalId())).count());
                    Optional<String> work = union.get().workOf(record.id());
                    if (work.isPresent() && !work.get().equals(record.id())) {
                        record = record.withWorkId(work.get());
                        joined.increment();
                    }
                    stages[2].add(System.nanoTime() - t2);
                }
                batch.add(record);
                if (batch.size() >= batchSize) {
                    flush(index, batch, stages[3]);
                }
                records.increment();
            }
            flush(index, batch, stages[3]);
        }
    }

    private static void flush(SearchIndex index, List<CanonicalRecord> batch, LongAdder indexNanos) {
        if (batch.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        index.upsert(batch);
        indexNanos.add(System.nanoTime() - t0);
        batch.clear();
    }

    /** {added, add-and-commit nanos, preparation nanos}. */
    private long[] rawLucene(List<Path> files, CityFiles.Format format, Path rawDir, int threads) {
        JsonMapper json = JsonMapper.builder().build();
        FacetsConfig facets = IndexFields.newFacetsConfig();
        AtomicLong added = new AtomicLong();
        long addNanos = 0;
        long prepNanos = 0;
        try (FSDirectory dir = FSDirectory.open(rawDir);
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(IndexFields.newIndexAnalyzer())
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
            List<Document> chunk = new ArrayList<>(RAW_CHUNK);
            for (Path file : files) {
                try (MarcFileRecords raws = MarcFileRecords.open(file, format)) {
                    SourceInfo source = source(raws.sourceId);
                    while (true) {
                        long t0 = System.nanoTime();
                        if (!raws.hasNext()) {
                            prepNanos += System.nanoTime() - t0;
                            break;
                        }
                        try {
                            chunk.add(facets.build(IndexFields.toDocument(crosswalks.map(raws.next(), source), json)));
                        } catch (RecordRejectedException e) {
                            // Counted by the pipeline run; the raw run indexes what the pipeline indexed.
                        }
                        prepNanos += System.nanoTime() - t0;
                        if (chunk.size() >= RAW_CHUNK) {
                            addNanos += addAll(writer, chunk, threads, added);
                        }
                    }
                }
            }
            addNanos += addAll(writer, chunk, threads, added);
            long t0 = System.nanoTime();
            writer.commit();
            addNanos += System.nanoTime() - t0;
        } catch (IOException e) {
            throw new UncheckedIOException("raw Lucene indexing into " + rawDir + " failed: " + e.getMessage(), e);
        }
        return new long[] {added.get(), addNanos, prepNanos};
    }

    private static long addAll(IndexWriter writer, List<Document> docs, int threads, AtomicLong added) {
        long t0 = System.nanoTime();
        AtomicLong next = new AtomicLong();
        Workers.run(threads, "raw-lucene", () -> {
            long i;
            while ((i = next.getAndIncrement()) < docs.size()) {
                try {
                    writer.addDocument(docs.get((int) i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                added.incrementAndGet();
            }
        });
        docs.clear();
        return System.nanoTime() - t0;
    }

    /** Prints the table of one result. */
    static Table table(Result r, int threads, int batchSize, CityFiles.Format format, Clustering clustering) {
        double ours = r.records() / (r.nanos() / 1e9);
        double raw = r.rawRecords() / (r.rawNanos() / 1e9);
        long threadNanos = r.stageNanos().values().stream().mapToLong(Long::longValue).sum();
        Table table = new Table("B1 ingest: " + format.directory() + " files → crosswalk → "
                + (clustering == Clustering.ON ? "cluster → " : "") + "embedded Lucene",
                "measure", "value");
        table.row("records indexed (rejected)", String.format("%,d (%,d)", r.records(), r.rejected()))
                .row("threads, batch", threads + ", " + batchSize)
                .row("wall time (commit included)", Sizes.seconds(r.nanos()))
                .row("**end to end, records/s**", String.format("**%,.0f**", ours))
                .row("raw Lucene IndexWriter.addDocument of the same documents + commit, docs/s",
                        String.format("%,.0f (%s; preparing them took %s)", raw, Sizes.seconds(r.rawNanos()), Sizes.seconds(r.rawPrepNanos())))
                .row("**ratio ours / raw**", String.format("**%.2f**", ours / raw));
        for (String stage : List.of("read", "crosswalk", "cluster", "index", "commit")) {
            long nanos = r.stageNanos().get(stage);
            table.row("thread time in " + stage, String.format("%s (%.0f %%)", Sizes.seconds(nanos), 100.0 * nanos / threadNanos));
        }
        table.row("peak RSS (" + r.rssScope() + ")", Sizes.bytes(r.peakRss()))
                .row("peak heap in use (sampled every 20 ms)", Sizes.bytes(r.peakHeap()))
                .row("index on disk (ours / raw)", Sizes.bytes(r.indexBytes()) + " / " + Sizes.bytes(r.rawBytes()))
                .row("index on disk per 1M records (linear)", Sizes.bytes((long) (r.indexBytes() * (1e6 / Math.max(1, r.records())))));
        if (clustering == Clustering.ON) {
            table.row("records indexed into an earlier record's work; earlier records moved to another work",
                    String.format("%,d (%.1f %%); %,d", r.joined(), 100.0 * r.joined() / Math.max(1, r.records()), r.moves()));
            table.note("clustering: org.shangdang.indexer.cluster.UnionCatalog.upsert per record; the work id is written "
                    + "on the record being indexed; earlier records whose work changed are counted, not re-indexed.");
        } else {
            table.note("clustering off (--cluster=off).");
        }
        table.note("raw Lucene: same analyzer (IndexFields.newIndexAnalyzer), same documents (IndexFields.toDocument + "
                + "FacetsConfig.build), addDocument instead of updateDocument, same thread count; document preparation "
                + "(read, crosswalk, toDocument) is not timed.");
        return table;
    }

    /** Runs work on {@code threads} threads and waits; the first failure is rethrown. */
    static final class Workers {
        private Workers() {
        }

        static void run(int threads, String name, Runnable work) {
            List<Thread> started = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        work.run();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, name + "-" + t);
                thread.start();
                started.add(thread);
            }
            for (Thread thread : started) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name + " threads", e);
                }
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.get(0);
                if (first instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(name + " failed: " + first, first);
            }
        }
    }
}
