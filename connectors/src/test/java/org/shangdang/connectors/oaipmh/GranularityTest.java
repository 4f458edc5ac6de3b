package org.shangdang.connectors.oaipmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GranularityTest {

    @Test
    void formatsAtEachGranularityInUtc() {
        // given an instant late in the UTC day with fractional seconds
        Instant instant = Instant.parse("2024-03-01T23:59:58.900Z");

        // when / then
        assertThat(Granularity.DAY.format(instant)).isEqualTo("2024-03-01");
        assertThat(Granularity.SECOND.format(instant)).isEqualTo("2024-03-01T23:59:58Z");
    }

    @Test
    void readsIdentifyPatterns() {
        assertThat(Granularity.fromPattern("YYYY-MM-DD")).contains(Granularity.DAY);
        assertThat(Granularity.fromPattern(" YYYY-MM-DDThh:mm:ssZ\n")).contains(Granularity.SECOND);
        assertThat(Granularity.fromPattern("YYYY")).isEmpty();
    }

    @Test
    void parsesDatestampsAtEitherGranularity() {
        assertThat(Granularity.parseDatestamp("2010-06-09")).contains(Instant.parse("2010-06-09T00:00:00Z"));
        assertThat(Granularity.parseDatestamp("2011-07-18T16:31:00Z")).contains(Instant.parse("2011-07-18T16:31:00Z"));
        assertThat(Granularity.parseDatestamp("2011-07-18T16:31:00.5Z")).contains(Instant.parse("2011-07-18T16:31:00.500Z"));
        assertThat(Granularity.parseDatestamp("2011-07-18T16:31:00+08:00")).contains(Instant.parse("2011-07-18T08:31:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaa-bb-cc", "", "2024-13-01", "yesterday", "2024-03-01T25:00:00Z"})
    void rejectsWhatIsNoDatestamp(String text) {
        assertThat(Granularity.parseDatestamp(text)).isEmpty();
    }
}
