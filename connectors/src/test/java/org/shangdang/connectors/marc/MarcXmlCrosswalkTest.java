package org.shangdang.connectors.marc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.DATESTAMP;
import static org.shangdang.connectors.CrosswalkFixtures.ZHANGZI;
import static org.shangdang.connectors.CrosswalkFixtures.raw;
import static org.shangdang.connectors.CrosswalkFixtures.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;

class MarcXmlCrosswalkTest {

    private final MarcXmlCrosswalk crosswalk = new MarcXmlCrosswalk();

    private CanonicalRecord map(String recordId, String payload) throws RecordRejectedException {
        return crosswalk.map(raw(recordId, RecordFormat.MARCXML, payload.getBytes(UTF_8)), CHANGZHI);
    }

    private static String unimarc(String leader, String fields) {
        return "<record><leader>" + leader + "</leader>" + fields + "</record>";
    }

    private static String marc21(String leader, String fields) {
        return "<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>" + leader + "</leader>" + fields + "</record>";
    }

    private static String field(String tag, String... codesAndValues) {
        StringBuilder xml = new StringBuilder("<datafield tag=\"" + tag + "\" ind1=\" \" ind2=\" \">");
        for (int i = 0; i < codesAndValues.length; i += 2) {
            xml.append("<subfield code=\"").append(codesAndValues[i]).append("\">").append(codesAndValues[i + 1])
                    .append("</subfield>");
        }
        return xml.append("</datafield>").toString();
    }

    @Test
    void mapsACnmarcBookWithItsTitlesCreatorsImprintAndClassification() throws RecordRejectedException {
        // given a CNMARC record with a BOM, the CNMARC namespace and pinyin subfields
        byte[] payload = resource("marc/cnmarc-with-holdings.xml");

        // when
        CanonicalRecord record = crosswalk.map(raw("oai:czlib:123", RecordFormat.MARCXML, payload), CHANGZHI);

        // then
        assertThat(record.id()).isEqualTo("changzhi-city:oai:czlib:123");
        assertThat(record.format()).isEqualTo(RecordFormat.MARCXML);
        assertThat(record.kind()).isEqualTo(ResourceKind.BOOK);
        assertThat(record.title()).isEqualTo("上党梆子史话. 第一卷, 源流");
        assertThat(record.parallelTitles()).containsExactly("A history of Shangdang Bangzi");
        assertThat(record.otherTitles()).containsExactly("长治地方戏曲研究", "上党戏史话");
        assertThat(record.creators()).containsExactly(Creator.of("栗守田", "著"), Creator.of("王小明", "整理"));
        assertThat(record.place()).contains("太原");
        assertThat(record.publisher()).contains("山西人民出版社");
        assertThat(record.year()).contains(2015);
        assertThat(record.languages()).containsExactly("chi");
        assertThat(record.subjects()).containsExactly("上党梆子--戏曲史--长治市", "长治市--地方戏曲", "地方戏", "梆子腔");
        assertThat(record.classifications()).containsExactly(new Classification("clc", "J825.25"));
        assertThat(record.description()).contains("本书介绍了上党梆子的历史渊源、声腔特点与代表剧目。");
        assertThat(record.library()).isEqualTo("长治市图书馆");
        assertThat(record.county()).isEmpty();
        assertThat(record.datestamp()).isEqualTo(DATESTAMP);
    }

    @Test
    void keepsPinyinSubfieldsOutOfTitleAndCreators() throws RecordRejectedException {
        CanonicalRecord record = crosswalk.map(raw("1", RecordFormat.MARCXML, resource("marc/cnmarc-with-holdings.xml")),
                CHANGZHI);

        assertThat(record.title()).doesNotContain("Shang Dang");
        assertThat(record.otherTitles()).noneMatch(t -> t.contains("Chang Zhi") || t.contains("Shang Dang"));
        assertThat(record.creators()).extracting(Creator::name).noneMatch(n -> n.contains("Li Shou Tian"));
        assertThat(record.subjects()).noneMatch(s -> s.contains("Shang Dang"));
    }

    @Test
    void keepsValidIsbnsStrippedOfQualifiersAndNotesTheInvalidOne() throws RecordRejectedException {
        CanonicalRecord record = crosswalk.map(raw("1", RecordFormat.MARCXML, resource("marc/cnmarc-with-holdings.xml")),
                CHANGZHI);

        // 010$a "978-7-203-07654-4 (平装)" is kept bare; "7-5440-1234-X : CNY20.00" fails its checksum;
        // the cancelled 010$z is not the book's
        assertThat(record.isbns()).containsExactly("978-7-203-07654-4");
        assertThat(record.notes()).containsExactly("Invalid ISBN 7-5440-1234-X", "书名页题：上党梆子史话", "声腔 ; 剧目 ; 名伶");
    }

    @Test
    void makesOneHoldingPerCnmarcItemWithTheCopySetsLibraryLocationAndCallNumber() throws RecordRejectedException {
        CanonicalRecord record = crosswalk.map(raw("1", RecordFormat.MARCXML, resource("marc/cnmarc-with-holdings.xml")),
                CHANGZHI);

        assertThat(record.holdings()).containsExactly(
                new Holding("长治市图书馆", Optional.of("地方文献室"), Optional.of("J825.25/12"), Optional.of("0012345"),
                        Optional.of("20150001"), Optional.of("CNY38.00"), Optional.empty()),
                // a bare "CNY" is no price
                new Holding("长治市图书馆", Optional.of("地方文献室"), Optional.of("J825.25/12"), Optional.of("0012346"),
                        Optional.of("20150002"), Optional.empty(), Optional.empty()));
    }

    @Test
    void readsARareBookWithCreatorsFromItsStatementAndARepublicEraYear() throws RecordRejectedException {
        // given a namespace-less CNMARC 古籍 record with 191, no 7XX and 210$d 民国二十五年
        byte[] payload = resource("marc/cnmarc-rare-book-statement-only.xml");

        // when
        CanonicalRecord record = crosswalk.map(raw("gj-42", RecordFormat.MARCXML, payload), ZHANGZI);

        // then
        assertThat(record.kind()).isEqualTo(ResourceKind.RARE_BOOK);
        assertThat(record.title()).isEqualTo("潞安府志");
        assertThat(record.creators()).containsExactly(Creator.of("张淑渠", "修"), Creator.of("姚学瑛", "主编"),
                Creator.of("姚学甲", "主编"));
        assertThat(record.year()).contains(1936);
        // no 905$a: the holding is the source's library; the county comes from the source
        assertThat(record.holdings()).containsExactly(new Holding("长子县图书馆", Optional.of("古籍书库"),
                Optional.of("K292.53/1"), Optional.of("GJ000042"), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(record.library()).isEqualTo("长子县图书馆");
        assertThat(record.county()).contains("长子县");
    }

    @Test
    void prefersTheCjkFormOfLinked880FieldsAndKeepsTheRomanizedTitle() throws RecordRejectedException {
        // given a MARC 21 record with romanized 245/100/260 and their Chinese forms in 880s
        byte[] payload = resource("marc/marc21-with-880-cjk.xml");

        // when
        CanonicalRecord record = crosswalk.map(raw("czl-m21-0007", RecordFormat.MARCXML, payload), CHANGZHI);

        // then
        assertThat(record.title()).isEqualTo("上党梆子史话. 第1卷. 源流");
        assertThat(record.otherTitles()).containsExactly("Shangdang bang zi shi hua. Di 1 juan. Yuan liu");
        assertThat(record.parallelTitles()).containsExactly("History of Shangdang Bangzi");
        assertThat(record.creators()).containsExactly(Creator.of("栗守田", "author"));
        assertThat(record.place()).contains("太原");
        assertThat(record.publisher()).contains("山西人民出版社");
        assertThat(record.year()).contains(2015);
        assertThat(record.isbns()).containsExactly("9787203076544");
        assertThat(record.languages()).containsExactly("chi");
        assertThat(record.subjects()).containsExactly("Operas, Chinese--China--Changzhi Shi--History");
        assertThat(record.classifications()).containsExactly(new Classification("clc", "J825.25"));
        assertThat(record.description()).contains("A history of the Shangdang Bangzi opera of Changzhi, Shanxi.");
        assertThat(record.notes()).containsExactly("Includes a list of repertoire.");
        assertThat(record.holdings()).containsExactly(new Holding("长治市图书馆", Optional.of("地方文献室"),
                Optional.of("J825.25 12"), Optional.empty(), Optional.of("20150001"), Optional.empty(), Optional.empty()));
    }

    @Test
    void readsLocal949HoldingsAndRunTogetherLanguageCodes() throws RecordRejectedException {
        // given a MARC 21 record with a SirsiDynix-style 949 and an old-style 041 "chieng"
        String payload = marc21("00000nam a2200000 a 4500",
                field("041", "a", "chieng") + field("245", "a", "上党八音会 /")
                        + field("949", "a", "J632.1", "b", "S5", "i", "30001234", "l", "地方文献室", "m", "襄垣县图书馆"));

        // when
        CanonicalRecord record = map("949", payload);

        // then
        assertThat(record.title()).isEqualTo("上党八音会");
        assertThat(record.languages()).containsExactly("chi", "eng");
        assertThat(record.holdings()).containsExactly(new Holding("襄垣县图书馆", Optional.of("地方文献室"),
                Optional.of("J632.1 S5"), Optional.empty(), Optional.of("30001234"), Optional.empty(), Optional.empty()));
    }

    @Test
    void readsUnimarcNameSubjectsAndOtherClassificationSchemes() throws RecordRejectedException {
        String payload = unimarc("00000nam0 2200000   4500", field("200", "a", "赵树理传")
                + field("600", "a", "赵树理", "f", "1906-1970", "x", "传记")
                + field("686", "a", "K825.6", "2", "CLCs") + field("686", "a", "58.2"));

        CanonicalRecord record = map("600", payload);

        assertThat(record.subjects()).containsExactly("赵树理 1906-1970--传记");
        assertThat(record.classifications()).containsExactly(new Classification("clcs", "K825.6"),
                new Classification("686", "58.2"));
        // no 7XX and no 200$f: no creators rather than guessed ones
        assertThat(record.creators()).isEmpty();
    }

    @Test
    void aDeclaredFlavourOverridesDetection() {
        // given a source that declares MARC 21 but serves a CNMARC record
        MarcXmlCrosswalk declaredMarc21 = new MarcXmlCrosswalk(MarcFlavour.MARC21);

        // when / then: read as MARC 21 it has no 245, hence no title
        assertThatThrownBy(() -> declaredMarc21.map(raw("1", RecordFormat.MARCXML, resource("marc/cnmarc-with-holdings.xml")),
                CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:1: no title: no 245 field");
    }

    @ParameterizedTest
    @CsvSource({
            "00000nam0 2200000   4500, BOOK", "00000nas0 2200000   4500, SERIAL", "00000ngm0 2200000   4500, VIDEO",
            "00000njm0 2200000   4500, AUDIO", "00000nim0 2200000   4500, AUDIO", "00000nkm0 2200000   4500, IMAGE",
            "00000nem0 2200000   4500, MAP", "00000ncm0 2200000   4500, SCORE", "00000nbm0 2200000   4500, MANUSCRIPT",
            "00000naa0 2200000   4500, ARTICLE"})
    void takesTheUnimarcKindFromLeaderSixAndSeven(String leader, ResourceKind kind) throws RecordRejectedException {
        String payload = unimarc(leader, field("200", "a", "标题"));

        assertThat(map("1", payload).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
            "00000nam a2200000 a 4500, BOOK", "00000nas a2200000 a 4500, SERIAL", "00000ngm a2200000 a 4500, VIDEO",
            "00000njm a2200000 a 4500, AUDIO", "00000nkm a2200000 a 4500, IMAGE", "00000nem a2200000 a 4500, MAP",
            "00000ncm a2200000 a 4500, SCORE", "00000naa a2200000 a 4500, ARTICLE",
            "00000ntm a2200000 a 4500, MANUSCRIPT", "00000nmm a2200000 a 4500, OTHER"})
    void takesTheMarc21KindFromLeaderSixAndSeven(String leader, ResourceKind kind) throws RecordRejectedException {
        String payload = marc21(leader, field("245", "a", "Title."));

        assertThat(map("1", payload).kind()).isEqualTo(kind);
    }

    @Test
    void rejectsAPayloadThatIsNotWellFormed() {
        assertThatThrownBy(() -> map("bad-1", "<record><leader>00000nam0 2200000   450 </leader><datafield tag=\"200\">"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:bad-1: not well-formed XML");
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThatThrownBy(() -> map("empty", ""))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:empty: empty payload, no MARCXML <record>");
    }

    @Test
    void rejectsAPayloadWithoutARecord() {
        assertThatThrownBy(() -> map("no-record", "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"/>"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:no-record: no MARCXML <record> with a leader or fields in the payload");
    }

    @Test
    void rejectsARecordWithoutATitleNamingTheEmptyField() {
        String payload = unimarc("00000nam0 2200000   450 ", field("200", "A", "Shang Dang", "f", "栗守田著"));

        assertThatThrownBy(() -> map("no-title", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:no-title: no title: 200$a empty in '200");
    }

    @Test
    void rejectsACnmarcRecordWithNoTitleFieldAtAllNamingTheCnmarcField() {
        String payload = unimarc("00000nam0 2200000   450 ",
                field("101", "a", "chi") + field("210", "a", "太原", "c", "山西人民出版社", "d", "2015"));

        assertThatThrownBy(() -> map("no-200", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("changzhi-city:no-200: no title")
                .hasMessageContaining("200")
                .hasMessageNotContaining("245");
    }

    @Test
    void rejectsAnUnreadableLeaderNamingIt() {
        String payload = marc21("01301nam", field("245", "a", "Title."));

        assertThatThrownBy(() -> map("short-leader", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:short-leader: unreadable leader '01301nam'");
    }

    @Test
    void rejectsARecordWithoutALeader() {
        String payload = "<record>" + field("245", "a", "Title.") + "</record>";

        assertThatThrownBy(() -> map("no-leader", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:no-leader: unreadable leader: no <leader> element");
    }

    @Test
    void rejectsAnExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        // given a payload whose title would be the contents of a local file
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String payload = "<?xml version=\"1.0\"?><!DOCTYPE record [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + unimarc("00000nam0 2200000   450 ", field("200", "a", "&xxe;"));

        // when / then: rejected for its DOCTYPE, and the file's content appears nowhere
        assertThatThrownBy(() -> map("xxe", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:xxe: DOCTYPE not allowed")
                .hasMessageNotContaining("TOP-SECRET-CONTENT");
    }

    @Test
    void rejectsAnEntityExpansionBomb() {
        String payload = "<?xml version=\"1.0\"?><!DOCTYPE record [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + unimarc("00000nam0 2200000   450 ", field("200", "a", "&b;"));

        assertThatThrownBy(() -> map("bomb", payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("DOCTYPE not allowed");
    }

    @Test
    void rejectsADeletedRecordAsAProgrammingError() {
        var deleted = new org.shangdang.record.RawRecord("changzhi-city", "gone", DATESTAMP, RecordFormat.MARCXML,
                new byte[0], org.shangdang.record.RecordStatus.DELETED);

        assertThatThrownBy(() -> crosswalk.map(deleted, CHANGZHI)).isInstanceOf(IllegalArgumentException.class);
    }
}
