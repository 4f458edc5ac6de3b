package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OcrTextJoiningTest {

    private static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    private static String word(int line, int word, double confidence, String text) {
        return "5\t1\t1\t1\t" + line + "\t" + word + "\t0\t0\t10\t10\t" + confidence + "\t" + text + "\n";
    }

    @Test
    void chineseCharactersThatTesseractSplitsIntoWordsAreJoinedWithoutSpaces() {
        String tsv = HEADER + "4\t1\t1\t1\t1\t0\t0\t0\t10\t10\t-1\t\n"
                + word(1, 1, 90, "上党") + word(1, 2, 80, "梆子") + word(1, 3, 96, "，") + word(1, 4, 94, "Shangdang")
                + word(1, 5, 92, "Bangzi") + word(1, 6, 91, "2024") + word(1, 7, 90, "年")
                + word(2, 1, 70, "长治");

        TesseractOcr.Page page = TesseractOcr.parseTsv(tsv);

        assertThat(page.text()).isEqualTo("上党梆子，Shangdang Bangzi 2024年\n长治");
    }

    @Test
    void confidenceIsWeightedByCharactersAndEmptyOrUnscoredWordsAreIgnored() {
        String tsv = HEADER + word(1, 1, 90, "上党梆子") + word(1, 2, 30, "x") + word(1, 3, -1, "y") + word(1, 4, 99, " ");

        TesseractOcr.Page page = TesseractOcr.parseTsv(tsv);

        assertThat(page.characters()).isEqualTo(5);
        assertThat(page.confidenceSum() / page.characters()).isEqualTo((90 * 4 + 30) / 5.0);
        assertThat(page.text()).isEqualTo("上党梆子x");
    }
}
