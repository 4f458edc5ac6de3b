package org.shangdang.indexer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCacheTest {

    @Test
    void aRepeatedShortKeyIsComputedOnceAndGetsTheSameValue() {
        // given a cache of a function that records its calls
        List<String> calls = new ArrayList<>();
        ValueCache<String> cache = new ValueCache<>(16, 8, key -> {
            calls.add(key);
            return key.toUpperCase();
        });

        // when the same key is asked for three times
        String first = cache.get("shangdang");
        String second = cache.get("上党梆子");
        String third = cache.get("上党梆子");

        // then every answer is the function's, and the cached key was computed once
        assertThat(first).isEqualTo("SHANGDANG");
        assertThat(second).isEqualTo("上党梆子").isSameAs(third);
        assertThat(calls).containsExactly("shangdang", "上党梆子");
    }

    @Test
    void keysLongerThanTheLimitAreComputedEveryTime() {
        // given a cache that keeps keys of at most 4 characters
        List<String> calls = new ArrayList<>();
        ValueCache<Integer> cache = new ValueCache<>(16, 4, key -> {
            calls.add(key);
            return key.length();
        });

        // when a 5-character key is asked for twice
        cache.get("长治市图书");
        cache.get("长治市图书");

        // then it was computed both times
        assertThat(calls).hasSize(2);
    }

    @Test
    void manyDistinctKeysKeepGivingTheFunctionsValuesWithinTheSlotBound() {
        // given a cache of only 4 slots
        ValueCache<String> cache = new ValueCache<>(4, 64, key -> "v" + key);

        // when far more distinct keys than slots go through it, twice
        List<String> answers = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1_000; i++) {
                answers.add(cache.get("k" + i));
            }
        }

        // then each answer is still the function's value for its key (evictions never mix keys up)
        for (int i = 0; i < 2_000; i++) {
            assertThat(answers.get(i)).isEqualTo("vk" + (i % 1_000));
        }
    }
}
