package org.shangdang.routes.indexfaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An index that cannot be reached for a while in the middle of a harvest, through the real routes, record
 * store, connector and crosswalks, with a real Lucene index behind a switch that a second thread turns back on.
 */
@SpringBootTest(classes = IndexUnavailableIT.App.class, properties = {
        "shangdang.harvest.index-unavailable.max-wait=60s",
        "shangdang.harvest.index-unavailable.initial-delay=50ms",
        "shangdang.harvest.index-unavailable.max-delay=400ms"})
@ExtendWith(OutputCaptureExtension.class)
class IndexUnavailableIT {

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
    void ingestionPausesWhileTheIndexIsUnavailableAndResumesWithoutLossOrDuplicates(CapturedOutput output)
            throws Exception {
        // given an index that becomes unreachable halfway through writing the third page and is back after 2 s
        FixtureList list = FixtureList.read(endpoint(SOURCE));
        assertThat(list.pages()).hasSizeGreaterThan(3);
        index.goDownDuringUpsert(3, Optional.of(Duration.ofSeconds(2)));

        // when the source is harvested in full, its job's state watched meanwhile
        long started = System.nanoTime();
        CompletableFuture<JobStatus> harvest = CompletableFuture.supplyAsync(() -> jobs.harvest(SOURCE, HarvestMode.FULL));
        Set<JobState> statesSeen = EnumSet.noneOf(JobState.class);
        while (!harvest.isDone()) {
            store.recentJobs(1).forEach(j -> statesSeen.add(j.state()));
            Thread.sleep(20);
        }
        JobStatus job = harvest.get();

        // then the job showed PAUSED while the harvest waited for the index rather than failing, and completed
        assertThat(job.state()).as("job %s, last error %s", job.id(), job.lastError()).isEqualTo(JobState.COMPLETED);
        assertThat(statesSeen).contains(JobState.RUNNING, JobState.PAUSED);
        assertThat(index.refusedCalls()).as("calls refused while down").isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(output.getOut()).containsOnlyOnce("index unavailable, ingestion paused")
                .containsOnlyOnce("ingestion resumed");
        // and every record is searchable exactly once, with nothing rejected but the malformed record
        List<String> ids = FixtureList.searchAllIds(index);
        assertThat(ids).hasSize(FixtureSources.changzhiCityRecordCount()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(list.indexableIds());
        assertThat(index.count()).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(store.rejects(job.id())).extracting(Reject::recordId)
                .containsExactly(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(job.indexed()).isEqualTo(list.indexableIds().size());
        assertThat(job.pages()).isEqualTo(list.pages().size());
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
