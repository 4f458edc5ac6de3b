package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.RecordFormat;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.Reject;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of the fixture sources through the real routes, record store (H2), connector, crosswalks and
 * Lucene index. The fixture server only serves; every test gets a new database and index.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class OaiPmhHarvestIT {

    private static final String CITY = "changzhi-city";
    private static final String COUNTY = "zhangzi-county";

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
        registry.add("fixtures.changzhi-city", () -> endpoint(CITY).toString());
        registry.add("fixtures.zhangzi-county", () -> endpoint(COUNTY).toString());
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @Test
    void fullHarvestIndexesEveryRecordOnce() {
        // given the city library's list, read straight from the source
        SourcePages source = SourcePages.list(CITY, endpoint(CITY), "marcxml", RecordFormat.MARCXML);

        // when it is harvested in full
        JobStatus job = jobs.harvest(CITY, HarvestMode.FULL);

        // then every present record but the malformed one is searchable, once
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.pages()).isEqualTo(source.pages().size());
        assertThat(job.seen()).isEqualTo(source.recordCount()).isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(index.count()).isEqualTo(source.presentIds().size() - 1)
                .isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(source.presentIds()).filteredOn(id -> !id.equals(canonical(CITY, FixtureScenario.MALFORMED_RECORD_ID)))
                .allSatisfy(id -> assertThat(index.get(id)).as("searchable: %s", id).isPresent());
        // the malformed record is in the rejects with a reason, the deleted one is nowhere in the index
        List<Reject> rejects = store.rejects(job.id());
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo(FixtureScenario.MALFORMED_RECORD_ID);
            assertThat(r.reason()).isNotBlank().contains(FixtureScenario.MALFORMED_RECORD_ID);
            assertThat(r.payload()).isNotEmpty();
        });
        assertThat(job.rejected()).isEqualTo(1);
        assertThat(index.get(canonical(CITY, FixtureScenario.DELETED_RECORD_ID))).isEmpty();
        assertThat(source.deletedIds()).contains(canonical(CITY, FixtureScenario.DELETED_RECORD_ID));
        // the raw store keeps everything served, deleted and rejected records included
        assertThat(store.rawCount(CITY)).isEqualTo(source.recordCount());
        assertThat(store.checkpoint(CITY)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).isEmpty();
            assertThat(c.highWater()).isEqualTo(source.maxDatestamp());
        });
    }

    @Test
    void reharvestLeavesCountUnchanged() {
        // given a harvested source
        SourcePages source = SourcePages.list(CITY, endpoint(CITY), "marcxml", RecordFormat.MARCXML);
        jobs.harvest(CITY, HarvestMode.FULL);
        long afterFirst = index.count();
        long rawAfterFirst = store.rawCount(CITY);

        // when it is harvested in full again
        JobStatus again = jobs.harvest(CITY, HarvestMode.FULL);

        // then every record was seen again and nothing is duplicated
        assertThat(again.state()).isEqualTo(JobState.COMPLETED);
        assertThat(again.seen()).isEqualTo(source.recordCount());
        assertThat(index.count()).isEqualTo(afterFirst).isEqualTo(source.presentIds().size() - 1);
        assertThat(store.rawCount(CITY)).isEqualTo(rawAfterFirst);
    }

    @Test
    void incrementalHarvestAppliesChangesAndDeletions() {
        // given a full harvest before the source changed
        jobs.harvest(CITY, HarvestMode.FULL);
        String changed = canonical(CITY, FixtureScenario.CORRECTED_RECORD_ID);
        String deletedLater = canonical(CITY, FixtureScenario.NEWLY_DELETED_RECORD_ID);
        assertThat(index.get(deletedLater)).isPresent();

        long countBefore = index.count();
        assertThat(index.get(changed)).hasValueSatisfying(
                r -> assertThat(r.title()).isEqualTo(FixtureScenario.TITLE_BEFORE_CORRECTION));

        // when the source has since corrected one record and deleted another, and is harvested incrementally
        // from the fixture's checkpoint date (it answers a from between its last datestamp and its changes)
        store.saveCheckpoint(new Checkpoint(CITY, Optional.empty(), Optional.empty(),
                Optional.of(FixtureScenario.INCREMENTAL_FROM)));
        JobStatus incremental = jobs.harvest(CITY, HarvestMode.INCREMENTAL);

        // then only the changes were fetched and applied
        assertThat(incremental.state()).isEqualTo(JobState.COMPLETED);
        assertThat(incremental.seen()).isEqualTo(2);
        assertThat(incremental.deleted()).isEqualTo(1);
        assertThat(index.get(deletedLater)).isEmpty();
        assertThat(index.get(changed)).hasValueSatisfying(
                r -> assertThat(r.title()).isEqualTo(FixtureScenario.TITLE_AFTER_CORRECTION));
        assertThat(index.count()).isEqualTo(countBefore - 1)
                .isEqualTo(FixtureSources.changzhiCityRecordCountAfterIncremental());
        assertThat(store.checkpoint(CITY)).hasValueSatisfying(
                c -> assertThat(c.highWater()).contains(FixtureScenario.CHANGES_DATESTAMP.plusSeconds(35 * 60)));
    }

    @Test
    void rejectedRecordDoesNotStopTheJob() {
        // given a list with a malformed record before its last page
        SourcePages source = SourcePages.list(CITY, endpoint(CITY), "marcxml", RecordFormat.MARCXML);
        int malformedPage = source.pageOf(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(malformedPage).isLessThan(source.pages().size() - 1);

        // when it is harvested
        JobStatus job = jobs.harvest(CITY, HarvestMode.FULL);

        // then the job went on to the end: the records after the malformed one are searchable
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.lastError()).isEmpty();
        assertThat(job.rejected()).isEqualTo(1);
        assertThat(source.presentIdsAfter(FixtureScenario.MALFORMED_RECORD_ID)).isNotEmpty()
                .allSatisfy(id -> assertThat(index.get(id)).as("searchable: %s", id).isPresent());
    }

    @Test
    void dublinCoreSourceIsHarvestedWithItsCounty() {
        // given the county library, which serves oai_dc with day-granularity datestamps
        SourcePages source = SourcePages.list(COUNTY, endpoint(COUNTY), "oai_dc", RecordFormat.OAI_DC);

        // when it is harvested
        JobStatus full = jobs.harvest(COUNTY, HarvestMode.FULL);

        // then its records are searchable, with the county of the source, and the day is the high-water mark
        assertThat(full.state()).isEqualTo(JobState.COMPLETED);
        assertThat(full.rejected()).isZero();
        assertThat(index.count()).isEqualTo(source.presentIds().size())
                .isEqualTo(FixtureSources.zhangziCountyRecordCount());
        assertThat(index.get(source.presentIds().get(0))).hasValueSatisfying(
                r -> assertThat(r.county()).contains("长子县"));
        assertThat(store.checkpoint(COUNTY)).hasValueSatisfying(
                c -> assertThat(c.highWater()).isEqualTo(source.maxDatestamp()));
    }

    @Test
    void unknownAndDisabledSourcesAreRefused() {
        assertThatThrownBy(() -> jobs.harvest("no-such-source", HarvestMode.FULL))
                .isInstanceOf(UnknownSourceException.class)
                .hasMessageContaining("no-such-source");
        assertThatThrownBy(() -> jobs.harvest("wuxiang-county", HarvestMode.FULL))
                .isInstanceOf(UnknownSourceException.class)
                .hasMessageContaining("wuxiang-county");
        assertThat(jobs.sourceIds()).containsExactly(CITY, COUNTY);
        assertThat(store.recentJobs(10)).isEmpty();
    }

    @Test
    void eachEnabledSourceHasAHarvestRouteAndScheduledOnesATrigger() {
        assertThat(camel.getRoute("harvest-oaipmh-changzhi-city")).isNotNull();
        assertThat(camel.getRoute("harvest-oaipmh-zhangzi-county")).isNotNull();
        assertThat(camel.getRoute("schedule-oaipmh-zhangzi-county")).isNotNull();
        assertThat(camel.getRoute("schedule-oaipmh-changzhi-city")).isNull();
        assertThat(camel.getRoute("harvest-oaipmh-wuxiang-county")).isNull();
    }

    private static URI endpoint(String sourceId) {
        return URI.create(fixtures.oaiEndpoint(sourceId).toString());
    }

    private static String canonical(String sourceId, String recordId) {
        return sourceId + ":" + recordId;
    }
}
