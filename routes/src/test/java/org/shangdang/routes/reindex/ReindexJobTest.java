package org.shangdang.routes.reindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.IndexUnavailableException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.cluster.WorkClusters;
import org.shangdang.routes.config.OaiPmhProperties;
import org.shangdang.routes.config.Protocol;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.harvest.JobTracker;
import org.shangdang.routes.indexfaults.ForwardingSearchIndex;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;

/** Re-indexing from the record store into a real Lucene index, with a real H2 record store. */
class ReindexJobTest {

    private static final Instant MARCH = Instant.parse("2024-03-01T08:30:00Z");
    private static final String CITY = "changzhi-city";
    private static final String ZHANGZI = "zhangzi-county";

    @TempDir
    Path dir;

    private RecordStore store;
    private LuceneSearchIndex index;
    private SourcesProperties sources;

    @BeforeEach
    void storeHarvestedRecords() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:reindex-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new RecordStore(dataSource);
        sources = new SourcesProperties(List.of(source(CITY, "长治市图书馆", ""), source(ZHANGZI, "长子县图书馆", "长子县")));
        store.upsertRaw(List.of(
                dc(CITY, "1", "<dc:title>上党梆子史话</dc:title><dc:subject>上党梆子</dc:subject>"),
                dc(CITY, "2", "<dc:title>长治历史文化</dc:title>"),
                // No title: the crosswalk rejects it.
                dc(CITY, "3", "<dc:subject>无题</dc:subject>"),
                deleted(CITY, "4"),
                dc(ZHANGZI, "1", "<dc:title>长子鼓书选</dc:title>"),
                dc(ZHANGZI, "2", "<dc:title>长子县志</dc:title>"),
                // Harvested once from a source that has since been removed from the configuration.
                dc("retired-source", "1", "<dc:title>旧数据源</dc:title>")));
        index = LuceneSearchIndex.open(dir.resolve("index"));
    }

    @AfterEach
    void closeTheIndex() throws IOException {
        index.close();
    }

    private static SourceProperties source(String id, String library, String county) {
        return new SourceProperties(id, null, library, county, Protocol.OAIPMH,
                new OaiPmhProperties(URI.create("http://127.0.0.1:1/oai"), "oai_dc", null, RecordFormat.OAI_DC), null, true);
    }

    private static RawRecord dc(String source, String id, String elements) {
        String xml = "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" + elements + "</oai_dc:dc>";
        return new RawRecord(source, id, MARCH, RecordFormat.OAI_DC, xml.getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);
    }

    private static RawRecord deleted(String source, String id) {
        return new RawRecord(source, id, MARCH, RecordFormat.OAI_DC, new byte[0], RecordStatus.DELETED);
    }

    /** What an older crosswalk put in the index: stale titles, records since deleted or rejected, one with no raw row. */
    private void indexAnOlderState() {
        index.upsert(List.of(indexed(CITY, "1", "旧标题"), indexed(CITY, "3", "曾被收录"), indexed(CITY, "4", "已删除"),
                indexed(CITY, "stale", "库里没有的记录"), indexed(ZHANGZI, "1", "长子鼓书选（旧）")));
        index.commit();
    }

    private static CanonicalRecord indexed(String source, String id, String title) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.OAI_DC).kind(ResourceKind.BOOK).title(title)
                .library("长治市图书馆").datestamp(MARCH).build();
    }

    private ReindexJob job(SearchIndex target, int batchSize) {
        return new ReindexJob(target, store, Crosswalks.standard(), sources, new JobTracker(sources, store), batchSize,
                new WorkClusters(store, Crosswalks.standard(), sources));
    }

    @Test
    void reindexingEverySourceBuildsANewGenerationFromTheStoreAndSwapsItIn() {
        indexAnOlderState();

        JobStatus done = job(index, 2).reindexAll();

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.mode()).isEqualTo(HarvestMode.REINDEX);
        assertThat(done.sourceId()).isEqualTo(ReindexJob.ALL_SOURCES);
        assertThat(done.seen()).isEqualTo(7);
        assertThat(done.indexed()).isEqualTo(4);
        assertThat(done.rejected()).isEqualTo(1);
        assertThat(done.deleted()).isEqualTo(1);
        assertThat(done.pages()).isEqualTo(4);
        assertThat(index.count()).isEqualTo(4);
        assertThat(index.get("changzhi-city:1").orElseThrow().title()).isEqualTo("上党梆子史话");
        assertThat(index.get("zhangzi-county:1").orElseThrow().county()).contains("长子县");
        assertThat(index.get("changzhi-city:stale")).isEmpty();
        assertThat(index.get("changzhi-city:4")).isEmpty();
        assertThat(index.get("retired-source:1")).isEmpty();
        assertThat(store.rejects(done.id())).singleElement()
                .satisfies(r -> assertThat(r.recordId()).isEqualTo("3"));
        assertThat(store.job(done.id()).orElseThrow()).isEqualTo(done);
    }

    @Test
    void reindexingOneSourceUpdatesItInPlaceAndRemovesWhatItNoLongerHas() {
        indexAnOlderState();

        JobStatus done = job(index, 500).reindexSource(CITY);

        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.sourceId()).isEqualTo(CITY);
        assertThat(done.seen()).isEqualTo(4);
        assertThat(done.indexed()).isEqualTo(2);
        assertThat(done.rejected()).isEqualTo(1);
        assertThat(done.deleted()).isEqualTo(1);
        assertThat(index.get("changzhi-city:1").orElseThrow().title()).isEqualTo("上党梆子史话");
        assertThat(index.get("changzhi-city:2")).isPresent();
        // Deleted at the source, and no longer accepted by the crosswalk: both gone from search.
        assertThat(index.get("changzhi-city:4")).isEmpty();
        assertThat(index.get("changzhi-city:3")).isEmpty();
        // Other sources are left as they were.
        assertThat(index.get("zhangzi-county:1").orElseThrow().title()).isEqualTo("长子鼓书选（旧）");
        SearchResult city = index.search(new SearchQuery("史话", Map.of(), 1, 10));
        assertThat(city.hits()).extracting(SearchResult.Hit::id).containsExactly("changzhi-city:1");
    }

    @Test
    void anUnknownSourceIsRefusedWithoutAJob() {
        assertThatThrownBy(() -> job(index, 10).reindexSource("retired-source"))
                .isInstanceOf(UnknownSourceException.class).hasMessageContaining("retired-source");
        assertThat(store.recentJobs(10)).isEmpty();
    }

    @Test
    void anIndexThatFailsDuringTheRebuildEndsTheJobFailedAndLeavesTheLiveGeneration() {
        indexAnOlderState();
        SearchIndex failing = new UnavailableDuringRebuild(index);

        JobStatus done = job(failing, 2).reindexAll();

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.lastError()).hasValueSatisfying(e -> assertThat(e).contains("cluster went away"));
        assertThat(index.count()).isEqualTo(5);
        assertThat(index.get("changzhi-city:1").orElseThrow().title()).isEqualTo("旧标题");
        // The abandoned generation is gone: a new rebuild can start.
        assertThat(job(index, 2).reindexAll().state()).isEqualTo(JobState.COMPLETED);
    }

    /** Whether the service had loaded its union catalog before the full re-index. */
    enum Catalog { COLD, LOADED }

    @ParameterizedTest
    @EnumSource(Catalog.class)
    void aFullReindexOnFourWorkersWritesEveryRecordWithTheWorkTheLoadedCatalogGivesIt(Catalog before) {
        // Given one book held by three libraries (one of them configured but disabled), read from the store in an
        // order where the work's id (its smallest record id) comes last, so earlier records change work midway.
        String isbn = "<dc:identifier>ISBN 978-7-203-01234-4</dc:identifier>";
        String second = "changzhi-city-2";
        String disabled = "changzhi-archive";
        sources = new SourcesProperties(List.of(source(CITY, "长治市图书馆", ""), source(ZHANGZI, "长子县图书馆", "长子县"),
                source(second, "长治市图书馆分馆", ""),
                new SourceProperties(disabled, null, "长治市档案馆", "", Protocol.OAIPMH, new OaiPmhProperties(
                        URI.create("http://127.0.0.1:1/oai"), "oai_dc", null, RecordFormat.OAI_DC), null, false)));
        store.upsertRaw(List.of(dc(CITY, "5", "<dc:title>上党古戏台</dc:title>" + isbn),
                dc(second, "9", "<dc:title>上党古戏台</dc:title>" + isbn),
                dc(disabled, "1", "<dc:title>上党古戏台</dc:title>" + isbn)));
        WorkClusters works = new WorkClusters(store, Crosswalks.standard(), sources);
        if (before == Catalog.LOADED) {
            works.size();
        }
        ReindexJob job = new ReindexJob(index, store, Crosswalks.standard(), sources, new JobTracker(sources, store), 1,
                works, 4);

        // When every source is re-indexed one record per batch on four workers
        JobStatus done = job.reindexAll();

        // Then the counts are exact, the catalog is in memory, and every record carries the work that a catalog
        // loaded from the store by the service gives it
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.seen()).isEqualTo(10);
        assertThat(done.indexed()).isEqualTo(6);
        assertThat(done.rejected()).isEqualTo(1);
        assertThat(done.deleted()).isEqualTo(1);
        assertThat(done.pages()).isEqualTo(10);
        assertThat(store.job(done.id()).orElseThrow()).isEqualTo(done);
        assertThat(works.isLoaded()).isTrue();
        WorkClusters loaded = new WorkClusters(store, Crosswalks.standard(), sources);
        assertThat(index.count()).isEqualTo(6);
        for (String id : List.of("changzhi-city:1", "changzhi-city:2", "changzhi-city:5", "changzhi-city-2:9",
                "zhangzi-county:1", "zhangzi-county:2")) {
            assertThat(index.get(id).orElseThrow().workIdOrSelf()).as(id).isEqualTo(loaded.workOf(id).orElseThrow());
            assertThat(works.workOf(id)).as(id).isEqualTo(loaded.workOf(id));
        }
        assertThat(index.get("changzhi-city:5").orElseThrow().workIdOrSelf())
                .isEqualTo(index.get("changzhi-city-2:9").orElseThrow().workIdOrSelf())
                .isEqualTo(loaded.members(loaded.workOf("changzhi-city:5").orElseThrow()).get(0));
        assertThat(loaded.members(loaded.workOf("changzhi-city:5").orElseThrow())).hasSize(3);
    }

    /** The real index, whose rebuilds accept one batch and then find the index unavailable. */
    private static final class UnavailableDuringRebuild extends ForwardingSearchIndex {

        UnavailableDuringRebuild(SearchIndex delegate) {
            super(delegate);
        }

        @Override
        public IndexRebuild rebuild() {
            IndexRebuild real = delegate().rebuild();
            return new IndexRebuild() {
                private int batches;

                @Override
                public void upsert(Collection<CanonicalRecord> records) {
                    if (++batches > 1) {
                        throw new IndexUnavailableException("cluster went away", null);
                    }
                    real.upsert(records);
                }

                @Override
                public void delete(Collection<String> ids) {
                    real.delete(ids);
                }

                @Override
                public long swap() {
                    return real.swap();
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }
}
