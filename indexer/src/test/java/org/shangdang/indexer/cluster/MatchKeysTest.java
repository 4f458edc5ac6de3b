package org.shangdang.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.indexer.cluster.TestRecords.book;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shangdang.record.Creator;

class MatchKeysTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "978-7-203-06318-6",
        "9787203063186",
        "7-203-06318-6",
        "7203063186",
        "978-7-203-06318-6 (平装)",
        "ISBN 7-203-06318-6 : CNY36.00",
        "９７８７２０３０６３１８６",
    })
    void everyFormOfOneIsbnGivesTheSameIsbn13Key(String catalogued) {
        // when
        MatchKeys keys = MatchKeys.of(book("a:1").title("上党梆子").isbn(catalogued).build());

        // then
        assertThat(keys.isbns()).containsExactly("9787203063186");
    }

    @Test
    void anIsbnWithAWrongCheckDigitGivesNoKey() {
        // given a one-digit typo in an ISBN-13 and in an ISBN-10
        MatchKeys typo13 = MatchKeys.of(book("a:1").title("上党梆子").isbn("978-7-203-06319-6").build());
        MatchKeys typo10 = MatchKeys.of(book("a:2").title("上党梆子").isbn("7-203-06318-4").build());

        // then neither links by ISBN
        assertThat(typo13.isbns()).isEmpty();
        assertThat(typo10.isbns()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "紅巖",
        "红 岩",
        "《红岩》",
        "红岩 .",
        "红岩：",
    })
    void theTitleKeyIgnoresScriptSpacingAndPunctuation(String title) {
        assertThat(MatchKeys.of(book("a:1").title(title).build()).titleKey()).isEqualTo("红岩");
    }

    @Test
    void fullWidthDigitsAndABracketedYearStayInTheTitleKey() {
        // given a yearbook's year, full-width and in brackets
        MatchKeys fullWidth = MatchKeys.of(book("a:1").title("长治年鉴 ２０１９").build());
        MatchKeys bracketed = MatchKeys.of(book("a:2").title("长治年鉴（2019）").build());

        // then the year is part of the title, not a volume
        assertThat(fullWidth.titleKey()).isEqualTo("长治年鉴2019");
        assertThat(bracketed.titleKey()).isEqualTo("长治年鉴2019");
        assertThat(bracketed.volume()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "红岩. 上册||上",
        "红岩（上）||上",
        "红岩 上||上",
        "紅巖|上册|上",
        "长治民间故事集成 第一卷||1",
        "长治民间故事集成 第1卷||1",
        "长治民间故事集成|第一卷|1",
        "上党梆子史话. 第一卷, 源流|第一卷, 源流|1",
        "长治文史资料 第十辑||10",
        "长治民间故事集成（三）||3",
    })
    void volumeDesignationsAreTakenOutOfTheTitle(String title, String volumeField, String volume) {
        // when
        MatchKeys keys = MatchKeys.of(book("a:1").title(title).volume(volumeField).build());

        // then
        assertThat(keys.volume()).contains(volume);
        assertThat(keys.titleKey()).isIn("红岩", "长治民间故事集成", "上党梆子史话", "长治文史资料");
    }

    @ParameterizedTest
    @CsvSource({"山西中部地区经济", "抗战中的第十八集团军", "天下集", "上党梆子"})
    void wordsThatOnlyLookLikeDesignationsStayInTheTitle(String title) {
        MatchKeys keys = MatchKeys.of(book("a:1").title(title).build());

        assertThat(keys.titleKey()).isEqualTo(title);
        assertThat(keys.volume()).isEmpty();
    }

    @Test
    void aNamedPartIsPartOfTheTitleWhereverItIsCatalogued() {
        // given a part name in the volume field, and in the title
        MatchKeys field = MatchKeys.of(book("a:1").title("三晋石刻大全").volume("长治市长子县卷").build());
        MatchKeys title = MatchKeys.of(book("a:2").title("三晋石刻大全 长治市长子县卷").build());

        // then both have one title key and no volume
        assertThat(field.titleKey()).isEqualTo("三晋石刻大全长治市长子县卷").isEqualTo(title.titleKey());
        assertThat(field.volume()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "长治方言志||1|false",
        "长治方言志|第1版|1|false",
        "长治方言志|第2版|2|false",
        "长治方言志|第二版|2|false",
        "长治方言志|2版|2|false",
        "长治方言志（第2版）||2|false",
        "长治方言志（2版）||2|false",
        "长治方言志|2nd ed.|2|false",
        "长治方言志|修订本|修订|false",
        "长治方言志|修订版|修订|false",
        "长治方言志|2016年重印|1|true",
        "长治方言志|第1版, 2016年第3次印刷|1|true",
        "长治方言志（第二版）|2021年第5次印刷|2|true",
    })
    void editionsAreReadFromTheStatementOrTheTitleAndReprintsKeepTheirEdition(String title, String edition,
            String expected, boolean reprint) {
        // when
        MatchKeys keys = MatchKeys.of(book("a:1").title(title).edition(edition).build());

        // then
        assertThat(keys.edition()).isEqualTo(expected);
        assertThat(keys.reprint()).isEqualTo(reprint);
        assertThat(keys.titleKey()).isEqualTo("长治方言志");
    }

    @Test
    void creatorKeysDropRoleWordsDynastiesAndSplitJointNames() {
        // given names as differently structured catalogues give them
        MatchKeys withRole = MatchKeys.of(book("a:1").title("t").creator(Creator.of("栗建国", "编著")).build());
        MatchKeys runTogether = MatchKeys.of(book("a:2").title("t").creator(Creator.of("栗建国编著")).build());
        MatchKeys traditional = MatchKeys.of(book("a:3").title("t").creator(Creator.of("趙樹理著")).build());
        MatchKeys dynasty = MatchKeys.of(book("a:4").title("t").creator(Creator.of("(清)张淑渠", "修")).build());
        MatchKeys bracketed = MatchKeys.of(book("a:5").title("t").creator(Creator.of("［清］张淑渠修")).build());
        MatchKeys joint = MatchKeys.of(book("a:6").title("t").creator(Creator.of("郝俊峰、牛文斌编著")).build());
        MatchKeys body = MatchKeys.of(book("a:7").title("t").creator(Creator.of("长治市地方志编纂委员会编")).build());

        // then
        assertThat(withRole.creators()).containsExactly("栗建国");
        assertThat(runTogether.creators()).containsExactly("栗建国");
        assertThat(traditional.creators()).containsExactly("赵树理");
        assertThat(dynasty.creators()).containsExactly("张淑渠");
        assertThat(bracketed.creators()).containsExactly("张淑渠");
        assertThat(joint.creators()).containsExactly("郝俊峰", "牛文斌");
        assertThat(body.creators()).containsExactly("长治市地方志编纂委员会");
    }

    @Test
    void publisherAndFingerprintKeysIgnoreCompanyFormAndSpacing() {
        // given
        MatchKeys a = MatchKeys.of(book("a:1").title("t").publisher("三晋出版社有限责任公司")
                .fingerprint("e.n. i-i- t.u- e.e. 3 1770R").build());
        MatchKeys b = MatchKeys.of(book("a:2").title("t").publisher("三晉出版社")
                .fingerprint("e.n.i-i-t.u-e.e.3  1770R").build());
        MatchKeys unknown = MatchKeys.of(book("a:3").title("t").publisher("[出版者不详]").build());

        // then
        assertThat(a.publisher()).contains("三晋出版社").isEqualTo(b.publisher());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isPresent();
        assertThat(unknown.publisher()).isEqualTo(Optional.empty());
    }
}
