package org.shangdang.indexer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Isbns#isbn13}: one ISBN as catalogued or typed, in any form, to its ISBN-13. */
class IsbnsTest {

    @ParameterizedTest
    @ValueSource(strings = {"978-7-203-06318-6", "9787203063186", "7-203-06318-6", "7203063186", "9787203063186(精装)",
            "978-7-203-06318-6 (平装)", "ISBN 978-7-203-06318-6", "isbn:7203063186", "９７８－７－２０３－０６３１８－６",
            "7-203-06318-6 :CNY36.00", "978 7 203 06318 6", "〔精装〕7203063186"})
    void everyFormOfOneIsbnGivesItsIsbn13(String typed) {
        assertThat(Isbns.isbn13(typed)).contains("9787203063186");
    }

    @Test
    void anIsbn10WithTheCheckCharacterXGivesItsIsbn13() {
        // given 0-8044-2957-X, whose check character is X
        assertThat(Isbns.isbn13("0-8044-2957-x")).contains("9780804429573");
    }

    @ParameterizedTest
    @ValueSource(strings = {"978-7-203-06318-0", "7-203-06318-5", "12345", "abc", "97872030631861", "", "X203063186",
            "978-7-203-06318-6 978-7-203-06318-6", "9797203063186"})
    void aWrongCheckDigitOrAnythingButOneIsbnGivesNothing(String typed) {
        assertThat(Isbns.isbn13(typed)).isEmpty();
    }
}
