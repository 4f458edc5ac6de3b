package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.connectors.sru.SruPage;
import org.shangdang.connectors.sru.SruQuery;
import org.shangdang.connectors.sru.SruSearch;
import org.shangdang.connectors.sru.SruSource;
import org.shangdang.connectors.sru.SruVersion;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.RawRecord;
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
 * Harvests of the SRU fixture source (武乡县图书馆, SRU 1.2, cnmarcxml) through the real routes, record store (H2),
 * connector, crosswalks and Lucene index. The sources list here replaces the test application's.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SruHarvestIT {

    private static final String SOURCE = FixtureSources.WUXIANG_COUNTY;

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    @BeforeAll
    static void startFixtures() {
        fixtures = FixtureSources.start(0);
    }

    @AfterAll
    static void stopFixtures() {
        fixtures.close();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "武乡县图书馆");
        registry.add("shangdang.sources[0].county", () -> "武乡县");
        registry.add("shangdang.sources[0].protocol", () -> "sru");
        registry.add("shangdang.sources[0].sru.base-url", () -> fixtures.sruEndpoint(SOURCE).toString());
        registry.add("shangdang.sources[0].sru.record-schema", () -> "cnmarcxml");
        registry.add("shangdang.sources[0].sru.maximum-records", () -> "3");
    }

    @Test
    void fullHarvestIndexesEveryRecordOfTheResultSetOnce() {
        // given the result set, read straight from the source
        List<SruPage> pages = resultSet();
        List<String> ids = pages.stream().flatMap(p -> p.records().stream()).map(RawRecord::canonicalId).toList();

        // when it is harvested in full
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the SRU route ran it, and every record is searchable once
        assertThat(camel.getRoute("harvest-sru-" + SOURCE)).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.pages()).isEqualTo(pages.size()).isEqualTo(3);
        assertThat(job.seen()).isEqualTo(ids.size()).isEqualTo(pages.get(0).numberOfRecords());
        assertThat(index.count()).isEqualTo(ids.size() - job.rejected());
        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
        assertThat(ids).filteredOn(id -> index.get(id).isPresent()).hasSize((int) (ids.size() - job.rejected()));
        assertThat(store.rawCount(SOURCE)).isEqualTo(ids.size());
        // the checkpoint of a completed harvest carries no position to resume
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());
    }

    @Test
    void reharvestGivesNoDuplicates() {
        // given a harvested source
        jobs.harvest(SOURCE, HarvestMode.FULL);
        long afterFirst = index.count();
        long rawAfterFirst = store.rawCount(SOURCE);

        // when it is harvested again, incrementally (for SRU a full re-read)
        JobStatus again = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then every record was seen again and nothing is duplicated
        assertThat(again.state()).isEqualTo(JobState.COMPLETED);
        assertThat(again.seen()).isEqualTo(rawAfterFirst);
        assertThat(afterFirst).isPositive();
        assertThat(index.count()).isEqualTo(afterFirst);
        assertThat(store.rawCount(SOURCE)).isEqualTo(rawAfterFirst);
    }

    private static List<SruPage> resultSet() {
        SruSource source = SruSource.of(SOURCE, fixtures.sruEndpoint(SOURCE), SruVersion.V1_2, "cnmarcxml");
        List<SruPage> pages = new ArrayList<>();
        try (SruSearch search = SruSearch.open(source, new SruQuery("cql.allRecords=1", 1, 3), RetryPolicy.standard(),
                HttpClient.newHttpClient())) {
            search.forEachRemaining(pages::add);
        }
        return pages;
    }
}
