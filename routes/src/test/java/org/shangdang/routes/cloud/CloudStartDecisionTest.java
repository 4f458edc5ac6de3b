package org.shangdang.routes.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.cloud.CloudQuery;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;

class CloudStartDecisionTest {

    private static final Instant MARK = Instant.parse("2024-06-20T02:00:00Z");

    @Test
    void aFullRunReadsTheWholeListEvenWithACheckpoint() {
        Checkpoint saved = new Checkpoint("c", Optional.of("3"), Optional.of(MARK), Optional.of(MARK));

        assertThat(CloudPager.queryOf(HarvestMode.FULL, Optional.of(saved))).isEqualTo(CloudQuery.all());
    }

    @Test
    void anIncrementalRunAsksForChangesSinceTheHighWaterMark() {
        Checkpoint completed = new Checkpoint("c", Optional.empty(), Optional.empty(), Optional.of(MARK));

        assertThat(CloudPager.queryOf(HarvestMode.INCREMENTAL, Optional.of(completed))).isEqualTo(CloudQuery.changedSince(MARK));
        assertThat(CloudPager.queryOf(HarvestMode.INCREMENTAL, Optional.empty())).isEqualTo(CloudQuery.all());
    }

    @Test
    void anIncrementalRunResumesTheWindowAndPageAFailedRunLeft() {
        Instant window = Instant.parse("2024-06-01T00:00:00Z");
        Checkpoint failed = new Checkpoint("c", Optional.of("3"), Optional.of(window), Optional.of(MARK));

        assertThat(CloudPager.queryOf(HarvestMode.INCREMENTAL, Optional.of(failed)))
                .isEqualTo(new CloudQuery(Optional.of(window), 3));
    }

    @Test
    void aTokenLeftByAnotherProtocolStartsTheWindowOver() {
        Checkpoint foreign = new Checkpoint("c", Optional.of("oai-token!xyz"), Optional.empty(), Optional.of(MARK));

        assertThat(CloudPager.queryOf(HarvestMode.INCREMENTAL, Optional.of(foreign))).isEqualTo(new CloudQuery(Optional.empty(), 1));
    }
}
