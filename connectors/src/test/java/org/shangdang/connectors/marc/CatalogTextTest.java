package org.shangdang.connectors.marc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2015|2015", "[2015]|2015", "2015.3|2015", "c2000.|2000", "1889-04|1889", "2003-04-22T13:13:44Z|2003",
            "民国二十五年|1936", "民国十年|1921", "一九九四年|1994", "２０１５|2015", "[199-?] 1995|1995"})
    void readsTheFirstYearOfADateStatement(String statement, int year) {
        assertThat(CatalogText.firstYear(statement)).contains(year);
    }

    @ParameterizedTest
    @ValueSource(strings = {"320页", "s.d.", "####", "", "F124"})
    void readsNoYearWhereThereIsNone(String statement) {
        assertThat(CatalogText.firstYear(statement)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"zh,chi", "zho,chi", "中文,chi", "chi,chi", "zh-CN,chi", "en,eng", "ENG,eng", "nl,dut", "fre,fre",
            "fra,fre"})
    void mapsLanguagesToMarcCodes(String value, String code) {
        assertThat(CatalogText.languageCode(value)).contains(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Chinese and English", "12", ""})
    void dropsUnrecognisableLanguages(String value) {
        assertThat(CatalogText.languageCode(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Summerland /|Summerland",
            "The amazing adventures of Kavalier and Clay :|The amazing adventures of Kavalier and Clay",
            "Random House,|Random House",
            "Chabon, Michael.|Chabon, Michael",
            "Comic books, strips, etc.|Comic books, strips, etc.",
            "Giannikourē, A.|Giannikourē, A.",
            "上党梆子史话.|上党梆子史话"})
    void stripsTrailingIsbdPunctuationButNotAbbreviations(String value, String stripped) {
        assertThat(CatalogText.stripIsbd(value)).isEqualTo(stripped);
    }
}
