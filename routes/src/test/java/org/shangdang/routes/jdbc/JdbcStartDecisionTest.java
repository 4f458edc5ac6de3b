package org.shangdang.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.opera.OperaPosition;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;

class JdbcStartDecisionTest {

    private static final Instant HIGH_WATER = Instant.parse("2026-08-10T09:00:00Z");
    private static final OperaPosition MID_LIST = new OperaPosition(Instant.parse("2026-05-08T08:15:00Z"), "work",
            "w-jingwei");

    @Test
    void aFullHarvestStartsAtTheFirstRowWhateverTheCheckpointSays() {
        Checkpoint checkpoint = new Checkpoint("opera", Optional.of(MID_LIST.token()), Optional.empty(),
                Optional.of(HIGH_WATER));

        assertThat(JdbcPager.startOf(HarvestMode.FULL, Optional.of(checkpoint))).isEmpty();
    }

    @Test
    void anIncrementalHarvestResumesAfterTheLastCommittedPageOfAFailedRun() {
        Checkpoint failedRun = new Checkpoint("opera", Optional.of(MID_LIST.token()), Optional.empty(),
                Optional.of(HIGH_WATER));

        assertThat(JdbcPager.startOf(HarvestMode.INCREMENTAL, Optional.of(failedRun))).contains(MID_LIST);
    }

    @Test
    void anIncrementalHarvestAfterACompletedOneStartsAtItsHighWaterMark() {
        Checkpoint completed = new Checkpoint("opera", Optional.empty(), Optional.empty(), Optional.of(HIGH_WATER));
        // A position another protocol left (an SRU record number) is no place in this list.
        Checkpoint foreign = new Checkpoint("opera", Optional.of("51"), Optional.empty(), Optional.of(HIGH_WATER));

        assertThat(JdbcPager.startOf(HarvestMode.INCREMENTAL, Optional.of(completed)))
                .contains(OperaPosition.changedSince(HIGH_WATER));
        assertThat(JdbcPager.startOf(HarvestMode.INCREMENTAL, Optional.of(foreign)))
                .contains(OperaPosition.changedSince(HIGH_WATER));
    }

    @Test
    void theFirstIncrementalHarvestReadsEverything() {
        assertThat(JdbcPager.startOf(HarvestMode.INCREMENTAL, Optional.empty())).isEmpty();
    }
}
