package org.shangdang.connectors.marc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsbnsTest {

    @Test
    void stripsChineseBindingQualifierAndUpperCasesX() {
        // given an ISBN as a Chinese catalogue writes it, with a lower-case check character and a binding
        String catalogued = "7-5440-1234-x (平装)";

        // when / then: the ISBN keeps its hyphens without the qualifier; normalising drops the hyphens
        assertThat(Isbns.withoutQualifiers(catalogued)).contains("7-5440-1234-X");
        assertThat(Isbns.normalise(catalogued)).contains("754401234X");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "978-7-04-024765-7 : CNY29.00|978-7-04-024765-7",
            "0786816155 (pbk.)|0786816155",
            "ISBN 978 7 203 07654 4|978 7 203 07654 4",
            "７-５０３７-１７４４-０|7-5037-1744-0",
            "9787203076544 (pbk.) :|9787203076544"})
    void keepsTheIsbnAndDropsPricesAndQualifiers(String catalogued, String expected) {
        assertThat(Isbns.withoutQualifiers(catalogued)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CNY38.00", "320页", "990002180740203961", "", "  "})
    void findsNoIsbnInValuesThatAreNotOne(String value) {
        assertThat(Isbns.withoutQualifiers(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7-5037-1744-0", "7-5037-2790-X", "978-7-04-024765-7", "0-306-40615-2", "9787203076544"})
    void acceptsIsbnsWithARightCheckDigit(String isbn) {
        assertThat(Isbns.isValid(isbn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7-5440-1234-X (平装)", "7-5037-1744-1", "978-7-04-024765-8", "X-5037-1744-0",
            "977-7-04-024765-7"})
    void rejectsIsbnsWithAWrongCheckDigitOrPrefix(String isbn) {
        assertThat(Isbns.isValid(isbn)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0-306-40615-2,9780306406157", "7-203-07654-7,9787203076544", "7-5037-2790-X,9787503727900",
            "978-7-04-024765-7,9787040247657"})
    void convertsIsbn10ToIsbn13(String isbn, String isbn13) {
        assertThat(Isbns.toIsbn13(isbn)).contains(isbn13);
    }

    @Test
    void convertsNoInvalidIsbn() {
        assertThat(Isbns.toIsbn13("7-5440-1234-X")).isEmpty();
    }
}
