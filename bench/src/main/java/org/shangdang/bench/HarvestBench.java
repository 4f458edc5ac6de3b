package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.oaipmh.HarvestStart;
import org.shangdang.connectors.oaipmh.OaiPage;
import org.shangdang.connectors.oaipmh.OaiPmhHarvester;
import org.shangdang.connectors.oaipmh.OaiPmhSource;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityOaiServer;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;

/**
 * B3 harvest over HTTP: the city catalogue served by {@link CityOaiServer} on loopback, harvested with the
 * connectors' {@link OaiPmhHarvester} (one thread, as the harvest routes do), each page crosswalked and upserted
 * into an embedded Lucene index, one commit at the end. Then the same harvest again without crosswalk and index,
 * to separate the cost of HTTP, page generation and parsing. Not thread-safe: one run at a time.
 */
final class HarvestBench {

    private static final SourceInfo UNION = new SourceInfo("changzhi-union", "长治市公共图书馆联合目录 OAI-PMH", "长治市图书馆",
            Optional.empty());

    /**
     * @param records      records harvested into the index
     * @param pages        pages fetched
     * @param nanos        wall time of the indexed harvest, commit included
     * @param fetchNanos   of which waiting for and parsing pages (server generation included)
     * @param crosswalkNanos of which crosswalking
     * @param indexNanos   of which upserting and the commit
     * @param fetchOnlyRecords records of the second, fetch-only harvest
     * @param fetchOnlyNanos   its wall time
     */
    record Result(long records, long pages, long nanos, long fetchNanos, long crosswalkNanos, long indexNanos,
            long fetchOnlyRecords, long fetchOnlyNanos) {
    }

    private HarvestBench() {
    }

    static Result run(CityCatalog catalog, int pageSize, Path indexDir) {
        Sizes.deleteTree(indexDir);
        Crosswalks crosswalks = Crosswalks.standard();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (CityOaiServer server = CityOaiServer.start(catalog, pageSize)) {
            OaiPmhSource source = OaiPmhSource.of(UNION.sourceId(), server.baseUrl(), CityOaiServer.METADATA_PREFIX, Optional.empty());
            long records = 0;
            long pages = 0;
            long fetch = 0;
            long crosswalk = 0;
            long indexing = 0;
            long started = System.nanoTime();
            try (LuceneSearchIndex index = LuceneSearchIndex.open(indexDir);
                    OaiPmhHarvester harvester = OaiPmhHarvester.open(source, HarvestStart.full(), RetryPolicy.standard(), http)) {
                while (true) {
                    long t0 = System.nanoTime();
                    if (!harvester.hasNext()) {
                        fetch += System.nanoTime() - t0;
                        break;
                    }
                    OaiPage page = harvester.next();
                    long t1 = System.nanoTime();
                    fetch += t1 - t0;
                    List<CanonicalRecord> batch = new ArrayList<>(page.records().size());
                    for (RawRecord raw : page.records()) {
                        try {
                            batch.add(crosswalks.map(raw, UNION));
                        } catch (RecordRejectedException e) {
                            throw new IllegalStateException("a generated record was rejected: " + e.getMessage(), e);
                        }
                    }
                    long t2 = System.nanoTime();
                    crosswalk += t2 - t1;
                    index.upsert(batch);
                    indexing += System.nanoTime() - t2;
                    records += batch.size();
                    pages++;
                }
                long t0 = System.nanoTime();
                index.commit();
                indexing += System.nanoTime() - t0;
                if (index.count() != records) {
                    throw new IllegalStateException("the index holds " + index.count() + " records after harvesting " + records);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the index at " + indexDir, e);
            }
            long nanos = System.nanoTime() - started;

            long fetchOnly = 0;
            long fetchStarted = System.nanoTime();
            try (OaiPmhHarvester harvester = OaiPmhHarvester.open(source, HarvestStart.full(), RetryPolicy.standard(), http)) {
                while (harvester.hasNext()) {
                    fetchOnly += harvester.next().records().size();
                }
            }
            return new Result(records, pages, nanos, fetch, crosswalk, indexing, fetchOnly, System.nanoTime() - fetchStarted);
        }
    }

    static Table table(Result r, int pageSize) {
        return new Table("B3 harvest over HTTP: OAI-PMH (local generator server) → OaiPmhHarvester → crosswalk → embedded Lucene",
                "measure", "value")
                .row("records harvested, pages of " + pageSize, String.format("%,d in %,d pages", r.records(), r.pages()))
                .row("wall time (commit included)", Sizes.seconds(r.nanos()))
                .row("**records/s, harvest → index**", "**" + Sizes.rate(r.records(), r.nanos()) + "**")
                .row("time waiting for and parsing pages", String.format("%s (%.0f %%)", Sizes.seconds(r.fetchNanos()),
                        100.0 * r.fetchNanos() / r.nanos()))
                .row("time crosswalking", String.format("%s (%.0f %%)", Sizes.seconds(r.crosswalkNanos()),
                        100.0 * r.crosswalkNanos() / r.nanos()))
                .row("time indexing and committing", String.format("%s (%.0f %%)", Sizes.seconds(r.indexNanos()),
                        100.0 * r.indexNanos() / r.nanos()))
                .row("records/s, harvest only (fetch + parse, no crosswalk or index)",
                        Sizes.rate(r.fetchOnlyRecords(), r.fetchOnlyNanos()))
                .note("the server generates every page while sending it and shares the machine with the harvester.");
    }
}
