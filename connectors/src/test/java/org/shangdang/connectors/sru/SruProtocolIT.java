package org.shangdang.connectors.sru;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;

/** SRU 2.0, surrogate diagnostics, string packing and transport failures, against WireMock. */
class SruProtocolIT {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));
    private static final String SRU2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    private static final String MARC21_RECORD = """
            <record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000cam a2200000 a 4500</leader>
              <controlfield tag="001">qx-%s</controlfield>
              <datafield tag="245" ind1="1" ind2="0"><subfield code="a">%s</subfield></datafield>
              <datafield tag="852" ind1=" " ind2=" "><subfield code="a">沁县图书馆</subfield><subfield code="b">悦读长治·沁县宾馆书吧</subfield>
                <subfield code="h">K294.25</subfield><subfield code="p">1404300000%s</subfield></datafield>
            </record>""";

    private static WireMockServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void reset() {
        server.resetAll();
    }

    private SruSearch search(SruVersion version, String schema, RecordFormat format) {
        SruSource source = new SruSource("qinxian-county", URI.create(server.baseUrl() + "/sru"), version, schema, format);
        return SruSearch.open(source, new SruQuery("cql.allRecords = 1", 1, 2), FAST, http);
    }

    private static String sru2(String records, String next) {
        return "<sruResponse:searchRetrieveResponse xmlns:sruResponse=\"" + SRU2 + "\">"
                + "<sruResponse:version>2.0</sruResponse:version><sruResponse:numberOfRecords>3</sruResponse:numberOfRecords>"
                + "<sruResponse:records>" + records + "</sruResponse:records>" + next + "</sruResponse:searchRetrieveResponse>";
    }

    private static String sru2Record(int position, String data) {
        return "<sruResponse:record><sruResponse:recordSchema>info:srw/schema/1/marcxml-v1.1</sruResponse:recordSchema>"
                + "<sruResponse:recordXMLEscaping>xml</sruResponse:recordXMLEscaping><sruResponse:recordData>" + data
                + "</sruResponse:recordData><sruResponse:recordPosition>" + position + "</sruResponse:recordPosition></sruResponse:record>";
    }

    @Test
    void readsSru2PagesWithMarc21HoldingsAndAsksForXmlEscaping() throws Exception {
        // given two SRU 2.0 pages of MARC 21 records with 852 holdings
        server.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("startRecord", equalTo("1"))
                .withQueryParam("recordXMLEscaping", equalTo("xml")).withQueryParam("version", equalTo("2.0"))
                .willReturn(aResponse().withBody(sru2(sru2Record(1, MARC21_RECORD.formatted("1", "沁州三弦书", "01"))
                        + sru2Record(2, MARC21_RECORD.formatted("2", "沁县志", "02")),
                        "<sruResponse:nextRecordPosition>3</sruResponse:nextRecordPosition>"))));
        server.stubFor(get(urlPathEqualTo("/sru")).withQueryParam("startRecord", equalTo("3"))
                .willReturn(aResponse().withBody(sru2(sru2Record(3, MARC21_RECORD.formatted("3", "太岳烽火", "03")), ""))));
        // when
        List<SruPage> pages;
        try (SruSearch search = search(SruVersion.V2_0, "info:srw/schema/1/marcxml-v1.1", RecordFormat.MARCXML)) {
            pages = new java.util.ArrayList<>();
            search.forEachRemaining(pages::add);
        }
        // then
        assertThat(pages).hasSize(2).allSatisfy(p -> assertThat(p.version()).isEqualTo(SruVersion.V2_0));
        List<RawRecord> records = pages.stream().flatMap(p -> p.records().stream()).toList();
        assertThat(records).extracting(RawRecord::recordId).containsExactly("qx-1", "qx-2", "qx-3");
        CanonicalRecord first = Crosswalks.standard().map(records.get(0),
                new SourceInfo("qinxian-county", "沁县图书馆 SRU", "沁县图书馆", Optional.of("沁县")));
        assertThat(first.title()).isEqualTo("沁州三弦书");
        assertThat(first.holdings()).singleElement().satisfies(h -> {
            assertThat(h.location()).contains("悦读长治·沁县宾馆书吧");
            assertThat(h.barcode()).contains("140430000001");
        });
    }

    @Test
    void surrogateDiagnosticsAndStringPackedRecordsAreReportedNotDropped() {
        // given a 1.2 page: one record packed as an escaped string, one surrogate diagnostic, one bad string
        String escaped = MARC21_RECORD.formatted("9", "沁源秧歌", "09").replace("&", "&amp;").replace("<", "&lt;");
        String body = "<searchRetrieveResponse xmlns=\"http://www.loc.gov/zing/srw/\"><version>1.2</version>"
                + "<numberOfRecords>3</numberOfRecords><records>"
                + "<record><recordSchema>marcxml</recordSchema><recordPacking>string</recordPacking><recordData>" + escaped
                + "</recordData><recordPosition>1</recordPosition></record>"
                + "<record><recordSchema>info:srw/schema/1/diagnostics-v1.1</recordSchema><recordPacking>xml</recordPacking><recordData>"
                + "<diagnostic xmlns=\"http://www.loc.gov/zing/srw/diagnostic/\"><uri>info:srw/diagnostic/1/64</uri>"
                + "<message>Record temporarily unavailable</message></diagnostic></recordData><recordPosition>2</recordPosition></record>"
                + "<record><recordSchema>marcxml</recordSchema><recordPacking>string</recordPacking><recordData>&lt;record&gt;&lt;oops"
                + "</recordData><recordPosition>3</recordPosition></record>"
                + "</records></searchRetrieveResponse>";
        server.stubFor(get(urlPathEqualTo("/sru")).willReturn(aResponse().withBody(body)));
        // when
        SruPage page;
        try (SruSearch search = search(SruVersion.V1_2, "marcxml", RecordFormat.MARCXML)) {
            page = search.next();
            assertThat(search.hasNext()).isFalse();
        }
        // then
        assertThat(page.records()).extracting(RawRecord::recordId).containsExactly("qx-9");
        assertThat(page.skipped()).hasSize(2);
        assertThat(page.skipped().get(0).position()).isEqualTo(2);
        assertThat(page.skipped().get(0).diagnostic()).map(SruDiagnostic::uri).contains("info:srw/diagnostic/1/64");
        assertThat(page.skipped().get(1).reason()).contains("not well-formed");
    }

    @Test
    void retriesServiceUnavailableThenReadsThePage() {
        // given one 503, then a good last page
        server.stubFor(get(urlPathEqualTo("/sru")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("up"));
        server.stubFor(get(urlPathEqualTo("/sru")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withBody(sru2(sru2Record(1, MARC21_RECORD.formatted("1", "沁州三弦书", "01")), ""))));
        // when / then
        try (SruSearch search = search(SruVersion.V2_0, "marcxml", RecordFormat.MARCXML)) {
            assertThat(search.next().records()).hasSize(1);
        }
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aNextRecordPositionThatDoesNotAdvanceFailsInsteadOfLooping() {
        server.stubFor(get(urlPathEqualTo("/sru")).willReturn(aResponse().withBody(sru2(
                sru2Record(1, MARC21_RECORD.formatted("1", "沁州三弦书", "01")), "<sruResponse:nextRecordPosition>1</sruResponse:nextRecordPosition>"))));
        try (SruSearch search = search(SruVersion.V2_0, "marcxml", RecordFormat.MARCXML)) {
            assertThatThrownBy(search::next).isInstanceOf(SruException.class).hasMessageContaining("would loop");
        }
    }

    @Test
    void anHtmlErrorPageIsRetriedThenReportedAsSetupFailure() {
        server.stubFor(get(urlPathEqualTo("/sru")).willReturn(aResponse().withStatus(500).withBody("<html>Tomcat error</html>")));
        try (SruSearch search = search(SruVersion.V1_2, "marcxml", RecordFormat.MARCXML)) {
            assertThatThrownBy(search::hasNext).isInstanceOf(SruException.class)
                    .hasMessageContaining("qinxian-county").hasMessageContaining("HTTP 500").hasMessageContaining("3 attempt");
        }
    }

    @Test
    void aDoctypeWithAnExternalEntityIsRefusedAndNeverFetched() {
        server.stubFor(get(urlPathEqualTo("/secret")).willReturn(aResponse().withBody("TOP SECRET")));
        String body = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + server.baseUrl() + "/secret\">]>"
                + "<searchRetrieveResponse xmlns=\"http://www.loc.gov/zing/srw/\"><numberOfRecords>&x;</numberOfRecords></searchRetrieveResponse>";
        server.stubFor(get(urlPathEqualTo("/sru")).willReturn(aResponse().withBody(body)));
        try (SruSearch search = search(SruVersion.V1_2, "marcxml", RecordFormat.MARCXML)) {
            assertThatThrownBy(search::next).isInstanceOf(MalformedSruResponseException.class);
        }
        assertThat(server.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().startsWith("/secret"));
    }
}
