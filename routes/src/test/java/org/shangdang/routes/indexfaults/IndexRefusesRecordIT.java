package org.shangdang.routes.indexfaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
import org.shangdang.record.RawRecord;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.Reject;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A per-record refusal by the index (an Elasticsearch bulk item failure) through the real routes, record
 * store, connector and crosswalks, with a real Lucene index that refuses one record.
 */
@SpringBootTest(classes = IndexRefusesRecordIT.App.class)
class IndexRefusesRecordIT {

    private static final String SOURCE = FixtureList.SOURCE;

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    RefusingOneRecordIndex index;
    @Autowired
    RecordStore store;

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
        registry.add("fixtures.changzhi-city", () -> endpoint(SOURCE).toString());
        registry.add("fixtures.zhangzi-county", () -> endpoint(FixtureScenario.ZHANGZI_COUNTY).toString());
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @Test
    void recordRefusedByTheIndexBecomesARejectAndTheJobGoesOn() {
        // given an index that refuses one record of the second page
        FixtureList list = FixtureList.read(endpoint(SOURCE));
        RawRecord refused = list.presentOnPage(1).get(3);
        index.refuse(refused.canonicalId());

        // when the source is harvested in full
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job completed, the refused record is a reject with the index's reason and its raw bytes,
        // and every other record is searchable
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        List<Reject> rejects = store.rejects(job.id());
        assertThat(rejects).extracting(Reject::recordId)
                .containsExactlyInAnyOrder(FixtureScenario.MALFORMED_RECORD_ID, refused.recordId());
        assertThat(rejects).filteredOn(r -> r.recordId().equals(refused.recordId())).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains(RefusingOneRecordIndex.REASON).contains(refused.canonicalId());
            assertThat(r.payload()).isEqualTo(refused.payload());
            assertThat(r.sourceId()).isEqualTo(SOURCE);
        });
        assertThat(job.rejected()).isEqualTo(2);
        List<String> expected = list.indexableIds().stream().filter(id -> !id.equals(refused.canonicalId())).toList();
        assertThat(job.indexed()).isEqualTo(expected.size());
        assertThat(index.get(refused.canonicalId())).isEmpty();
        assertThat(FixtureList.searchAllIds(index)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(index.count()).isEqualTo(FixtureSources.changzhiCityRecordCount() - 1);
        // the page with the refusal was committed and checkpointed like any other: the list is complete
        assertThat(job.pages()).isEqualTo(list.pages().size());
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());
    }

    private static URI endpoint(String sourceId) {
        return URI.create(fixtures.oaiEndpoint(sourceId).toString());
    }

    /** The harvesting application with a real Lucene index that refuses one record on demand. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean(destroyMethod = "close")
        RefusingOneRecordIndex searchIndex(@Value("${test.index-parent}") Path parent) throws IOException {
            return new RefusingOneRecordIndex(LuceneSearchIndex.open(Files.createTempDirectory(parent, "index-")));
        }
    }
}
