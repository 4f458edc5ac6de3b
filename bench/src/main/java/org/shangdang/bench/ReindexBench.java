package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.fixtures.generate.city.CityFiles;
import org.shangdang.fixtures.generate.city.CityLibrary;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.routes.cluster.WorkClusters;
import org.shangdang.routes.config.OaiPmhProperties;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.reindex.ReindexJob;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;

/**
 * B4: re-index from the record store. The generated MARCXML payloads are stored as raw records in a
 * {@link RecordStore} over an embedded H2 file database migrated with the routes module's Flyway scripts (the
 * service's default store; the load is timed apart), then {@link ReindexJob#reindexAll()} rebuilds a fresh
 * Lucene index from it: crosswalk, clustering through a cold {@link WorkClusters} (as in a freshly started service,
 * whose first full re-index builds the union catalog in its own pass), {@code SearchIndex.rebuild()} and swap.
 * Stateless.
 */
final class ReindexBench {

    /** Raw records stored per {@link RecordStore#upsertRaw} transaction while loading. */
    private static final int LOAD_BATCH = 1_000;

    private ReindexBench() {
    }

    /**
     * What one run measured.
     *
     * @param stored       raw records in the store
     * @param loadNanos    wall time of storing them
     * @param storeBytes   H2 database size on disk
     * @param reindexNanos {@code reindexAll()} on a cold service: read, crosswalk, cluster, write, swap
     * @param job          the re-index job as the store recorded it
     * @param indexed      documents in the new index generation
     * @param works        records the union catalog holds after the job
     * @param threads      the job's workers
     * @param peakRss      peak resident set during the re-index
     * @param rssScope     what the peak RSS covers
     * @param peakHeap     peak heap in use during the re-index
     * @param indexBytes   index size on disk
     */
    record Result(long stored, long loadNanos, long storeBytes, long reindexNanos, JobStatus job,
            long indexed, long works, int threads, long peakRss, String rssScope, long peakHeap, long indexBytes) {
    }

    /** The 13 generated libraries as configured sources, named as the ingest benchmark names them. */
    static SourcesProperties sources() {
        List<SourceProperties> sources = new ArrayList<>();
        for (CityLibrary library : CityLibrary.ALL) {
            sources.add(new SourceProperties(library.sourceId(), library.name() + " 编目导出", library.name(),
                    library.county().orElse(""), Protocol.OAIPMH,
                    new OaiPmhProperties(URI.create("http://127.0.0.1:1/oai"), "marcxml", null, RecordFormat.MARCXML),
                    null, true));
        }
        return new SourcesProperties(sources);
    }

    static Result run(List<Path> marcxmlFiles, Path storeDir, Path indexDir, int batchSize, int threads) {
        Sizes.deleteTree(storeDir);
        Sizes.deleteTree(indexDir);
        JdbcDataSource dataSource = new JdbcDataSource();
        // The service's default URL (application.yml), in a directory of the benchmark's own.
        dataSource.setURL("jdbc:h2:file:" + storeDir.toAbsolutePath().resolve("store")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        Flyway.configure().dataSource(dataSource).load().migrate();
        RecordStore store = new RecordStore(dataSource);

        long loadStart = System.nanoTime();
        long stored = 0;
        for (Path file : marcxmlFiles) {
            List<RawRecord> batch = new ArrayList<>(LOAD_BATCH);
            try (MarcFileRecords raws = MarcFileRecords.open(file, CityFiles.Format.MARCXML)) {
                while (raws.hasNext()) {
                    batch.add(raws.next());
                    if (batch.size() == LOAD_BATCH) {
                        store.upsertRaw(batch);
                        stored += batch.size();
                        batch = new ArrayList<>(LOAD_BATCH);
                    }
                }
            }
            store.upsertRaw(batch);
            stored += batch.size();
        }
        long loadNanos = System.nanoTime() - loadStart;
        long storeBytes = Sizes.directorySize(storeDir);

        SourcesProperties sources = sources();
        Crosswalks crosswalks = Crosswalks.standard();
        WorkClusters works = new WorkClusters(store, crosswalks, sources);
        try (Memory memory = Memory.track(); LuceneSearchIndex index = LuceneSearchIndex.open(indexDir)) {
            ReindexJob job = new ReindexJob(index, store, crosswalks, sources, new JobTracker(sources, store), batchSize,
                    works, threads);
            long reindexStart = System.nanoTime();
            JobStatus done = job.reindexAll();
            long reindexNanos = System.nanoTime() - reindexStart;
            if (done.state() != JobState.COMPLETED) {
                throw new IllegalStateException("the re-index job ended " + done.state() + ": " + done.lastError().orElse("no reason"));
            }
            long peakRss = memory.peakRss();
            long peakHeap = memory.peakHeap();
            return new Result(stored, loadNanos, storeBytes, reindexNanos, done, index.count(), works.size(), threads,
                    peakRss, memory.rssScope(), peakHeap, Sizes.directorySize(indexDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index at " + indexDir, e);
        }
    }

    static Table table(Result r, int batchSize) {
        double perSecond = r.indexed() / (r.reindexNanos() / 1e9);
        Table table = new Table("B4 re-index from the record store: ReindexJob.reindexAll() into a fresh Lucene index",
                "measure", "value");
        table.row("raw records stored (H2 file database, Flyway migrations)", String.format("%,d", r.stored()))
                .row("loading them, not part of B4", String.format("%s (%s records/s, %d per transaction); store on disk %s",
                        Sizes.seconds(r.loadNanos()), Sizes.rate(r.stored(), r.loadNanos()), LOAD_BATCH, Sizes.bytes(r.storeBytes())))
                .row("job: seen / indexed / rejected / deleted / batches", String.format("%,d / %,d / %,d / %,d / %,d (batch %d)",
                        r.job().seen(), r.job().indexed(), r.job().rejected(), r.job().deleted(), r.job().pages(), batchSize))
                .row("documents in the new index generation", String.format("%,d", r.indexed()))
                .row("records in the union catalog built by the job", String.format("%,d", r.works()))
                .row("**end to end: read, crosswalk, cluster, write, swap; records/s**",
                        String.format("**%s, %,.0f**", Sizes.seconds(r.reindexNanos()), perSecond))
                .row("**minutes per 1M records (linear; target ≤ 3)**", String.format("**%.1f**", 1e6 / perSecond / 60))
                .row("peak RSS (" + r.rssScope() + ")", Sizes.bytes(r.peakRss()))
                .row("peak heap in use (sampled every 20 ms)", Sizes.bytes(r.peakHeap()))
                .row("index on disk", Sizes.bytes(r.indexBytes()));
        table.note("as the service runs it, on " + r.threads() + " workers: ReindexJob streams the store in keyset-paged "
                + "batches, crosswalks with Crosswalks.standard(), clusters, writes through SearchIndex.rebuild() and swaps.");
        table.note("the service has not clustered yet (a cold WorkClusters): the job builds the union catalog from the "
                + "records it crosswalks, and installs it; every record is crosswalked once.");
        return table;
    }
}
