package org.shangdang.connectors.marc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.raw;

import org.junit.jupiter.api.Test;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;

/** The fields union-catalog clustering decides on: edition (vetoes), volume (vetoes), 012 fingerprint (rare books). */
class EditionVolumeFingerprintTest {

    private static final String CNMARC_LEADER = "00000nam0 2200000   450 ";
    private static final String MARC21_LEADER = "00000nam a2200000 a 4500";

    private final MarcXmlCrosswalk crosswalk = new MarcXmlCrosswalk();

    private CanonicalRecord map(String leader, String... fields) throws RecordRejectedException {
        String xml = "<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>" + leader + "</leader>"
                + String.join("", fields) + "</record>";
        return crosswalk.map(raw("r1", RecordFormat.MARCXML, xml.getBytes(UTF_8)), CHANGZHI);
    }

    private static String field(String tag, String... codesAndValues) {
        StringBuilder xml = new StringBuilder("<datafield tag=\"" + tag + "\" ind1=\"1\" ind2=\"0\">");
        for (int i = 0; i < codesAndValues.length; i += 2) {
            xml.append("<subfield code=\"").append(codesAndValues[i]).append("\">").append(codesAndValues[i + 1])
                    .append("</subfield>");
        }
        return xml.append("</datafield>").toString();
    }

    @Test
    void readsTheCnmarcEditionWithItsReprintStatement() throws RecordRejectedException {
        // given a CNMARC record whose 205 gives the edition and, in $b, the reprint
        CanonicalRecord record = map(CNMARC_LEADER, field("200", "a", "上党梆子"),
                field("205", "a", "第2版", "b", "2016年重印"));

        // then
        assertThat(record.edition()).contains("第2版, 2016年重印");
    }

    @Test
    void readsTheCnmarcVolumeFromPartNumberAndPartName() throws RecordRejectedException {
        // given 200$h and $i
        CanonicalRecord both = map(CNMARC_LEADER, field("200", "a", "上党梆子史话", "h", "第一卷", "i", "源流"));
        CanonicalRecord numberOnly = map(CNMARC_LEADER, field("200", "a", "红岩", "h", "上册"));
        CanonicalRecord none = map(CNMARC_LEADER, field("200", "a", "红岩"));

        // then the volume says which part, and the title still shows it as catalogued
        assertThat(both.volume()).contains("第一卷, 源流");
        assertThat(both.title()).isEqualTo("上党梆子史话. 第一卷, 源流");
        assertThat(numberOnly.volume()).contains("上册");
        assertThat(none.volume()).isEmpty();
        assertThat(none.edition()).isEmpty();
        assertThat(none.fingerprint()).isEmpty();
    }

    @Test
    void readsTheRareBookFingerprintFrom012() throws RecordRejectedException {
        // given a 古籍 with a 012 fingerprint and no ISBN
        CanonicalRecord record = map(CNMARC_LEADER, field("012", "a", "i-i- t.i. 之志 宣其 3 1762R", "2", "fingerprint"),
                field("200", "a", "潞安府志"), field("210", "a", "潞安", "d", "清乾隆三十五年"));

        // then
        assertThat(record.fingerprint()).contains("i-i- t.i. 之志 宣其 3 1762R");
        assertThat(record.isbns()).isEmpty();
    }

    @Test
    void readsTheMarc21EditionAndVolume() throws RecordRejectedException {
        // given a MARC 21 record with 245$n$p and 250$a$b
        CanonicalRecord record = map(MARC21_LEADER,
                field("245", "a", "中国戏曲志.", "n", "第3卷,", "p", "山西卷 /", "c", "编辑委员会编."),
                field("250", "a", "2nd ed. /", "b", "revised by the editors."));

        // then
        assertThat(record.volume()).contains("第3卷. 山西卷");
        assertThat(record.edition()).contains("2nd ed., revised by the editors");
    }

    @Test
    void readsTheMarc21EditionFromTheLinkedChinese880() throws RecordRejectedException {
        // given a romanized 250 linked to a Chinese 880
        CanonicalRecord record = map(MARC21_LEADER, field("245", "a", "Shang dang bang zi"),
                field("250", "6", "880-02", "a", "Di 2 ban."),
                field("880", "6", "250-02/$1", "a", "第2版."));

        // then
        assertThat(record.edition()).contains("第2版");
    }
}
