package org.shangdang.connectors.oaipmh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.shangdang.connectors.oaipmh.OaiFixtures.scenario;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/** The harvester against WireMock serving the scenario files in {@code oaipmh/}. */
class OaiPmhHarvesterTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5));

    private static WireMockServer server;
    private static HttpClient http;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @AfterEach
    void resetServer() {
        server.resetAll();
    }

    private static OaiPmhSource marcSource() {
        return OaiPmhSource.of("changzhi-city", URI.create(server.baseUrl() + "/oai"), "marcxml", Optional.empty());
    }

    private static OaiPmhSource dcSource() {
        return OaiPmhSource.of("changzhi-dlib", URI.create(server.baseUrl() + "/oai"), "oai_dc", Optional.of("opera"));
    }

    private static ResponseDefinitionBuilder xml(String scenario) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(scenario(scenario));
    }

    private static MappingBuilder verb(String verb) {
        return get(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo(verb));
    }

    private static MappingBuilder firstListRecords() {
        return verb("ListRecords").withQueryParam("resumptionToken", absent());
    }

    private static List<RawRecord> drain(OaiPmhHarvester harvester) {
        List<RawRecord> records = new ArrayList<>();
        harvester.forEachRemaining(page -> records.addAll(page.records()));
        return records;
    }

    @Test
    void harvestsAllPagesInOrderFollowingUrlEncodedTokens() {
        // given three pages chained by a path-like and a base64 token
        server.stubFor(firstListRecords().withQueryParam("metadataPrefix", equalTo("marcxml"))
                .willReturn(xml("list-records-page-1-of-3.xml")));
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("0/200/733/marcxml/null/2024-03-01/null"))
                .willReturn(xml("list-records-page-2-of-3.xml")));
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("eyJtIjoibWFyY3htbCIsIm4iOjR9+/Q=="))
                .willReturn(xml("list-records-page-3-of-3.xml")));

        // when
        List<OaiPage> pages = new ArrayList<>();
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            harvester.forEachRemaining(pages::add);

            // then
            assertThat(harvester.hasNext()).isFalse();
            assertThatThrownBy(harvester::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.records().stream()).map(RawRecord::recordId))
                .containsExactly("oai:czlib.example.cn:b0001", "oai:czlib.example.cn:b0002", "oai:czlib.example.cn:b0003",
                        "oai:czlib.example.cn:b0004", "oai:czlib.example.cn:b0005");
        assertThat(pages).extracting(OaiPage::resumptionToken).containsExactly(
                Optional.of("0/200/733/marcxml/null/2024-03-01/null"), Optional.of("eyJtIjoibWFyY3htbCIsIm4iOjR9+/Q=="),
                Optional.empty());
        assertThat(pages.get(2).requestUrl().getRawQuery())
                .isEqualTo("verb=ListRecords&resumptionToken=eyJtIjoibWFyY3htbCIsIm4iOjR9%2B%2FQ%3D%3D");
        server.verify(getRequestedFor(urlEqualTo("/oai?verb=ListRecords&metadataPrefix=marcxml")));
        server.verify(getRequestedFor(urlEqualTo(
                "/oai?verb=ListRecords&resumptionToken=0%2F200%2F733%2Fmarcxml%2Fnull%2F2024-03-01%2Fnull")));
        server.verify(0, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("Identify")));
    }

    @Test
    void deletedRecordComesWithDeletedStatusAndEmptyPayloadAndTheSetIsSent() {
        // given an oai_dc page with one deleted record and no token
        server.stubFor(firstListRecords().withQueryParam("metadataPrefix", equalTo("oai_dc"))
                .withQueryParam("set", equalTo("opera")).willReturn(xml("list-records-with-deleted.xml")));

        // when
        List<RawRecord> records;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(), HarvestStart.full(), FAST, http)) {
            records = drain(harvester);
        }

        // then
        assertThat(records).extracting(RawRecord::status)
                .containsExactly(RecordStatus.PRESENT, RecordStatus.DELETED, RecordStatus.PRESENT);
        assertThat(records.get(1).payload()).isEmpty();
        assertThat(records.get(1).isDeleted()).isTrue();
        assertThat(records).extracting(RawRecord::format).containsOnly(RecordFormat.OAI_DC);
        assertThat(OaiFixtures.parseAlone(records.get(2).payload()).text()).contains("潞安鼓书《石头记》选段");
    }

    @Test
    void noRecordsMatchIsAnEmptyHarvestNotAFailure() {
        // given a repository with nothing changed since the checkpoint
        server.stubFor(verb("Identify").willReturn(xml("identify-second-granularity.xml")));
        server.stubFor(firstListRecords().willReturn(xml("error-no-records-match.xml")));

        // when
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(),
                HarvestStart.from(Instant.parse("2024-03-05T00:00:00Z")), FAST, http)) {

            // then
            assertThat(harvester.hasNext()).isFalse();
            assertThat(harvester.restartedAfterBadToken()).isFalse();
        }
        server.verify(1, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam("verb", equalTo("ListRecords")));
    }

    @ParameterizedTest
    @CsvSource({
            "error-bad-argument.xml, badArgument, Illegal argument: from=2024-13-01",
            "error-cannot-disseminate-format.xml, cannotDisseminateFormat, metadataPrefix cnmarc is not supported",
            "error-id-does-not-exist.xml, idDoesNotExist, oai:czlib.example.cn:b9999 is unknown",
            "error-no-set-hierarchy.xml, noSetHierarchy, This repository does not support sets",
            "error-bad-verb.xml, badVerb, Illegal verb ListRecord",
            "error-unknown-code.xml, internalTrouble, 数据库连接失败",
            "error-bad-resumption-token.xml, badResumptionToken, has expired",
    })
    void otherOaiErrorsFailTheHarvestNamingSourceUrlCodeAndMessage(String scenario, String code, String message) {
        // given a fresh list (so even badResumptionToken has no token to blame)
        server.stubFor(firstListRecords().willReturn(xml(scenario)));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            assertThatThrownBy(harvester::hasNext)
                    .isExactlyInstanceOf(OaiPmhException.class)
                    .hasMessageContaining("changzhi-city")
                    .hasMessageContaining(server.baseUrl() + "/oai?verb=ListRecords&metadataPrefix=marcxml")
                    .hasMessageContaining(code)
                    .hasMessageContaining(message)
                    .satisfies(e -> assertThat(((OaiPmhException) e).oaiErrorCode()).contains(code));
        }
        // an OAI error is an answer, not a transient failure: no retry
        server.verify(1, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void badResumptionTokenRestartsTheListFromTheCheckpoint() {
        // given a saved token the repository has forgotten, and a checkpoint datestamp
        server.stubFor(verb("Identify").willReturn(xml("identify-second-granularity.xml")));
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("1!53691!saved"))
                .willReturn(xml("error-bad-resumption-token.xml")));
        server.stubFor(firstListRecords().withQueryParam("from", equalTo("2024-03-01T08:30:15Z"))
                .willReturn(xml("list-records-since-checkpoint.xml")));

        // when
        List<RawRecord> records;
        boolean restarted;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(),
                HarvestStart.resume("1!53691!saved", Optional.of(Instant.parse("2024-03-01T08:30:15Z"))), FAST, http)) {
            records = drain(harvester);
            restarted = harvester.restartedAfterBadToken();
        }

        // then
        assertThat(restarted).isTrue();
        assertThat(records).extracting(RawRecord::recordId)
                .containsExactly("oai:czlib.example.cn:b0003", "oai:czlib.example.cn:b0004");
        server.verify(getRequestedFor(urlEqualTo("/oai?verb=ListRecords&resumptionToken=1%2153691%21saved")));
        server.verify(getRequestedFor(urlEqualTo("/oai?verb=ListRecords&metadataPrefix=marcxml&from=2024-03-01T08%3A30%3A15Z")));
    }

    @Test
    void badResumptionTokenWithoutCheckpointRestartsAFullHarvestAndARepositoryRejectingEveryTokenFails() {
        // given a token that is rejected, and a fresh list whose own token is rejected every time
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("saved"))
                .willReturn(xml("error-bad-resumption-token.xml")));
        server.stubFor(firstListRecords().withQueryParam("from", absent()).willReturn(xml("list-records-page-1-of-3.xml")));
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("0/200/733/marcxml/null/2024-03-01/null"))
                .willReturn(xml("error-bad-resumption-token.xml")));

        // when
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(),
                HarvestStart.resume("saved", Optional.empty()), FAST, http)) {
            OaiPage restartedPage = harvester.next();

            // then the full list restarted, and after the last restart the next rejection stops the harvest
            assertThat(harvester.restartedAfterBadToken()).isTrue();
            assertThat(restartedPage.records()).hasSize(2);
            for (int restart = 2; restart <= OaiPmhHarvester.MAX_LIST_RESTARTS; restart++) {
                assertThat(harvester.next().records()).as("page 1 after restart %d", restart).hasSize(2);
            }
            assertThatThrownBy(harvester::hasNext).isInstanceOf(OaiPmhException.class)
                    .hasMessageContaining("badResumptionToken");
        }
        // the saved token, and the fresh list's token after each restart
        server.verify(1 + OaiPmhHarvester.MAX_LIST_RESTARTS, getRequestedFor(urlPathEqualTo("/oai")).withQueryParam(
                "resumptionToken", matching(".+")));
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 429})
    void busyRepositoryIsRetriedAfterTheRetryAfterSeconds(int status) {
        // given a repository that asks to come back in one second, then answers
        server.stubFor(firstListRecords().inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(status).withHeader("Retry-After", "1")).willSetStateTo("ready"));
        server.stubFor(firstListRecords().inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(xml("list-records-with-deleted.xml")));

        // when
        long started = System.nanoTime();
        List<RawRecord> records;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(), HarvestStart.full(), FAST, http)) {
            records = drain(harvester);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(records).hasSize(3);
        server.verify(2, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void retryAfterIsCappedByThePolicy() {
        // given a repository asking for an hour's pause
        server.stubFor(firstListRecords().inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")).willSetStateTo("ready"));
        server.stubFor(firstListRecords().inScenario("slow").whenScenarioStateIs("ready")
                .willReturn(xml("list-records-with-deleted.xml")));
        RetryPolicy impatient = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100));

        // when
        long started = System.nanoTime();
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(), HarvestStart.full(), impatient, http)) {
            assertThat(drain(harvester)).hasSize(3);
        }

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void brokenConnectionIsRetried(Fault fault) {
        // given a first attempt that breaks off, and a second that succeeds
        server.stubFor(firstListRecords().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(fault)).willSetStateTo("recovered"));
        server.stubFor(firstListRecords().inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(xml("list-records-page-3-of-3.xml")));

        // when
        List<RawRecord> records;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            records = drain(harvester);
        }

        // then
        assertThat(records).extracting(RawRecord::recordId).containsExactly("oai:czlib.example.cn:b0005");
        server.verify(2, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void timedOutRequestIsRetried() {
        // given a first answer slower than the request timeout
        server.stubFor(firstListRecords().inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xml("list-records-page-3-of-3.xml").withFixedDelay(2000)).willSetStateTo("fast"));
        server.stubFor(firstListRecords().inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(xml("list-records-page-3-of-3.xml")));

        // when
        List<RawRecord> records;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http,
                Duration.ofMillis(300))) {
            records = drain(harvester);
        }

        // then
        assertThat(records).hasSize(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void bodyThatStallsAfterTheHeadersIsCutOffAndRetried() {
        // given a first answer whose headers come at once but whose body trickles in over 20 s
        server.stubFor(firstListRecords().inScenario("stall").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xml("list-records-page-3-of-3.xml").withChunkedDribbleDelay(4, 20_000))
                .willSetStateTo("fast"));
        server.stubFor(firstListRecords().inScenario("stall").whenScenarioStateIs("fast")
                .willReturn(xml("list-records-page-3-of-3.xml")));

        // when the request timeout is 300 ms, so the whole page may take 600 ms
        long started = System.nanoTime();
        List<RawRecord> records;
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http,
                Duration.ofMillis(300))) {
            records = drain(harvester);
        }

        // then the stalled answer was abandoned long before it ended, and the retry read the page
        assertThat(records).hasSize(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/oai")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        // given
        server.stubFor(firstListRecords().inScenario("500").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        server.stubFor(firstListRecords().inScenario("500").whenScenarioStateIs("ok")
                .willReturn(xml("list-records-page-3-of-3.xml")));

        // when
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            // then
            assertThat(drain(harvester)).hasSize(1);
        }
    }

    @Test
    void truncatedPageFailsAfterAllAttemptsWithUrlAndReason() {
        // given a repository that always cuts the page off mid-record
        server.stubFor(firstListRecords().willReturn(xml("list-records-truncated.xml")));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            assertThatThrownBy(harvester::next)
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("changzhi-city")
                    .hasMessageContaining(server.baseUrl() + "/oai?verb=ListRecords&metadataPrefix=marcxml")
                    .hasMessageContaining("after 3 attempt(s)")
                    .hasMessageContaining("not well-formed XML")
                    .hasMessageMatching("(?s).*\\[row,col\\]:\\[\\d+,\\d+\\].*");
        }
        server.verify(3, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void persistentServerErrorFailsAfterAllAttempts() {
        // given
        server.stubFor(firstListRecords().willReturn(aResponse().withStatus(502)));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            assertThatThrownBy(harvester::hasNext)
                    .isExactlyInstanceOf(OaiPmhException.class)
                    .hasMessageContaining("HTTP 502")
                    .hasMessageContaining("after 3 attempt(s)");
        }
        server.verify(3, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void clientErrorFailsAtOnce() {
        // given a base URL that does not exist
        server.stubFor(firstListRecords().willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            assertThatThrownBy(harvester::hasNext)
                    .isExactlyInstanceOf(OaiPmhException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("changzhi-city");
        }
        server.verify(1, getRequestedFor(urlPathEqualTo("/oai")));
    }

    @Test
    void oaiErrorSentWithAClientErrorStatusIsStillReadAsAnOaiError() {
        // given a repository that answers noRecordsMatch with HTTP 404, as some do
        server.stubFor(firstListRecords().willReturn(xml("error-no-records-match.xml").withStatus(404)));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            assertThat(harvester.hasNext()).isFalse();
        }
    }

    @Test
    void repositoryRepeatingTheSameTokenIsStoppedInsteadOfLoopingForEver() {
        // given page 1's token answered by page 1 again
        server.stubFor(firstListRecords().willReturn(xml("list-records-page-1-of-3.xml")));
        server.stubFor(verb("ListRecords").withQueryParam("resumptionToken", equalTo("0/200/733/marcxml/null/2024-03-01/null"))
                .willReturn(xml("list-records-page-1-of-3.xml")));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http)) {
            harvester.next();
            assertThatThrownBy(harvester::next).isInstanceOf(OaiPmhException.class)
                    .hasMessageContaining("same token again");
        }
    }

    @Test
    void externalEntityPageFailsWithoutReadingTheLocalFile() {
        // given a hostile repository whose page references file:///etc/passwd
        server.stubFor(firstListRecords().willReturn(xml("list-records-xxe-entity.xml")));

        // when / then
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(), HarvestStart.full(), FAST, http)) {
            assertThatThrownBy(harvester::hasNext)
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining("\"xxe\" was referenced, but not declared")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:x:0:0"));
        }
    }

    @Test
    void fromIsSentAtSecondGranularityAndIdentifyIsAskedOnce() {
        // given
        server.stubFor(verb("Identify").willReturn(xml("identify-second-granularity.xml")));
        server.stubFor(firstListRecords().willReturn(xml("list-records-with-deleted.xml")));
        HarvestStart window = new HarvestStart(Optional.empty(), Optional.of(Instant.parse("2024-05-08T07:45:30.250Z")),
                Optional.of(Instant.parse("2024-05-09T23:00:00Z")));

        // when
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(), window, FAST, http)) {
            drain(harvester);
            assertThat(harvester.identify().granularity()).isEqualTo(Granularity.SECOND);
        }

        // then
        server.verify(getRequestedFor(urlEqualTo("/oai?verb=ListRecords&metadataPrefix=oai_dc"
                + "&from=2024-05-08T07%3A45%3A30Z&until=2024-05-09T23%3A00%3A00Z&set=opera")));
        server.verify(1, getRequestedFor(urlEqualTo("/oai?verb=Identify")));
    }

    @Test
    void fromIsSentAsADateAtDayGranularity() {
        // given
        server.stubFor(verb("Identify").willReturn(xml("identify-day-granularity.xml")));
        server.stubFor(firstListRecords().willReturn(xml("list-records-with-deleted.xml")));

        // when
        try (OaiPmhHarvester harvester = OaiPmhHarvester.open(dcSource(),
                HarvestStart.from(Instant.parse("2024-05-08T07:45:30Z")), FAST, http)) {
            assertThat(drain(harvester)).hasSize(3);
        }

        // then
        server.verify(getRequestedFor(urlEqualTo("/oai?verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-08&set=opera")));
    }

    @Test
    void closedHarvesterHasNoMorePages() {
        // given
        server.stubFor(firstListRecords().willReturn(xml("list-records-page-1-of-3.xml")));
        OaiPmhHarvester harvester = OaiPmhHarvester.open(marcSource(), HarvestStart.full(), FAST, http);
        harvester.next();

        // when
        harvester.close();
        harvester.close();

        // then
        assertThat(harvester.hasNext()).isFalse();
        server.verify(1, getRequestedFor(urlPathEqualTo("/oai")));
    }
}
