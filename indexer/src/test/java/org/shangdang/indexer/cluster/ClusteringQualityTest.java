package org.shangdang.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Clusters the labelled set of the 13 libraries and scores it against the true works, pair by pair: precision
 * is the share of record pairs put in one work that truly are one work, recall the share of true same-work
 * pairs that were put in one work.
 */
class ClusteringQualityTest {

    private static final double REQUIRED = 0.97;

    @Test
    void clustersTheLabelledSetWithPrecisionAndRecallOfAtLeast97Percent() {
        // given the labelled set: 13 libraries cataloguing the same works differently
        LabelledSet set = LabelledSet.load();
        assertThat(set.records()).hasSizeGreaterThanOrEqualTo(500);

        // when
        Map<String, String> predicted = UnionCatalog.cluster(set.records());

        // then
        Score score = Score.of(predicted, set.trueWork());
        System.out.printf("Clustering quality on %d records (%d true works, %d predicted): pairwise precision %.4f"
                        + " (%d/%d), recall %.4f (%d/%d)%n", set.records().size(),
                set.trueWork().values().stream().distinct().count(), predicted.values().stream().distinct().count(),
                score.precision(), score.truePositives(), score.predictedPairs(), score.recall(),
                score.truePositives(), score.truePairs());
        printErrors(set, predicted);
        assertThat(score.precision()).as("pairwise precision").isGreaterThanOrEqualTo(REQUIRED);
        assertThat(score.recall()).as("pairwise recall").isGreaterThanOrEqualTo(REQUIRED);
    }

    @Test
    void theLabelledSetCoversEveryHardCase() {
        // given
        LabelledSet set = LabelledSet.load();

        // when
        Map<String, Integer> counts = new TreeMap<>();
        set.cases().values().forEach(cases -> cases.forEach(c -> counts.merge(c, 1, Integer::sum)));

        // then
        System.out.println("Hard cases in the labelled set: " + counts);
        assertThat(counts.keySet()).contains("isbn10", "isbn-unhyphenated", "isbn-typo", "isbn-missing",
                "isbn-qualifier", "isbn-full-width", "traditional", "volume-in-title", "edition-in-title", "reprint",
                "spacing-punctuation", "role-in-name", "creator-missing", "fingerprint-spacing", "fingerprint-missing",
                "dynasty-form");
        assertThat(set.records().stream().map(r -> r.library()).distinct()).hasSize(13);
    }

    /** Lists the records whose predicted work differs from the truth, to see which rule to improve. */
    private static void printErrors(LabelledSet set, Map<String, String> predicted) {
        Map<String, List<String>> byTrue = new TreeMap<>();
        set.trueWork().forEach((id, work) -> byTrue.computeIfAbsent(work, w -> new ArrayList<>()).add(id));
        Map<String, String> predictedToTrue = new HashMap<>();
        for (Map.Entry<String, List<String>> work : byTrue.entrySet()) {
            boolean split = work.getValue().stream().map(predicted::get).distinct().count() > 1;
            boolean merged = work.getValue().stream().anyMatch(id -> {
                String other = predictedToTrue.putIfAbsent(predicted.get(id), work.getKey());
                return other != null && !other.equals(work.getKey());
            });
            if (split || merged) {
                System.out.println("  " + work.getKey() + (split ? " split" : "") + (merged ? " merged" : "") + ":");
                for (String id : work.getValue()) {
                    System.out.println("    " + id + " -> " + predicted.get(id) + " " + set.cases().get(id));
                }
            }
        }
    }

    /** Pairwise precision and recall of a clustering against the truth. */
    record Score(long truePositives, long predictedPairs, long truePairs) {

        static Score of(Map<String, String> predicted, Map<String, String> truth) {
            Map<String, Map<String, Long>> cells = new HashMap<>();
            Map<String, Long> predictedSizes = new HashMap<>();
            Map<String, Long> trueSizes = new HashMap<>();
            for (Map.Entry<String, String> record : truth.entrySet()) {
                String p = predicted.get(record.getKey());
                cells.computeIfAbsent(p, k -> new HashMap<>()).merge(record.getValue(), 1L, Long::sum);
                predictedSizes.merge(p, 1L, Long::sum);
                trueSizes.merge(record.getValue(), 1L, Long::sum);
            }
            long tp = cells.values().stream().flatMap(m -> m.values().stream()).mapToLong(Score::pairs).sum();
            return new Score(tp, predictedSizes.values().stream().mapToLong(Score::pairs).sum(),
                    trueSizes.values().stream().mapToLong(Score::pairs).sum());
        }

        private static long pairs(long n) {
            return n * (n - 1) / 2;
        }

        double precision() {
            return predictedPairs == 0 ? 1 : (double) truePositives / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) truePositives / truePairs;
        }
    }
}
