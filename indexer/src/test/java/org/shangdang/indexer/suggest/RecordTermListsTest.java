package org.shangdang.indexer.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordTermListsTest {

    private static int[] terms(int record) {
        int[] terms = new int[1 + record % 4];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = record * 7 + i;
        }
        return terms;
    }

    @Test
    void everyRecordKeepsItsOwnTermsThroughGrowthRemovalsAndLongerReplacements() {
        RecordTermLists lists = new RecordTermLists();
        int records = 200_000;
        for (int r = 0; r < records; r++) {
            assertThat(lists.put("changzhi-city:" + r, terms(r))).isEmpty();
        }
        // when every other record is removed and every third one gets a longer list (written elsewhere in the pool)
        for (int r = 0; r < records; r += 2) {
            assertThat(lists.remove("changzhi-city:" + r)).containsExactly(terms(r));
        }
        for (int r = 1; r < records; r += 6) {
            assertThat(lists.put("changzhi-city:" + r, new int[] {1, 2, 3, 4, 5, 6, 7})).containsExactly(terms(r));
        }

        // then the others still answer with their own terms, and the removed ones are gone
        assertThat(lists.size()).isEqualTo(records / 2);
        for (int r = 0; r < records; r++) {
            int[] now = lists.remove("changzhi-city:" + r);
            if (r % 2 == 0) {
                assertThat(now).as("record %d", r).isEmpty();
            } else if (r % 6 == 1) {
                assertThat(now).as("record %d", r).containsExactly(1, 2, 3, 4, 5, 6, 7);
            } else {
                assertThat(now).as("record %d", r).containsExactly(terms(r));
            }
        }
        assertThat(lists.size()).isZero();
    }

    @Test
    void aShorterListReplacesTheOldOneInPlace() {
        RecordTermLists lists = new RecordTermLists();
        lists.put("a", new int[] {1, 2, 3});

        assertThat(lists.put("a", new int[] {4})).containsExactly(1, 2, 3);
        assertThat(lists.put("a", new int[] {5, 6})).containsExactly(4);
        assertThat(lists.remove("a")).containsExactly(5, 6);
        assertThat(lists.remove("a")).isEmpty();
    }
}
