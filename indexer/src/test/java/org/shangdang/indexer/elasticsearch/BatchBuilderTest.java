package org.shangdang.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How a bulk request's items are built on several threads: each once, all visible, failures after the rest. */
class BatchBuilderTest {

    @Test
    void everyPositionOfTheRangeIsBuiltOnceOnSeveralThreadsAndNothingOutsideIt() throws InterruptedException {
        // given a builder of 4 threads and a batch well over the per-thread minimum
        try (BatchBuilder builder = new BatchBuilder(4)) {
            String[] items = new String[1000];
            AtomicInteger calls = new AtomicInteger();
            Set<String> threads = ConcurrentHashMap.newKeySet();

            // when positions 100 to 600 are built
            builder.build(items, 100, 600, i -> {
                calls.incrementAndGet();
                threads.add(Thread.currentThread().getName());
                return "doc-" + i;
            });

            // then each of them holds its item, the others nothing, and more than the caller's thread built them
            assertThat(calls).hasValue(500);
            for (int i = 0; i < items.length; i++) {
                assertThat(items[i]).isEqualTo(i >= 100 && i < 600 ? "doc-" + i : null);
            }
            assertThat(threads).hasSizeGreaterThan(1).contains(Thread.currentThread().getName());
        }
    }

    @Test
    void aFailingItemIsThrownAfterTheOtherThreadsFinishedTheirShares() {
        // given a batch whose last item fails, on another thread than the caller's
        try (BatchBuilder builder = new BatchBuilder(2)) {
            String[] items = new String[200];

            // when it is built, then the failure reaches the caller and the caller's own share is built
            assertThatThrownBy(() -> builder.build(items, 0, 200, i -> {
                if (i == 199) {
                    throw new IllegalArgumentException("record 199 cannot be serialised");
                }
                return "doc-" + i;
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("record 199 cannot be serialised");
            assertThat(items[0]).isEqualTo("doc-0");
            assertThat(items[99]).isEqualTo("doc-99");
            assertThat(items[198]).isEqualTo("doc-198");
        }
    }

    @Test
    void afterCloseBatchesAreStillBuiltOnTheCallersThread() throws InterruptedException {
        // given a closed builder
        BatchBuilder builder = new BatchBuilder(3);
        builder.close();
        String[] items = new String[100];
        Set<String> threads = ConcurrentHashMap.newKeySet();

        // when a batch is built
        builder.build(items, 0, 100, i -> {
            threads.add(Thread.currentThread().getName());
            return "doc-" + i;
        });

        // then every item is there, built by the caller alone
        assertThat(items).doesNotContainNull();
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
