package org.shangdang.connectors.oaipmh;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.oaipmh.OaiFixtures.parseAlone;
import static org.shangdang.connectors.oaipmh.OaiFixtures.scenario;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

class OaiResponseParserTest {

    private static final URI URL = URI.create("http://opac.czlib.example.cn/oai?verb=ListRecords&metadataPrefix=marcxml");
    private static final String MARC_NS = "http://www.loc.gov/MARC21/slim";

    private final OaiResponseParser marc = new OaiResponseParser("changzhi-city", RecordFormat.MARCXML);
    private final OaiResponseParser dc = new OaiResponseParser("changzhi-dlib", RecordFormat.OAI_DC);

    private static OaiPage page(OaiResponseParser parser, String scenario) {
        OaiResponse response = parser.parse(new ByteArrayInputStream(scenario(scenario)), URL);
        assertThat(response).isInstanceOf(OaiResponse.Records.class);
        return ((OaiResponse.Records) response).page();
    }

    @Test
    void readsRecordsTokenAndLatestDatestampOfAPage() {
        // given a middle page whose second record is older than its first
        // when
        OaiPage page = page(marc, "list-records-page-2-of-3.xml");

        // then
        assertThat(page.records()).extracting(RawRecord::recordId)
                .containsExactly("oai:czlib.example.cn:b0003", "oai:czlib.example.cn:b0004");
        assertThat(page.records()).extracting(RawRecord::sourceId).containsOnly("changzhi-city");
        assertThat(page.records()).extracting(RawRecord::format).containsOnly(RecordFormat.MARCXML);
        assertThat(page.resumptionToken()).contains("eyJtIjoibWFyY3htbCIsIm4iOjR9+/Q==");
        assertThat(page.maxDatestamp()).contains(Instant.parse("2024-03-03T10:15:00Z"));
        assertThat(page.completeListSize()).contains(5L);
        assertThat(page.cursor()).contains(2L);
        assertThat(page.requestUrl()).isEqualTo(URL);
    }

    @Test
    void marcPayloadIsTheMarcRecordElementAndParsesAlone() {
        // given / when
        RawRecord first = page(marc, "list-records-page-1-of-3.xml").records().get(0);

        // then
        String xml = new String(first.payload(), UTF_8);
        assertThat(xml).startsWith("<record xmlns=\"" + MARC_NS + "\">");
        assertThat(xml).doesNotContain("OAI-PMH", "openarchives");
        OaiFixtures.Parsed parsed = parseAlone(first.payload());
        assertThat(parsed.root()).isEqualTo("{" + MARC_NS + "}record");
        assertThat(parsed.text()).contains("上党梆子音乐研究", "栗守田", "山西人民出版社");
    }

    @Test
    void payloadDeclaresANamespaceThatOnlyTheEnvelopeDeclared() throws Exception {
        // given page 3, whose marc: prefix and xsi: prefix are declared on <OAI-PMH> only
        // when
        RawRecord record = page(marc, "list-records-page-3-of-3.xml").records().get(0);

        // then every element is still in the MARC namespace when the payload is read alone
        assertThat(OaiFixtures.elementNamespaces(record.payload())).hasSizeGreaterThan(5).containsOnly(MARC_NS);
        OaiFixtures.Parsed parsed = parseAlone(record.payload());
        assertThat(parsed.text()).contains("长治方言词典 & 语音 <上党片>");
        assertThat(new String(record.payload(), UTF_8)).contains("xsi:schemaLocation=", "xmlns:xsi=");
    }

    @Test
    void selfClosingTokenEndsTheList() {
        // given / when
        OaiPage last = page(marc, "list-records-page-3-of-3.xml");

        // then
        assertThat(last.resumptionToken()).isEmpty();
        assertThat(last.isLast()).isTrue();
        assertThat(last.cursor()).contains(4L);
    }

    @Test
    void deletedRecordHasDeletedStatusAndEmptyPayloadAndDayDatestampsParse() {
        // given / when
        OaiPage page = page(dc, "list-records-with-deleted.xml");

        // then
        assertThat(page.records()).extracting(RawRecord::status)
                .containsExactly(RecordStatus.PRESENT, RecordStatus.DELETED, RecordStatus.PRESENT);
        RawRecord deleted = page.records().get(1);
        assertThat(deleted.recordId()).isEqualTo("oai:dlib.czlib.example.cn:opera-0013");
        assertThat(deleted.payload()).isEmpty();
        assertThat(deleted.datestamp()).isEqualTo(Instant.parse("2024-05-09T00:00:00Z"));
        assertThat(page.resumptionToken()).isEmpty();
        OaiFixtures.Parsed dcRecord = parseAlone(page.records().get(0).payload());
        assertThat(dcRecord.root()).isEqualTo("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc");
        assertThat(dcRecord.text()).contains("上党梆子《三关排宴》演出录像");
    }

    @Test
    void readsIdentifyAtBothGranularities() {
        // given / when
        Identify second = ((OaiResponse.Identified) marc.parse(
                new ByteArrayInputStream(scenario("identify-second-granularity.xml")), URL)).identify();
        Identify day = ((OaiResponse.Identified) marc.parse(
                new ByteArrayInputStream(scenario("identify-day-granularity.xml")), URL)).identify();

        // then
        assertThat(second.repositoryName()).isEqualTo("长治市图书馆书目数据库");
        assertThat(second.granularity()).isEqualTo(Granularity.SECOND);
        assertThat(second.earliestDatestamp()).contains(Instant.parse("2001-01-01T00:00:00Z"));
        assertThat(second.deletedRecord()).isEqualTo("persistent");
        assertThat(second.baseUrl()).isEqualTo(URI.create("http://opac.czlib.example.cn/oai"));
        assertThat(day.granularity()).isEqualTo(Granularity.DAY);
        assertThat(day.earliestDatestamp()).contains(Instant.parse("2001-01-01T00:00:00Z"));
    }

    @Test
    void readsErrorCodeAndMessage() {
        // given / when
        OaiResponse response = marc.parse(new ByteArrayInputStream(scenario("error-unknown-code.xml")), URL);

        // then
        assertThat(response).isEqualTo(new OaiResponse.Errors(java.util.List.of(new OaiError("internalTrouble", "数据库连接失败"))));
    }

    @Test
    void truncatedPageFailsNamingSourceUrlAndPosition() {
        // given / when / then
        assertThatThrownBy(() -> marc.parse(new ByteArrayInputStream(scenario("list-records-truncated.xml")), URL))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("changzhi-city")
                .hasMessageContaining(URL.toString())
                .hasMessageContaining("not well-formed XML")
                .hasMessageMatching("(?s).*\\[row,col\\]:\\[\\d+,\\d+\\].*");
    }

    @Test
    void documentThatIsNotOaiPmhIsRejected() {
        // given a bare MARC record
        byte[] bare = "<record xmlns=\"http://www.loc.gov/MARC21/slim\"><leader>x</leader></record>".getBytes(UTF_8);

        // when / then
        assertThatThrownBy(() -> marc.parse(new ByteArrayInputStream(bare), URL))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not an OAI-PMH response")
                .hasMessageContaining("{" + MARC_NS + "}record");
    }

    @Test
    void externalEntityIsNeverExpandedFromALocalFile() throws Exception {
        // given a page whose title references an entity bound to /etc/passwd
        Optional<String> passwd = readPasswd();

        // when / then the page fails as malformed, and no part of the file leaks into the message
        assertThatThrownBy(() -> dc.parse(new ByteArrayInputStream(scenario("list-records-xxe-entity.xml")), URL))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("xxe")
                .satisfies(e -> passwd.ifPresent(p -> assertThat(e.getMessage()).doesNotContain(p)));
    }

    @Test
    void externalDtdIsIgnoredAndRecordsCarryNoLocalFileContent() {
        // given a page whose DOCTYPE names /etc/passwd as DTD and parameter entity
        Optional<String> passwd = readPasswd();

        // when
        OaiPage page = page(dc, "list-records-xxe-external-dtd.xml");

        // then
        assertThat(page.records()).hasSize(1);
        String payload = new String(page.records().get(0).payload(), UTF_8);
        assertThat(parseAlone(page.records().get(0).payload()).text()).contains("壶关县志");
        passwd.ifPresent(p -> assertThat(payload).doesNotContain(p));
        assertThat(payload).doesNotContain("root:");
    }

    /** The first line of /etc/passwd, the content an XXE attack would steal, if this machine has one. */
    private static Optional<String> readPasswd() {
        try {
            Path passwd = Path.of("/etc/passwd");
            return Files.isReadable(passwd) ? Files.readAllLines(passwd).stream().findFirst() : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
