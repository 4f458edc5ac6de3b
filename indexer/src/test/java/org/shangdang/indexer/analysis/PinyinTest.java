package org.shangdang.indexer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinyinTest {

    @Test
    void aTitleGetsItsSyllablesItsJoinedRunsAndItsInitials() {
        Pinyin.Forms forms = Pinyin.of("上党梆子").orElseThrow();

        assertThat(forms.syllables()).isEqualTo("shang dang bang zi");
        assertThat(forms.joined()).containsExactly("shangdangbangzi", "dangbangzi", "bangzi", "zi");
        assertThat(forms.initials()).containsExactly("sdbz", "dbz", "bz", "z");
    }

    @Test
    void traditionalScriptHasTheSamePinyinAsSimplified() {
        assertThat(Pinyin.of("長治").orElseThrow().syllables()).isEqualTo("chang zhi");
        assertThat(Pinyin.of("上黨梆子劇目選")).isEqualTo(Pinyin.of("上党梆子剧目选"));
    }

    @Test
    void localNamesGetTheirLocalReadingWhereIcuPicksAnother() {
        // ICU alone reads 长 as zhang, 行 as xing and 乐 as le.
        assertThat(Pinyin.of("长治市").orElseThrow().initials()).first().isEqualTo("czs");
        assertThat(Pinyin.of("长子县志").orElseThrow().syllables()).isEqualTo("zhang zi xian zhi");
        assertThat(Pinyin.of("太行山上").orElseThrow().syllables()).isEqualTo("tai hang shan shang");
        assertThat(Pinyin.of("上党梆子音乐").orElseThrow().syllables()).isEqualTo("shang dang bang zi yin yue");
        assertThat(Pinyin.of("长城").orElseThrow().syllables()).isEqualTo("chang cheng");
    }

    @Test
    void latinAndDigitRunsStayWholeTokensAndPunctuationOnlySeparates() {
        assertThat(Pinyin.of("长治年鉴 2024").orElseThrow().syllables()).isEqualTo("chang zhi nian jian 2024");
        assertThat(Pinyin.of("长治旅游ＡＢＣ").orElseThrow().syllables()).isEqualTo("chang zhi lu you abc");
        assertThat(Pinyin.of("《三关排宴》演出录像").orElseThrow().syllables()).isEqualTo("san guan pai yan yan chu lu xiang");
    }

    @Test
    void textWithoutHanCharactersHasNoPinyin() {
        assertThat(Pinyin.of("Taihang Mountains: Red Culture Heritage")).isEmpty();
        assertThat(Pinyin.ofAll(List.of("Li Ming", "申纪兰", " "))).extracting(Pinyin.Forms::syllables)
                .containsExactly("shen ji lan");
    }

    @Test
    void longValuesAreCutToTheMaximumTermLengths() {
        Pinyin.Forms forms = Pinyin.of("中华人民共和国国家图书馆藏上党地区梆子腔传统剧目汇编第一集").orElseThrow();

        assertThat(forms.joined()).allSatisfy(t -> assertThat(t).hasSizeLessThanOrEqualTo(Pinyin.MAX_JOINED));
        assertThat(forms.joined().get(0)).startsWith("zhonghuarenmingongheguo").hasSize(Pinyin.MAX_JOINED);
        assertThat(forms.initials().get(0)).isEqualTo("zhrmghggjtsgcsdd");
    }

    @Test
    void onlyLettersOnlyQueriesArePinyin() {
        assertThat(Pinyin.queryWord("Ｃｚｓ")).contains("czs");
        assertThat(Pinyin.queryWord("ShangDang")).contains("shangdang");
        assertThat(Pinyin.queryWord("长治")).isEmpty();
        assertThat(Pinyin.queryWord("abc123")).isEmpty();
        assertThat(Pinyin.queryPhrase(" shang  Dang ")).contains(List.of("shang", "dang"));
        assertThat(Pinyin.queryPhrase("shang 党")).isEmpty();
    }
}
