package org.shangdang.routes.indexfaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.lucene.LuceneSearchIndex;
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
 * An index that stays unreachable for longer than the harvest may wait, through the real routes, record
 * store, connector and crosswalks, with a real Lucene index behind a switch.
 */
@SpringBootTest(classes = IndexStaysUnavailableIT.App.class, properties = {
        "shangdang.harvest.index-unavailable.max-wait=400ms",
        "shangdang.harvest.index-unavailable.initial-delay=20ms",
        "shangdang.harvest.index-unavailable.max-delay=100ms"})
class IndexStaysUnavailableIT {

    private static final String SOURCE = FixtureList.SOURCE;

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    UnreachableWhileDownIndex index;
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
    void jobFailsWhenTheIndexStaysUnavailableAndTheRerunResumes() {
        // given an index that becomes unreachable halfway through writing the third page and stays down
        FixtureList list = FixtureList.read(endpoint(SOURCE));
        assertThat(list.pages()).hasSizeGreaterThan(3);
        String tokenOfThirdPage = list.pages().get(1).resumptionToken().orElseThrow();
        index.goDownDuringUpsert(3, Optional.empty());

        // when the source is harvested in full
        JobStatus failed = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job failed once the wait was over, naming the cause, and the checkpoint asks for the third page
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("index unavailable").contains(SOURCE).contains("Connection refused"));
        assertThat(index.refusedCalls()).isGreaterThan(1);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(
                c -> assertThat(c.resumptionToken()).contains(tokenOfThirdPage));

        // when the index is back and the harvest is run again
        index.up();
        JobStatus resumed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then it resumes at the third page, and every record is searchable exactly once
        assertThat(resumed.state()).isEqualTo(JobState.COMPLETED);
        assertThat(resumed.pages()).isEqualTo(list.pages().size() - 2);
        assertThat(FixtureList.searchAllIds(index)).hasSize(FixtureSources.changzhiCityRecordCount())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(list.indexableIds());
        assertThat(index.count()).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(store.rejects(failed.id())).isEmpty();
        assertThat(store.rejects(resumed.id())).extracting(Reject::recordId)
                .containsExactly(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());
    }

    private static URI endpoint(String sourceId) {
        return URI.create(fixtures.oaiEndpoint(sourceId).toString());
    }

    /** The harvesting application with a real Lucene index behind an on/off switch. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean(destroyMethod = "close")
        UnreachableWhileDownIndex searchIndex(@Value("${test.index-parent}") Path parent) throws IOException {
            return new UnreachableWhileDownIndex(LuceneSearchIndex.open(Files.createTempDirectory(parent, "index-")));
        }
    }
}
