package org.shangdang.connectors.marc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.bytes;
import static org.shangdang.connectors.CrosswalkFixtures.corpus;
import static org.shangdang.connectors.CrosswalkFixtures.raw;
import static org.shangdang.connectors.CrosswalkFixtures.split;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;

/** The MARC crosswalk against real records from shared/corpus; skipped when the corpus is absent. */
class MarcXmlCorpusTest {

    private static final String MARC21_NS = "http://www.loc.gov/MARC21/slim";
    private static final String CNMARC_NS = "http://www.nlc.cn/";

    private final MarcXmlCrosswalk crosswalk = new MarcXmlCrosswalk();

    private List<CanonicalRecord> mapAll(List<byte[]> payloads) throws RecordRejectedException {
        List<CanonicalRecord> records = new ArrayList<>();
        for (byte[] payload : payloads) {
            records.add(crosswalk.map(raw("r" + (records.size() + 1), RecordFormat.MARCXML, payload), CHANGZHI));
        }
        return records;
    }

    private CanonicalRecord mapFile(String relative) throws RecordRejectedException {
        return crosswalk.map(raw(relative, RecordFormat.MARCXML, bytes(corpus(relative))), CHANGZHI);
    }

    @Test
    void mapsEveryRealCnmarcRecordOfTheBnuSruResponseAsUnimarc() throws RecordRejectedException {
        // given the ten CNMARC records inside an SRU envelope that starts with a BOM
        List<byte[]> payloads = split(corpus("marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml"), "record", Set.of(CNMARC_NS));

        // when
        List<CanonicalRecord> records = mapAll(payloads);

        // then every one maps, with a Chinese title, 中图法 class, and 中国统计出版社 or 经济日报出版社
        assertThat(records).hasSize(10);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.languages()).containsExactly("chi");
            assertThat(r.classifications()).isNotEmpty().allMatch(c -> c.scheme().equals("clc"));
            assertThat(r.title()).doesNotContain("Zhong Guo");
        });
        assertThat(records).extracting(r -> r.publisher().orElseThrow())
                .containsOnly("中国统计出版社", "经济日报出版社");
    }

    @Test
    void mapsTheBnu1994ReportWithItsEditorsAndThreeItems() throws RecordRejectedException {
        // given record 990002180740203961: leader with '-' blanks, 701 editors, 711 body, 905 + three 906
        CanonicalRecord record = mapAll(split(corpus("marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml"), "record",
                Set.of(CNMARC_NS))).get(0);

        assertThat(record.title()).isEqualTo("'94中国发展报告");
        assertThat(record.otherTitles()).containsExactly("中国发展报告");
        assertThat(record.creators()).containsExactly(Creator.of("叶震", "主编"), Creator.of("李强", "主编"),
                Creator.of("国家统计局", "编"));
        assertThat(record.place()).contains("北京");
        assertThat(record.publisher()).contains("中国统计出版社");
        assertThat(record.year()).contains(1994);
        assertThat(record.isbns()).containsExactly("7-5037-1744-0");
        assertThat(record.classifications()).containsExactly(new Classification("clc", "F124"));
        assertThat(record.subjects()).containsExactly("经济发展--概况--中国--1994");
        assertThat(record.notes()).containsExactly("本书由叶震与李强等主编。");
        assertThat(record.kind()).isEqualTo(ResourceKind.BOOK);
        assertThat(record.holdings()).extracting(Holding::barcode).containsExactly(
                Optional.of("1683011"), Optional.of("1683012"), Optional.of("1683013"));
        assertThat(record.holdings()).allSatisfy(h -> {
            assertThat(h.library()).isEqualTo("BNU");
            assertThat(h.callNumber()).contains("F124/26");
            assertThat(h.accessionNumber()).contains("211260");
            assertThat(h.price()).isEmpty();
        });
    }

    @Test
    void mapsTheBnu1998ReportWithItsParallelTitleAndCopySetHolding() throws RecordRejectedException {
        // given record 990001379150203961: 510 English title, 517 variant, 905 without 906
        CanonicalRecord record = mapAll(split(corpus("marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml"), "record",
                Set.of(CNMARC_NS))).get(5);

        assertThat(record.title()).isEqualTo("'98中国发展报告");
        assertThat(record.parallelTitles()).containsExactly("China development report 1998");
        assertThat(record.otherTitles()).containsExactly("中国发展报告");
        assertThat(record.creators()).containsExactly(Creator.of("国家统计局", "编"));
        assertThat(record.isbns()).containsExactly("7-5037-2790-X");
        assertThat(record.year()).contains(1998);
        assertThat(record.holdings()).containsExactly(new Holding("BNU", Optional.of("bk"), Optional.of("F124/26"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void mapsTheMarc21ViewOfTheSameLibraryWithStatementCreatorsAndAlmaHoldings() throws RecordRejectedException {
        // given Alma's MARC 21 view: blank leader lengths, no 1XX/7XX in record 2, AVA availability
        List<CanonicalRecord> records = mapAll(split(corpus("oai/sru/dp2_sru_bnu_marcxml.xml"), "record",
                Set.of(MARC21_NS)));

        assertThat(records).hasSize(10);
        assertThat(records.get(0).kind()).isEqualTo(ResourceKind.ARTICLE);
        CanonicalRecord report = records.get(1);
        assertThat(report.title()).isEqualTo("'08中国改革跟踪报告");
        assertThat(report.creators()).containsExactly(Creator.of("国家发展和改革委员会经济体制与管理研究所课题组", "编"));
        assertThat(report.place()).contains("北京");
        assertThat(report.publisher()).contains("高等教育出版社");
        assertThat(report.year()).contains(2008);
        assertThat(report.isbns()).containsExactly("978-7-04-024765-7");
        assertThat(report.languages()).containsExactly("chi");
        assertThat(report.holdings()).containsExactly(
                new Holding("总馆普通文献", Optional.of("中文书—A-H(主馆四层)"), Optional.of("D61 bnu201"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("available")),
                new Holding("总馆普通文献", Optional.of("中文库本书—A-H(主馆六层)"), Optional.of("D61 bnu201"),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("available")));
    }

    @Test
    void mapsBothMarc4jChabonRecords() throws RecordRejectedException {
        List<CanonicalRecord> records = mapAll(split(corpus("marc/marcxml/marc4j/chabon.xml"), "record",
                Set.of(MARC21_NS)));

        CanonicalRecord kavalier = records.get(0);
        assertThat(kavalier.title()).isEqualTo("The amazing adventures of Kavalier and Clay");
        assertThat(kavalier.otherTitles()).containsExactly("a novel");
        assertThat(kavalier.creators()).containsExactly(Creator.of("Chabon, Michael"));
        assertThat(kavalier.place()).contains("New York");
        assertThat(kavalier.publisher()).contains("Random House");
        assertThat(kavalier.year()).contains(2000);
        assertThat(kavalier.isbns()).containsExactly("0679450041");
        assertThat(kavalier.languages()).containsExactly("eng");
        assertThat(kavalier.subjects()).startsWith("Comic books, strips, etc.--Authorship--Fiction",
                "Heroes in mass media--Fiction");
        CanonicalRecord summerland = records.get(1);
        assertThat(summerland.title()).isEqualTo("Summerland");
        assertThat(summerland.isbns()).containsExactly("0786808772", "0786816155");
        assertThat(summerland.description()).hasValueSatisfying(d -> assertThat(d).startsWith("Ethan Feld"));
    }

    @Test
    void mapsAKohaRecordWrappedWithOaiElementsAndIgnoresAPlaceholderClassNumber() throws RecordRejectedException {
        CanonicalRecord record = mapFile("marc/marcxml/marc4j/koha_oai_record_5.xml");

        assertThat(record.title()).isEqualTo("Cinema and architecture : from historical to digital");
        assertThat(record.creators()).containsExactly(Creator.of("Penz, Francois"));
        assertThat(record.year()).contains(1996);
        // 050 "ACQUISITION IN PROCESS" is not a class number
        assertThat(record.classifications()).isEmpty();
    }

    @Test
    void keepsTheRomanizedGreekTitlePrimaryAndTheGreekFormAsOtherTitle() throws RecordRejectedException {
        CanonicalRecord record = mapFile("marc/marcxml/marc4j/OCLC_814388508_greek.xml");

        assertThat(record.title()).isEqualTo("Hē agora stē Mesogeio");
        assertThat(record.otherTitles()).first().isEqualTo("Η αγορά στη Μεσόγειο");
        assertThat(record.parallelTitles()).containsExactly("Agora in the Mediterranean");
        assertThat(record.isbns()).containsExactly("9789608838765", "9608838762");
        assertThat(record.languages()).containsExactly("gre", "eng", "ger");
        assertThat(record.classifications()).containsExactly(new Classification("lcc", "NA9070 .A36 2011"));
    }

    @Test
    void readsRdaImprintAndRolesFromTheAmazighRecord() throws RecordRejectedException {
        CanonicalRecord record = mapFile("marc/marcxml/marc4j/azdoud_arabic.xml");

        assertThat(record.title()).isEqualTo("Choix de proverbs amazighes");
        assertThat(record.creators()).containsExactly(Creator.of("Azdoud, Driss", "author"));
        // 264 _1 is the publication statement; the supplied place loses its brackets
        assertThat(record.place()).contains("Morocco");
        assertThat(record.publisher()).contains("Institut Royal de la Culture Amazighe");
        assertThat(record.year()).contains(2022);
        assertThat(record.parallelTitles()).contains("ⵜⵉⵎⵙⵜⵉⵢⵉⵏ ⵏ ⵡⴰⵏⵣⵉⵡ ⵏ ⵜⵎⴰⵣⵉⵖⵜ");
    }

    @Test
    void mapsARecordWhoseLeaderHoldsAnEscapedGarbageCharacter() throws RecordRejectedException {
        // given leader "01301nam a22003618< 4500": damaged at position 18 but 24 characters with a type
        CanonicalRecord record = mapFile("marc/marcxml/ruby-marc/messed_up_leader.xml");

        assertThat(record.title()).isEqualTo("Applied ecotoxicology");
        assertThat(record.holdings()).containsExactly(new Holding("长治市图书馆", Optional.of("DEPOSITORY"),
                Optional.of("QH545.A1 R65 1996"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void mapsARecordWithNonNumericTagsIgnoringThem() throws RecordRejectedException {
        CanonicalRecord record = mapFile("marc/marcxml/ruby-marc/non-numeric.xml");

        assertThat(record.title()).isEqualTo("A new kind of history, and other essays");
        assertThat(record.isbns()).containsExactly("0061317845");
        assertThat(record.classifications()).contains(new Classification("ddc", "907/.2"));
    }

    @Test
    void rejectsOnlyTheRecordWithAControlCharacterAmongThree() {
        // given the three records of a file whose second has a BEL (0x07) in a subfield code attribute
        byte[] file = bytes(corpus("marc/marcxml/ruby-marc/three-records-second-bad.xml"));
        List<byte[]> payloads = recordsByBytes(file);
        assertThat(payloads).hasSize(3);

        // when / then: the first and third map, the second is rejected as not well-formed
        assertThat(mapsTo(payloads.get(0))).isEqualTo("The Texas ranger");
        assertThatThrownBy(() -> crosswalk.map(raw("second", RecordFormat.MARCXML, payloads.get(1)), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:second: not well-formed XML")
                .hasMessageContaining("0x7");
        assertThat(mapsTo(payloads.get(2))).isEqualTo("The Texas ranger");
    }

    @Test
    void rejectsTheWholeFileWithTheBadRecordAsOnePayload() {
        byte[] file = bytes(corpus("marc/marcxml/ruby-marc/three-records-second-bad.xml"));

        assertThatThrownBy(() -> crosswalk.map(raw("file", RecordFormat.MARCXML, file), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("not well-formed XML");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chabon-missing-subfield-code.xml", "chabon-bad-subfields-element.xml",
            "chabon-missing-datafield-tag.xml"})
    void mapsChabonWithADamaged020AndDropsOnlyThatIsbn(String file) throws RecordRejectedException {
        // given the first chabon record whose 020 lost its subfield code, or has <subfields> for <subfield>
        CanonicalRecord record = mapFile("marc/marcxml/marc4j/" + file);

        // then it maps, without the ISBN the damaged 020 held
        assertThat(record.title()).isEqualTo("The amazing adventures of Kavalier and Clay");
        assertThat(record.isbns()).isEmpty();
        assertThat(record.creators()).containsExactly(Creator.of("Chabon, Michael"));
    }

    @Test
    void mapsChabonWhoseControlFieldLostItsTag() throws RecordRejectedException {
        CanonicalRecord record = mapFile("marc/marcxml/marc4j/chabon-missing-controlfield-tag.xml");

        assertThat(record.title()).isEqualTo("The amazing adventures of Kavalier and Clay");
        assertThat(record.isbns()).containsExactly("0679450041");
        assertThat(record.year()).contains(2000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"external_file.xml", "external.xml", "xmlbomb.xml", "xmlbomb2.xml", "quadratic.xml",
            "cyclic.xml", "dtd.xml"})
    void rejectsEveryXmlAttackForItsDoctype(String file) {
        byte[] attack = bytes(corpus("docs/xml-attacks/" + file));

        assertThatThrownBy(() -> crosswalk.map(raw(file, RecordFormat.MARCXML, attack), CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("DOCTYPE not allowed");
    }

    private String mapsTo(byte[] payload) {
        try {
            return crosswalk.map(raw("ok", RecordFormat.MARCXML, payload), CHANGZHI).title();
        } catch (RecordRejectedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Cuts {@code <record>…</record>} byte ranges out without parsing, as the damage makes the file unparsable. */
    private static List<byte[]> recordsByBytes(byte[] file) {
        byte[] open = "<record>".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "</record>".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> records = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = indexOf(file, open, from);
            if (start < 0) {
                return records;
            }
            int end = indexOf(file, close, start) + close.length;
            String namespaced = "<record xmlns=\"" + MARC21_NS + "\">";
            byte[] head = namespaced.getBytes(StandardCharsets.US_ASCII);
            byte[] body = Arrays.copyOfRange(file, start + open.length, end);
            byte[] record = new byte[head.length + body.length];
            System.arraycopy(head, 0, record, 0, head.length);
            System.arraycopy(body, 0, record, head.length, body.length);
            records.add(record);
            from = end;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
