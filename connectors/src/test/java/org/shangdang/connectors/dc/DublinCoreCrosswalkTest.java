package org.shangdang.connectors.dc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.DATESTAMP;
import static org.shangdang.connectors.CrosswalkFixtures.raw;
import static org.shangdang.connectors.CrosswalkFixtures.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;

class DublinCoreCrosswalkTest {

    private final DublinCoreCrosswalk crosswalk = new DublinCoreCrosswalk();

    private CanonicalRecord map(String payload) throws RecordRejectedException {
        return crosswalk.map(raw("oai:czlib:dc-1", RecordFormat.OAI_DC, payload.getBytes(UTF_8)), CHANGZHI);
    }

    private static String oaiDc(String elements) {
        return "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" + elements + "</oai_dc:dc>";
    }

    @Test
    void mapsAChineseBookFromOaiDc() throws RecordRejectedException {
        // given an oai_dc record as a county library's OAI-PMH server sends it
        byte[] payload = resource("dc/dc-chinese-book.xml");

        // when
        CanonicalRecord record = crosswalk.map(raw("oai:czlib:123", RecordFormat.OAI_DC, payload), CHANGZHI);

        // then
        assertThat(record.id()).isEqualTo("changzhi-city:oai:czlib:123");
        assertThat(record.format()).isEqualTo(RecordFormat.OAI_DC);
        assertThat(record.kind()).isEqualTo(ResourceKind.BOOK);
        assertThat(record.title()).isEqualTo("上党梆子史话");
        assertThat(record.otherTitles()).containsExactly("A history of Shangdang Bangzi");
        assertThat(record.creators()).containsExactly(Creator.of("栗守田"), Creator.of("王小明", "整理"),
                Creator.of("长治市上党梆子剧团", "contributor"));
        assertThat(record.publisher()).contains("山西人民出版社");
        assertThat(record.year()).contains(2015);
        // the labelled ISBN-13 and urn:isbn ISBN-10 are kept; the wrong check digit is a note; the URL and
        // the number that is not an ISBN are ignored
        assertThat(record.isbns()).containsExactly("978-7-203-07654-4", "7203076547");
        assertThat(record.languages()).containsExactly("chi");
        assertThat(record.subjects()).containsExactly("上党梆子", "地方戏");
        assertThat(record.description()).contains("本书介绍了上党梆子的历史渊源、声腔特点与代表剧目。");
        assertThat(record.notes()).containsExactly("Invalid ISBN 7-5440-1234-X", "附录：上党梆子常演剧目表", "仅供馆内阅览");
        assertThat(record.library()).isEqualTo("长治市图书馆");
        assertThat(record.datestamp()).isEqualTo(DATESTAMP);
    }

    @Test
    void readsBareElementsWithoutNamespace() throws RecordRejectedException {
        CanonicalRecord record = map("<dc><title>潞安鼓书</title><creator>佚名</creator><type>Sound</type>"
                + "<language>中文</language></dc>");

        assertThat(record.title()).isEqualTo("潞安鼓书");
        assertThat(record.creators()).containsExactly(Creator.of("佚名"));
        assertThat(record.kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(record.languages()).containsExactly("chi");
    }

    @Test
    void ignoresElementsOfOtherNamespacesEvenWithDcNames() throws RecordRejectedException {
        CanonicalRecord record = map(oaiDc("<dc:title>正题</dc:title><x:title xmlns:x=\"urn:other\">别的</x:title>"));

        assertThat(record.title()).isEqualTo("正题");
        assertThat(record.otherTitles()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"text, BOOK", "文本, BOOK", "Sound, AUDIO", "音频, AUDIO", "MovingImage, VIDEO", "视频, VIDEO",
            "Image, IMAGE", "StillImage, IMAGE", "图像, IMAGE", "printed serial, SERIAL", "期刊, SERIAL",
            "Dataset, OTHER", "InteractiveResource, OTHER"})
    void takesTheKindFromDcType(String type, ResourceKind kind) throws RecordRejectedException {
        assertThat(map(oaiDc("<dc:title>题名</dc:title><dc:type>" + type + "</dc:type>")).kind()).isEqualTo(kind);
    }

    @Test
    void treatsARecordWithoutTypeAsOther() throws RecordRejectedException {
        assertThat(map(oaiDc("<dc:title>题名</dc:title>")).kind()).isEqualTo(ResourceKind.OTHER);
    }

    @Test
    void prefersTheMostSpecificOfSeveralTypes() throws RecordRejectedException {
        assertThat(map(oaiDc("<dc:title>Le Poème</dc:title><dc:type>text</dc:type><dc:type>printed serial</dc:type>"))
                .kind()).isEqualTo(ResourceKind.SERIAL);
    }

    @Test
    void rejectsARecordWithoutTitleNamingTheElementsItHas() {
        assertThatThrownBy(() -> map(oaiDc("<dc:title>  </dc:title><dc:creator>栗守田</dc:creator>")))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:oai:czlib:dc-1: no title: no non-empty dc:title among [dc:creator]");
    }

    @Test
    void rejectsAPayloadThatIsNotWellFormed() {
        assertThatThrownBy(() -> map("<oai_dc:dc><dc:title>x</dc:title>"))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith("changzhi-city:oai:czlib:dc-1: not well-formed XML");
    }

    @Test
    void rejectsADoctypeWithAnExternalEntity() {
        String payload = "<!DOCTYPE dc [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<dc><title>&xxe;</title></dc>";

        assertThatThrownBy(() -> map(payload))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessage("changzhi-city:oai:czlib:dc-1: DOCTYPE not allowed in a Dublin Core payload");
    }
}
