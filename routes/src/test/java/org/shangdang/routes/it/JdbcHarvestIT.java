package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.ResourceKind;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of the opera/quyi database fixture (an embedded H2 database seeded from the fixture SQL) through the
 * real JDBC route, record store, crosswalks with enrichment and Lucene index.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class JdbcHarvestIT {

    private static final String SOURCE = "shangdang-opera";
    private static final String URL = "jdbc:h2:mem:opera-it-" + UUID.randomUUID();

    @TempDir
    static Path indexes;

    private static Connection keepAlive;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    @BeforeAll
    static void seedTheDatabase() throws SQLException {
        keepAlive = DriverManager.getConnection(URL);
        OperaDatabaseFixture.load(keepAlive);
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        keepAlive.close();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市群众艺术馆");
        registry.add("shangdang.sources[0].protocol", () -> "jdbc");
        registry.add("shangdang.sources[0].jdbc.url", () -> URL);
        registry.add("shangdang.sources[0].jdbc.page-size", () -> "5");
    }

    @Test
    void fullHarvestIndexesEveryWorkAndRecordingEnrichedAndLeavesTheWithdrawnOneOut() {
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        assertThat(camel.getRoute("harvest-jdbc-" + SOURCE)).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.seen()).isEqualTo(OperaDatabaseFixture.WORKS + OperaDatabaseFixture.RECORDINGS);
        assertThat(job.pages()).isEqualTo(4);
        assertThat(job.rejected()).isZero();
        assertThat(index.count()).isEqualTo(OperaDatabaseFixture.WORKS + OperaDatabaseFixture.RECORDINGS - 1);
        assertThat(index.get(SOURCE + ":recording/r-xihuo-old")).isEmpty();
        CanonicalRecord jingwei = index.get(SOURCE + ":work/w-jingwei").orElseThrow();
        assertThat(jingwei.kind()).isEqualTo(ResourceKind.REPERTOIRE);
        assertThat(jingwei.genre()).contains("长子鼓书");
        assertThat(jingwei.county()).contains("长子县");
        // the reading theme comes from enrichment: 精卫填海 is one of the myths of the vocabulary
        assertThat(jingwei.themes()).containsExactly("神话");
        assertThat(index.get(SOURCE + ":work/w-taihang").orElseThrow().themes()).contains("红色文化");
        SearchResult all = index.search(new SearchQuery("", Map.of(), 1, 10));
        assertThat(all.facets().get(Facet.GENRE)).contains(new SearchResult.FacetCount("上党梆子", 6));
        // the checkpoint of the completed harvest: no position, the latest updated_at as high-water mark
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).isEmpty();
            assertThat(c.highWater()).contains(Instant.parse("2026-08-10T09:00:00Z"));
        });
    }

    @Test
    void incrementalHarvestReadsOnlyRowsChangedSinceTheLastOneAndMovesTheHighWaterMark() throws SQLException {
        // given a completed harvest
        jobs.harvest(SOURCE, HarvestMode.FULL);
        long before = index.count();
        try {
            // and a work edited and a recording added in the database afterwards
            execute("UPDATE work SET synopsis = '长子县发鸠山精卫传说，新整理本。', updated_at = TIMESTAMP '2026-11-20 10:00:00'"
                    + " WHERE id = 'w-jingwei'");
            execute("INSERT INTO recording (id, work_id, title, troupe_id, recorded_on, county, withdrawn, updated_at)"
                    + " VALUES ('r-jingwei-2026', 'w-jingwei', '长子鼓书《精卫填海》新录音', 'zzqy', DATE '2026-11-18',"
                    + " '长子县', FALSE, TIMESTAMP '2026-11-21 09:00:00')");

            // when the next incremental harvest runs
            JobStatus job = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

            // then it saw the two changes, the work's existing recording (which shows the work) and the row at the old
            // high-water mark only, and both changes are searchable
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(job.seen()).isEqualTo(4);
            assertThat(index.count()).isEqualTo(before + 1);
            assertThat(index.get(SOURCE + ":work/w-jingwei").orElseThrow().description())
                    .hasValueSatisfying(d -> assertThat(d).contains("新整理本"));
            assertThat(index.get(SOURCE + ":recording/r-jingwei-2026").orElseThrow().genre()).contains("长子鼓书");
            assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(
                    c -> assertThat(c.highWater()).contains(Instant.parse("2026-11-21T09:00:00Z")));
        } finally {
            execute("DELETE FROM recording WHERE id = 'r-jingwei-2026'");
            execute("UPDATE work SET updated_at = TIMESTAMP '2026-05-08 08:15:00' WHERE id = 'w-jingwei'");
        }
    }

    @Test
    void incrementalHarvestAfterOnlyAPerformersNameWasCorrectedMakesTheWorksFindableByTheNewName() throws SQLException {
        // given a completed harvest in which 郭金顺 is found in his three works and three recordings
        jobs.harvest(SOURCE, HarvestMode.FULL);
        assertThat(ids("郭金顺")).contains(SOURCE + ":work/w-sanguan", SOURCE + ":work/w-dayu");
        try {
            // and then only the performer's row corrected in the database: no work or recording row touched
            execute("UPDATE performer SET name = '郭金舜', updated_at = TIMESTAMP '2026-11-22 10:00:00'"
                    + " WHERE id = 'p-guojs'");

            // when the next incremental harvest runs
            JobStatus job = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

            // then it re-read the works and recordings that show him, and search follows the correction
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(ids("郭金舜")).containsExactlyInAnyOrder(SOURCE + ":work/w-sanguan",
                    SOURCE + ":work/w-tianbolou", SOURCE + ":work/w-dayu", SOURCE + ":recording/r-sanguan-1998",
                    SOURCE + ":recording/r-sanguan-aria", SOURCE + ":recording/r-dayu-2019");
            assertThat(ids("郭金顺")).isEmpty();
            assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(
                    c -> assertThat(c.highWater()).contains(Instant.parse("2026-11-22T10:00:00Z")));
        } finally {
            execute("UPDATE performer SET name = '郭金顺', updated_at = NULL WHERE id = 'p-guojs'");
        }
    }

    @Test
    void incrementalHarvestAfterOnlyAWorksTitleWasCorrectedShowsTheNewTitleInItsRecordings() throws SQLException {
        // given a completed harvest
        jobs.harvest(SOURCE, HarvestMode.FULL);
        try {
            // and then only the work's row corrected in the database: no recording row touched
            execute("UPDATE work SET title = '精卫衔石填海', updated_at = TIMESTAMP '2026-11-23 10:00:00'"
                    + " WHERE id = 'w-jingwei'");

            // when the next incremental harvest runs
            JobStatus job = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

            // then the work's recording was re-read and is found by the corrected title, with the work's record
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(ids("精卫衔石填海")).containsExactlyInAnyOrder(SOURCE + ":work/w-jingwei",
                    SOURCE + ":recording/r-jingwei");
        } finally {
            execute("UPDATE work SET title = '精卫填海', updated_at = TIMESTAMP '2026-05-08 08:15:00' WHERE id = 'w-jingwei'");
        }
    }

    private java.util.List<String> ids(String phrase) {
        return index.search(new SearchQuery("\"" + phrase + "\"", Map.of(), 1, 50)).hits().stream()
                .map(SearchResult.Hit::id).toList();
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute(sql);
        }
    }
}
