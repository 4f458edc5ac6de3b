package org.shangdang.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.raw;
import static org.shangdang.connectors.CrosswalkFixtures.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shangdang.connectors.dc.DublinCoreCrosswalk;
import org.shangdang.connectors.marc.MarcXmlCrosswalk;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;

class CrosswalksTest {

    @ParameterizedTest
    @EnumSource(RecordFormat.class)
    void theStandardSetHasACrosswalkForEveryFormat(RecordFormat format) {
        assertThat(Crosswalks.standard().forFormat(format).format()).isEqualTo(format);
    }

    @Test
    void mapsEachRawRecordWithTheCrosswalkOfItsFormat() throws RecordRejectedException {
        Crosswalks crosswalks = Crosswalks.standard();

        var marc = crosswalks.map(raw("m", RecordFormat.MARCXML, resource("marc/cnmarc-with-holdings.xml")), CHANGZHI);
        var dc = crosswalks.map(raw("d", RecordFormat.OAI_DC, resource("dc/dc-chinese-book.xml")), CHANGZHI);

        assertThat(marc.format()).isEqualTo(RecordFormat.MARCXML);
        assertThat(marc.title()).isEqualTo("上党梆子史话. 第一卷, 源流");
        assertThat(dc.format()).isEqualTo(RecordFormat.OAI_DC);
        assertThat(dc.title()).isEqualTo("上党梆子史话");
    }

    @Test
    void aPayloadOfTheWrongFormatIsRejectedNotMisread() {
        // given a Dublin Core payload labelled MARCXML
        var mislabelled = raw("x", RecordFormat.MARCXML, "<dc><title>题名</title></dc>".getBytes(UTF_8));

        assertThatThrownBy(() -> Crosswalks.standard().map(mislabelled, CHANGZHI))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("no MARCXML <record>");
    }

    @Test
    void anEnrichmentStepRunsAfterTheCrosswalkWhetherMappedDirectlyOrTakenByFormat() throws RecordRejectedException {
        // given the standard crosswalks with a step that marks what it saw
        Crosswalks enriched = Crosswalks.standard().enrichedBy(r -> r.withWorkId("enriched:" + r.id()));
        var dc = raw("d", RecordFormat.OAI_DC, resource("dc/dc-chinese-book.xml"));

        // then both ways of mapping go through it, and the plain crosswalks stay untouched
        assertThat(enriched.map(dc, CHANGZHI).workId()).contains("enriched:changzhi-city:d");
        assertThat(enriched.forFormat(RecordFormat.OAI_DC).map(dc, CHANGZHI).workId()).contains("enriched:changzhi-city:d");
        assertThat(enriched.forFormat(RecordFormat.OAI_DC).format()).isEqualTo(RecordFormat.OAI_DC);
        assertThat(Crosswalks.standard().map(dc, CHANGZHI).workId()).isEmpty();
    }

    @Test
    void refusesTwoCrosswalksForOneFormat() {
        assertThatThrownBy(() -> Crosswalks.of(new MarcXmlCrosswalk(), new MarcXmlCrosswalk()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MARCXML");
    }

    @Test
    void namesTheFormatItHasNoCrosswalkFor() {
        assertThatThrownBy(() -> Crosswalks.of(new DublinCoreCrosswalk()).forFormat(RecordFormat.MARCXML))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no crosswalk for format MARCXML; have [OAI_DC]");
    }
}
