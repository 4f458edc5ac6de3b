package org.shangdang.routes.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    /** A clock that moves only when a caller sleeps, recording when each caller was let through. */
    private static final class FakeTicker implements Throttle.Ticker {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
        }
    }

    @Test
    void requestsAreSpacedOneIntervalApartFromTheFirst() throws InterruptedException {
        // given 4 requests per second
        FakeTicker ticker = new FakeTicker();
        Throttle throttle = new Throttle(4, ticker);
        List<Long> passed = new ArrayList<>();

        // when five requests are sent back to back
        for (int i = 0; i < 5; i++) {
            throttle.acquire();
            passed.add(ticker.now);
        }

        // then the first goes at once and each next one 250 ms after the one before
        assertThat(passed.get(0)).isEqualTo(1_000_000_000L);
        for (int i = 1; i < passed.size(); i++) {
            assertThat(passed.get(i) - passed.get(i - 1)).isEqualTo(250_000_000L);
        }
    }

    @Test
    void aCallerThatComesLateDoesNotWaitAndEarnsNoBurst() throws InterruptedException {
        // given 2 requests per second and a first request
        FakeTicker ticker = new FakeTicker();
        Throttle throttle = new Throttle(2, ticker);
        throttle.acquire();

        // when the next comes 3 s later, then another at once
        ticker.now += 3_000_000_000L;
        long late = ticker.now;
        throttle.acquire();
        long afterLate = ticker.now;
        throttle.acquire();

        // then the late one passes at once, and the one after it still waits a full interval
        assertThat(afterLate).isEqualTo(late);
        assertThat(ticker.now - afterLate).isEqualTo(500_000_000L);
    }
}
