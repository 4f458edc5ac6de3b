package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code shangdang.harvest.on-startup=true}: the enabled sources are harvested in turn once the application is ready. */
@SpringBootTest(classes = HarvestTestApplication.class, properties = "shangdang.harvest.on-startup=true")
@DirtiesContext
class StartupHarvestIT {

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;

    @Autowired
    RecordStore store;
    @Autowired
    SearchIndex index;

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
        registry.add("fixtures.changzhi-city", () -> fixtures.oaiEndpoint(FixtureSources.CHANGZHI_CITY).toString());
        registry.add("fixtures.zhangzi-county", () -> fixtures.oaiEndpoint(FixtureSources.ZHANGZI_COUNTY).toString());
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @Test
    void everyEnabledSourceIsHarvestedOneAfterTheOther() throws InterruptedException {
        // given an application started with on-startup harvesting and nothing harvested before
        // when it has been ready for a while
        List<JobStatus> jobs = awaitEndedJobs(2, Duration.ofSeconds(60));

        // then each enabled source was harvested once, incrementally (all, as never harvested), in turn
        assertThat(jobs).extracting(JobStatus::sourceId).containsExactlyInAnyOrder("changzhi-city", "zhangzi-county");
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(JobState.COMPLETED);
            assertThat(job.mode()).isEqualTo(HarvestMode.INCREMENTAL);
        });
        JobStatus first = jobs.get(1);
        JobStatus second = jobs.get(0);
        assertThat(second.startedAt()).isAfterOrEqualTo(first.endedAt().orElseThrow());
        assertThat(index.count()).isEqualTo(
                FixtureSources.changzhiCityRecordCount() + FixtureSources.zhangziCountyRecordCount());
    }

    private List<JobStatus> awaitEndedJobs(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JobStatus> jobs = store.recentJobs(10);
        while (System.nanoTime() < deadline
                && (jobs.size() < count || jobs.stream().anyMatch(j -> j.state() == JobState.RUNNING))) {
            Thread.sleep(100);
            jobs = store.recentJobs(10);
        }
        assertThat(jobs).as("jobs ended within %s", timeout).hasSize(count)
                .noneMatch(j -> j.state() == JobState.RUNNING);
        return jobs;
    }
}
