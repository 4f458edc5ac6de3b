package org.shangdang.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTokenBucketTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(2, 0.5, nanos::get);

    @Test
    void aClientMayBurstToTheCapacityThenWaitsForTheRefill() {
        // given a bucket of 2 refilled at one token every 2 s
        // when a client sends three requests at once
        TokenBuckets.Decision first = buckets.take("a");
        TokenBuckets.Decision second = buckets.take("a");
        TokenBuckets.Decision third = buckets.take("a");

        // then the third is refused with the wait until the next token
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(second.allowed()).isTrue();
        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(2);

        // and after 2 s one more request passes, but not two
        nanos.addAndGet(2_000_000_000L);
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isFalse();
    }

    @Test
    void clientsHaveTheirOwnBucketsAndIdleOnesRefillOnlyToTheCapacity() {
        buckets.take("a");
        buckets.take("a");

        assertThat(buckets.take("b").allowed()).isTrue();

        nanos.addAndGet(3_600_000_000_000L);
        assertThat(buckets.take("a").remaining()).isEqualTo(1);
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isFalse();
    }
}
