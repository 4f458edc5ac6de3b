package org.shangdang.routes.oaipmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.oaipmh.HarvestStart;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;

class HarvestStartDecisionTest {

    private static final Instant WINDOW = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant HIGH_WATER = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void fullRunStartsOverEvenWhenAFailedRunLeftAToken() {
        Optional<Checkpoint> failedMidList = Optional.of(
                new Checkpoint("changzhi-city", Optional.of("page-3"), Optional.of(WINDOW), Optional.of(HIGH_WATER)));

        assertThat(OaiPmhPager.startOf(HarvestMode.FULL, failedMidList)).isEqualTo(HarvestStart.full());
    }

    @Test
    void incrementalRunResumesALeftTokenWithItsWindow() {
        Optional<Checkpoint> failedMidList = Optional.of(
                new Checkpoint("changzhi-city", Optional.of("page-3"), Optional.of(WINDOW), Optional.of(HIGH_WATER)));

        assertThat(OaiPmhPager.startOf(HarvestMode.INCREMENTAL, failedMidList))
                .isEqualTo(HarvestStart.resume("page-3", Optional.of(WINDOW)));
    }

    @Test
    void incrementalRunHarvestsFromTheHighWaterMarkAfterACompletedRun() {
        Optional<Checkpoint> completed = Optional.of(
                new Checkpoint("changzhi-city", Optional.empty(), Optional.empty(), Optional.of(HIGH_WATER)));

        assertThat(OaiPmhPager.startOf(HarvestMode.INCREMENTAL, completed)).isEqualTo(HarvestStart.from(HIGH_WATER));
    }

    @Test
    void incrementalRunOfANeverHarvestedSourceIsFull() {
        assertThat(OaiPmhPager.startOf(HarvestMode.INCREMENTAL, Optional.empty())).isEqualTo(HarvestStart.full());
        Optional<Checkpoint> neverCompleted = Optional.of(
                new Checkpoint("changzhi-city", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(OaiPmhPager.startOf(HarvestMode.INCREMENTAL, neverCompleted)).isEqualTo(HarvestStart.full());
    }
}
