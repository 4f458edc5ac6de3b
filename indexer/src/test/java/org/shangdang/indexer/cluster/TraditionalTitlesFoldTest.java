package org.shangdang.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.generate.ClusteringSetGenerator;
import org.shangdang.indexer.analysis.ChineseFolding;

/** The labelled set's traditional titles only test clustering if folding really maps them back. */
class TraditionalTitlesFoldTest {

    @Test
    void everyTraditionalCharacterTheLabelledSetUsesFoldsToItsSimplifiedForm() {
        ClusteringSetGenerator.TRADITIONAL.forEach((simplified, traditional) -> assertThat(
                ChineseFolding.fold(String.valueOf(traditional))).as(traditional + " → " + simplified)
                .isEqualTo(ChineseFolding.fold(String.valueOf(simplified))));
    }
}
