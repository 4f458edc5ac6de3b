package org.shangdang.routes.sru;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;

class SruStartDecisionTest {

    private static final Optional<Checkpoint> FAILED_AT_RECORD_7 = Optional.of(new Checkpoint("wuxiang-county",
            Optional.of("7"), Optional.empty(), Optional.of(Instant.parse("2024-05-01T12:00:00Z"))));

    @Test
    void fullRunStartsAtTheFirstRecordEvenWhenAFailedRunLeftAPosition() {
        assertThat(SruPager.startOf(HarvestMode.FULL, FAILED_AT_RECORD_7)).isEqualTo(1);
    }

    @Test
    void incrementalRunResumesThePositionAFailedRunLeft() {
        assertThat(SruPager.startOf(HarvestMode.INCREMENTAL, FAILED_AT_RECORD_7)).isEqualTo(7);
    }

    @Test
    void incrementalRunAfterACompletedOneRereadsTheWholeResultSet() {
        Optional<Checkpoint> completed = Optional.of(new Checkpoint("wuxiang-county", Optional.empty(), Optional.empty(),
                Optional.of(Instant.parse("2024-05-01T12:00:00Z"))));

        assertThat(SruPager.startOf(HarvestMode.INCREMENTAL, completed)).isEqualTo(1);
        assertThat(SruPager.startOf(HarvestMode.INCREMENTAL, Optional.empty())).isEqualTo(1);
    }

    @Test
    void tokenThatIsNotAPositionStartsOver() {
        Optional<Checkpoint> oaiToken = Optional.of(new Checkpoint("wuxiang-county", Optional.of("page-3"),
                Optional.empty(), Optional.empty()));

        assertThat(SruPager.startOf(HarvestMode.INCREMENTAL, oaiToken)).isEqualTo(1);
    }
}
