package org.shangdang.connectors.dc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.connectors.CrosswalkFixtures.CHANGZHI;
import static org.shangdang.connectors.CrosswalkFixtures.bytes;
import static org.shangdang.connectors.CrosswalkFixtures.corpus;
import static org.shangdang.connectors.CrosswalkFixtures.raw;
import static org.shangdang.connectors.CrosswalkFixtures.split;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.oaipmh.OaiResponse;
import org.shangdang.connectors.oaipmh.OaiResponseParser;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;

/**
 * The Dublin Core crosswalk against real responses from shared/corpus, with payloads cut out by the OAI-PMH
 * response parser as a harvest would; skipped when the corpus is absent.
 */
class DublinCoreCorpusTest {

    private final DublinCoreCrosswalk crosswalk = new DublinCoreCrosswalk();

    private static List<RawRecord> harvest(String relative) throws IOException {
        try (InputStream body = Files.newInputStream(corpus(relative))) {
            OaiResponse response = new OaiResponseParser(CHANGZHI.sourceId(), RecordFormat.OAI_DC)
                    .parse(body, URI.create("http://example.org/oai?verb=ListRecords"));
            assertThat(response).isInstanceOf(OaiResponse.Records.class);
            return ((OaiResponse.Records) response).page().records();
        }
    }

    @Test
    void mapsAGallicaRecordWhoseNamespacesAreDeclaredOnTheEnvelope() throws Exception {
        // given BnF's ListRecords with dc:/oai_dc: declared on <OAI-PMH> and a day-granularity datestamp
        RawRecord raw = harvest("oai/phpoaipmh/bnf_gallica_ListRecords_namespaced.xml").get(0);

        // when
        CanonicalRecord record = crosswalk.map(raw, CHANGZHI);

        // then
        assertThat(record.id()).isEqualTo("changzhi-city:oai:bnf.fr:gallica/ark:/12148/bpt6k5440618t");
        assertThat(record.title()).isEqualTo("Le Poème. Publication mensuelle");
        assertThat(record.kind()).isEqualTo(ResourceKind.SERIAL);
        assertThat(record.publisher()).contains("[s.n.?] (Paris)");
        assertThat(record.year()).contains(1889);
        assertThat(record.languages()).containsExactly("fre");
        assertThat(record.description()).contains("1889/04 (FASC1).");
        assertThat(record.notes()).containsExactly("domaine public", "public domain");
        assertThat(record.datestamp()).isEqualTo(Instant.parse("2010-06-09T00:00:00Z"));
    }

    @Test
    void mapsAnErasmusRecordWithABareIsbnAndAContributor() throws Exception {
        RawRecord raw = harvest("oai/pyoai/erasmus_GetRecord_1765-315.xml").get(0);

        CanonicalRecord record = crosswalk.map(raw, CHANGZHI);

        assertThat(record.recordId()).isEqualTo("hdl:1765/315");
        assertThat(record.title()).startsWith("De vrouwenbeweging online.");
        assertThat(record.creators()).containsExactly(Creator.of("Edwards, A.R.", "contributor"));
        // "90-9014980-5" is a bare identifier with a right ISBN-10 check digit; the handle URL is not an ISBN
        assertThat(record.isbns()).containsExactly("90-9014980-5");
        assertThat(record.languages()).containsExactly("dut");
        assertThat(record.year()).contains(2003);
        assertThat(record.subjects()).hasSize(4).contains("uses of internet");
        assertThat(record.kind()).isEqualTo(ResourceKind.BOOK);
    }

    @Test
    void mapsABareOaiDcDocumentWithoutTheOaiEnvelope() throws RecordRejectedException {
        byte[] payload = bytes(corpus("oai/pyoai/erasmus_bare_oai_dc_metadata.xml"));

        CanonicalRecord record = crosswalk.map(raw("hdl:1765/315", RecordFormat.OAI_DC, payload), CHANGZHI);

        assertThat(record.title()).startsWith("De vrouwenbeweging online.");
        assertThat(record.isbns()).containsExactly("90-9014980-5");
    }

    @Test
    void mapsEveryPresentRecordOfAnErasmusListRecordsPage() throws Exception {
        List<RawRecord> raws = harvest("oai/pyoai/erasmus_ListRecords_from2003.xml");
        List<CanonicalRecord> records = new ArrayList<>();
        for (RawRecord raw : raws) {
            if (!raw.isDeleted()) {
                records.add(crosswalk.map(raw, CHANGZHI));
            }
        }

        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.title()).isNotBlank());
    }

    @Test
    void mapsTheSruDublinCoreViewOfChineseBooksWithRolesFromContributors() throws RecordRejectedException {
        List<byte[]> payloads = split(corpus("oai/sru/dp2_sru_bnu_dc.xml"), "dc", Set.of("info:srw/schema/1/dc-schema"));

        CanonicalRecord record = crosswalk.map(raw("990002180740203961", RecordFormat.OAI_DC, payloads.get(0)), CHANGZHI);

        assertThat(record.title()).isEqualTo("'94中国发展报告");
        assertThat(record.creators()).containsExactly(Creator.of("叶震", "主编"), Creator.of("李强", "主编"));
        assertThat(record.isbns()).containsExactly("7-5037-1744-0");
        assertThat(record.languages()).containsExactly("chi");
        assertThat(record.year()).contains(1994);
        assertThat(record.kind()).isEqualTo(ResourceKind.BOOK);
    }
}
