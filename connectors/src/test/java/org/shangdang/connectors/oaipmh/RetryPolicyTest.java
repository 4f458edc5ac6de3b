package org.shangdang.connectors.oaipmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));

    @RepeatedTest(20)
    void backoffGrowsExponentiallyWithJitterWithinHalfToFull() {
        assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(policy.backoff(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(policy.backoff(5)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(policy.backoff(40)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void standardPolicyIsFiveAttemptsFromOneToThirtySeconds() {
        assertThat(RetryPolicy.standard())
                .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120)));
    }

    @Test
    void retryAfterIsCapped() {
        assertThat(policy.capRetryAfter(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.capRetryAfter(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts must be >= 1; got: 0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("initialDelay must be <= maxDelay");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(OaiPmhHarvester.parseRetryAfter("120")).contains(Duration.ofSeconds(120));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(OaiPmhHarvester.parseRetryAfter(inTenSeconds)).hasValueSatisfying(
                d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
        assertThat(OaiPmhHarvester.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(OaiPmhHarvester.parseRetryAfter("soon")).isEmpty();
    }
}
