package org.shangdang.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;

class AdminJobViewTest {

    private static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void aRunningJobShowsItsRateAndTheEtaFromTheAnnouncedListSize() {
        // given a job that saw 200 records in 10 s of a list of 1,000
        JobStatus running = job(JobState.RUNNING, 200, Optional.empty());

        // when it is shown at that moment
        JobView view = JobView.of(running, Optional.of(1000L), START.plusSeconds(10));

        // then the rate is 20 records/s and the remaining 800 records take 40 s
        assertThat(view.recordsPerSecond()).isEqualTo(20.0);
        assertThat(view.expectedTotal()).isEqualTo(1000L);
        assertThat(view.etaSeconds()).isEqualTo(40L);
        assertThat(view.state()).isEqualTo("running");
        assertThat(view.links().stop()).isEqualTo("/api/admin/jobs/7/stop");
    }

    @Test
    void anEndedJobShowsItsAverageRateAndNoEtaNorStopLink() {
        JobStatus done = job(JobState.COMPLETED, 500, Optional.of(START.plusSeconds(25)));

        JobView view = JobView.of(done, Optional.of(1000L), START.plusSeconds(3600));

        assertThat(view.recordsPerSecond()).isEqualTo(20.0);
        assertThat(view.etaSeconds()).isNull();
        assertThat(view.expectedTotal()).isNull();
        assertThat(view.links().stop()).isNull();
        assertThat(view.endedAt()).isEqualTo(START.plusSeconds(25));
    }

    @Test
    void withoutAnAnnouncedListSizeThereIsNoEta() {
        JobView view = JobView.of(job(JobState.RUNNING, 50, Optional.empty()), Optional.empty(), START.plusSeconds(5));

        assertThat(view.etaSeconds()).isNull();
        assertThat(view.recordsPerSecond()).isEqualTo(10.0);
    }

    private static JobStatus job(JobState state, long seen, Optional<Instant> ended) {
        return new JobStatus(7, "changzhi-city", HarvestMode.FULL, state, seen, seen, seen - 1, 1, 0, 4, START, ended,
                Optional.empty());
    }
}
