package org.shangdang.api.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.iso2709.Iso2709Reader;
import org.shangdang.connectors.iso2709.MarcFileEntry;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.SourceInfo;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The circuit breaker and reject retries through the staff API, over real HTTP: an OAI-PMH source whose server
 * answers HTTP 500 until it "recovers", an SRU source (WireMock) whose page holds a good record, one the crosswalk
 * rejects until it is "fixed", a surrogate diagnostic and a record without identifier, and a file drop with one good
 * and one damaged ISO 2709 record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CircuitBreakerAndRejectRetryApiIT {

    private static final String FAILING = "failing-oai";
    private static final String SRU = "working-sru";
    private static final String DROP = "county-drop";
    private static final String FIXTURE = "fixtures/iso2709/cnmarc-gbk-bnu-10-records.iso";
    private static final AtomicBoolean CROSSWALK_BROKEN = new AtomicBoolean(true);

    private static WireMockServer server;
    private static Path inbox;

    @Autowired
    RecordStore store;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/bad/oai")).willReturn(aResponse().withStatus(500).withBody("down")));
        server.stubFor(get(urlPathEqualTo("/sru")).willReturn(xml(sruPage())));
        Path dataDir = Files.createTempDirectory("shangdang-breaker");
        inbox = Files.createDirectories(dataDir.resolve("inbox"));
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.retry.max-attempts", () -> "2");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.harvest.retry.max-delay", () -> "20ms");
        registry.add("shangdang.harvest.circuit-breaker.failure-threshold", () -> "2");
        registry.add("shangdang.harvest.circuit-breaker.cool-down", () -> "4s");
        registry.add("shangdang.sources[0].id", () -> FAILING);
        registry.add("shangdang.sources[0].library", () -> "某县图书馆");
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> server.baseUrl() + "/bad/oai");
        registry.add("shangdang.sources[1].id", () -> SRU);
        registry.add("shangdang.sources[1].library", () -> "武乡县图书馆");
        registry.add("shangdang.sources[1].protocol", () -> "sru");
        registry.add("shangdang.sources[1].sru.base-url", () -> server.baseUrl() + "/sru");
        registry.add("shangdang.sources[1].sru.record-schema", () -> "dc");
        registry.add("shangdang.sources[2].id", () -> DROP);
        registry.add("shangdang.sources[2].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[2].protocol", () -> "filedrop");
        registry.add("shangdang.sources[2].filedrop.inbox", inbox::toString);
        registry.add("shangdang.sources[2].filedrop.quiet-period", () -> "0s");
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    /** The Dublin Core crosswalk refuses record s-2 until the test "fixes" it, as a crosswalk release would. */
    @TestConfiguration
    static class BrokenCrosswalk {
        @Bean
        Crosswalks crosswalks() {
            Crosswalks standard = Crosswalks.standard();
            Crosswalk dc = standard.forFormat(RecordFormat.OAI_DC);
            return Crosswalks.of(standard.forFormat(RecordFormat.MARCXML), new Crosswalk() {
                @Override
                public RecordFormat format() {
                    return RecordFormat.OAI_DC;
                }

                @Override
                public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
                    if (CROSSWALK_BROKEN.get() && raw.recordId().equals("s-2")) {
                        throw new RecordRejectedException(raw.canonicalId() + ": dc:date '民国三十年' is not a year");
                    }
                    return dc.map(raw, source);
                }
            });
        }
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    @Order(1)
    void aSourceThatKeepsFailingIsReportedBrokenAndRefusedWhileTheOthersHarvest() throws Exception {
        // given the failing source harvested twice (each job fails once its retries of HTTP 500 are exhausted)
        assertThat(endOfJob(started(api().staffPost("/api/admin/sources/" + FAILING + "/harvest")))).isEqualTo("failed");
        assertThat(endOfJob(started(api().staffPost("/api/admin/sources/" + SRU + "/harvest")))).isEqualTo("completed");
        assertThat(endOfJob(started(api().staffPost("/api/admin/sources/" + FAILING + "/harvest")))).isEqualTo("failed");

        // then it is shown broken, with the reason and until when; the other source is fine
        JsonNode failing = settled(FAILING);
        assertThat(failing.get("health").asString()).isEqualTo("broken");
        JsonNode circuit = failing.get("circuit");
        assertThat(circuit.get("state").asString()).isEqualTo("open");
        assertThat(circuit.get("consecutive_failures").asInt()).isEqualTo(2);
        assertThat(circuit.get("reason").asString()).contains("2 consecutive failed harvests", "HTTP 500");
        Instant until = Instant.parse(circuit.get("open_until").asString());
        assertThat(until).isAfter(Instant.now());
        JsonNode sru = settled(SRU);
        assertThat(sru.get("health").asString()).isEqualTo("ok");
        assertThat(sru.get("circuit").get("state").asString()).isEqualTo("closed");

        // and in the metrics
        String metrics = api().staffGet("/actuator/prometheus").body();
        assertThat(metric(metrics, "shangdang_harvest_circuit_open", FAILING)).isEqualTo(1.0);
        assertThat(metric(metrics, "shangdang_harvest_circuit_open", SRU)).isEqualTo(0.0);
        assertThat(metric(metrics, "shangdang_harvest_circuit_failures", FAILING)).isEqualTo(2.0);
        assertThat(metric(metrics, "shangdang_harvest_circuit_open_until_seconds", FAILING))
                .isCloseTo(until.toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(metric(metrics, "shangdang_harvest_circuit_open_until_seconds", SRU)).isNaN();

        // when staff start it by hand, and start all sources
        HttpResponse<String> refused = api().staffPost("/api/admin/sources/" + FAILING + "/harvest");
        JsonNode all = ApiClient.json(api().staffPost("/api/admin/harvest"));

        // then the manual start is refused 409 with what, why and until when; "all" skips it and starts the others
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ApiClient.errorCode(refused)).isEqualTo("circuit_open");
        assertThat(ApiClient.json(refused).get("error").get("message").asString())
                .contains("source '" + FAILING + "' is circuit-broken until", "HTTP 500", "force=true");
        assertThat(all.get("skipped").valueStream().map(s -> s.get("source").asString())).containsExactly(FAILING);
        List<Long> others = all.get("jobs").valueStream().map(j -> j.get("id").asLong()).toList();
        assertThat(all.get("jobs").valueStream().map(j -> j.get("source").asString()))
                .containsExactlyInAnyOrder(SRU, DROP);
        for (long id : others) {
            assertThat(endOfJob(id)).isEqualTo("completed");
        }

        // when forced while the server is still down, the job runs, fails and the circuit opens again
        assertThat(endOfJob(started(api().staffPost("/api/admin/sources/" + FAILING + "/harvest?force=true"))))
                .isEqualTo("failed");
        JsonNode reopened = settled(FAILING).get("circuit");
        assertThat(reopened.get("state").asString()).isEqualTo("open");
        assertThat(reopened.get("consecutive_failures").asInt()).isEqualTo(3);
        Instant reopenedUntil = Instant.parse(reopened.get("open_until").asString());
        assertThat(reopenedUntil).isAfter(until);

        // when the server recovers and the cool-down is over
        server.stubFor(get(urlPathEqualTo("/bad/oai")).willReturn(xml(oaiPage())));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), reopenedUntil).toMillis() + 200));
        assertThat(ok(api().staffGet("/api/admin/sources/" + FAILING)).get("circuit").get("state").asString())
                .isEqualTo("half_open");

        // then an unforced harvest is let through as the trial, completes, and closes the circuit
        assertThat(endOfJob(started(api().staffPost("/api/admin/sources/" + FAILING + "/harvest")))).isEqualTo("completed");
        JsonNode closed = settled(FAILING);
        assertThat(closed.get("health").asString()).isEqualTo("ok");
        assertThat(closed.get("circuit").get("state").asString()).isEqualTo("closed");
        assertThat(closed.get("circuit").get("consecutive_failures").asInt()).isZero();
        assertThat(metric(api().staffGet("/actuator/prometheus").body(), "shangdang_harvest_circuit_open", FAILING))
                .isEqualTo(0.0);
    }

    @Test
    @Order(2)
    void sruRejectsKeepTheirXmlAndRetryIndexesTheFixedOneAndSaysWhyTheOthersCannotBeRetried() throws Exception {
        // given an SRU harvest with a crosswalk reject, a surrogate diagnostic and a record without identifier
        long job = started(api().staffPost("/api/admin/sources/" + SRU + "/harvest?mode=full"));
        assertThat(endOfJob(job)).isEqualTo("completed");
        JsonNode rejects = ok(api().staffGet("/api/admin/jobs/" + job + "/rejects")).get("items");
        assertThat(rejects.valueStream().map(r -> r.get("record_id").asString()))
                .containsExactlyInAnyOrder("s-2", "sru@3", "sru@4");
        // the record without identifier keeps the XML the server sent; the diagnostic has none to keep
        JsonNode noId = rejects.valueStream().filter(r -> r.get("record_id").asString().equals("sru@4")).findFirst()
                .orElseThrow();
        String payload = api().send(api().asStaff(noId.get("payload").asString())).body();
        assertThat(payload).contains("<dc:title>无号之书</dc:title>");
        assertThat(rejects.valueStream().filter(r -> r.get("record_id").asString().equals("sru@3")).findFirst()
                .orElseThrow().get("payload_bytes").asInt()).isZero();

        // when the crosswalk is fixed and the rejects are retried
        CROSSWALK_BROKEN.set(false);
        JsonNode result = ok(api().staffPost("/api/admin/jobs/" + job + "/rejects/retry"));

        // then the fixed record is indexed; the other two say why they cannot be retried
        assertThat(result.get("indexed").valueStream().map(JsonNode::asString)).containsExactly("s-2");
        assertThat(api().get("/api/records/" + SRU + ":s-2").statusCode()).isEqualTo(200);
        assertThat(reasonOf(result, "sru@3")).contains("cannot be retried", "sent no record", "surrogate diagnostic");
        assertThat(reasonOf(result, "sru@4")).contains("cannot be retried", "no identifier");
    }

    @Test
    @Order(3)
    void fileDropRejectsKeepTheirBytesAndRetryReadsThemAgainOrSaysTheyStillCannotBeRead() throws Exception {
        // given a dropped file with a good record and a damaged one (its leader's record length is wrong)
        List<byte[]> records = records(fixture());
        byte[] damaged = records.get(1).clone();
        System.arraycopy("99999".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, damaged, 0, 5);
        Files.write(inbox.resolve("export.iso"), concat(records.get(0), damaged));
        long job = started(api().staffPost("/api/admin/sources/" + DROP + "/harvest"));
        assertThat(endOfJob(job)).isEqualTo("completed");
        String damagedId = "export.iso@" + records.get(0).length;
        // and a reject an earlier reader left, whose bytes today's reader can read (as after a reader fix)
        String goodId = recordId(records.get(2));
        store.addReject(job, new RawRecord(DROP, "old-export.iso@0", Instant.now(), RecordFormat.MARCXML,
                records.get(2), RecordStatus.PRESENT), "old-export.iso at byte 0: cannot be decoded (older reader)");

        // then the damaged record's reject holds its bytes as in the file
        JsonNode rejects = ok(api().staffGet("/api/admin/jobs/" + job + "/rejects")).get("items");
        JsonNode damagedReject = rejects.valueStream().filter(r -> r.get("record_id").asString().equals(damagedId))
                .findFirst().orElseThrow();
        assertThat(api().sendForBytes(api().asStaff(damagedReject.get("payload").asString())).body())
                .isEqualTo(damaged);

        // when the rejects are retried
        JsonNode result = ok(api().staffPost("/api/admin/jobs/" + job + "/rejects/retry"));

        // then the readable bytes become a record, searchable and in the raw store under its 001
        assertThat(result.get("indexed").valueStream().map(JsonNode::asString)).containsExactly("old-export.iso@0");
        assertThat(api().get("/api/records/" + DROP + ":" + goodId).statusCode()).isEqualTo(200);
        assertThat(store.raw(DROP, goodId)).isPresent();
        // and the damaged one says it still cannot be read, and why
        assertThat(reasonOf(result, damagedId)).contains("cannot be retried", "still cannot be read",
                "leader record length 99999");
    }

    private static String reasonOf(JsonNode result, String recordId) {
        return result.get("still_rejected").valueStream().filter(s -> s.get("record_id").asString().equals(recordId))
                .findFirst().orElseThrow(() -> new AssertionError(recordId + " not in " + result)).get("reason")
                .asString();
    }

    private static long started(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return ApiClient.json(response).get("id").asLong();
    }

    /**
     * The source as the API shows it once its job has let go of it: a job's row reads ended a moment before the
     * application stops counting it as running.
     */
    private JsonNode settled(String sourceId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode source = ok(api().staffGet("/api/admin/sources/" + sourceId));
        while (source.get("health").asString().equals("running") && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            source = ok(api().staffGet("/api/admin/sources/" + sourceId));
        }
        return source;
    }

    /** The value of a source's gauge in a Prometheus scrape. */
    private static double metric(String scrape, String name, String source) {
        String line = scrape.lines().filter(l -> l.startsWith(name + "{") && l.contains("source=\"" + source + "\""))
                .findFirst().orElseThrow(() -> new AssertionError(name + " of " + source + " not scraped"));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private String endOfJob(long job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            String state = ok(api().staffGet("/api/admin/jobs/" + job)).get("state").asString();
            if (!state.equals("running") && !state.equals("paused")) {
                return state;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + job + " did not end within 2 minutes");
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(body);
    }

    private static String oaiPage() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
                  <responseDate>2026-01-01T00:00:00Z</responseDate><request verb="ListRecords">http://x/oai</request>
                  <ListRecords><record><header><identifier>f-1</identifier><datestamp>2026-01-01</datestamp></header>
                    <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
                        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>沁源县志</dc:title>
                      <dc:identifier>f-1</dc:identifier></oai_dc:dc></metadata></record></ListRecords>
                </OAI-PMH>
                """;
    }

    private static String sruPage() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><version>1.2</version>
                  <numberOfRecords>4</numberOfRecords><records>
                  %s%s
                  <record><recordSchema>info:srw/schema/1/diagnostics-v1.1</recordSchema><recordPacking>xml</recordPacking>
                    <recordData><diagnostic xmlns="http://www.loc.gov/zing/srw/diagnostic/">
                      <uri>info:srw/diagnostic/1/65</uri><message>Record deleted by another user</message>
                    </diagnostic></recordData><recordPosition>3</recordPosition></record>
                  %s
                </records></searchRetrieveResponse>
                """.formatted(dc(1, "<dc:identifier>s-1</dc:identifier>", "武乡县志"),
                dc(2, "<dc:identifier>s-2</dc:identifier>", "八路军总部旧址"), dc(4, "", "无号之书"));
    }

    private static String dc(int position, String identifier, String title) {
        return """
                <record><recordSchema>info:srw/schema/1/dc-v1.1</recordSchema><recordPacking>xml</recordPacking>
                  <recordData><srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema"
                      xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title>%s</srw_dc:dc></recordData>
                  <recordPosition>%d</recordPosition></record>
                """.formatted(title, identifier, position);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = Objects.requireNonNull(CircuitBreakerAndRejectRetryApiIT.class.getClassLoader()
                .getResourceAsStream(FIXTURE), FIXTURE + " is in the fixtures jar")) {
            return in.readAllBytes();
        }
    }

    /** The file's records, each up to and including its terminator (0x1D). */
    private static List<byte[]> records(byte[] file) {
        List<byte[]> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == 0x1D) {
                records.add(Arrays.copyOfRange(file, start, i + 1));
                start = i + 1;
            }
        }
        return records;
    }

    private static String recordId(byte[] record) {
        try (Iso2709Reader reader = new Iso2709Reader(DROP, "x", new ByteArrayInputStream(record), Instant.now())) {
            return ((MarcFileEntry.Accepted) reader.next()).record().recordId();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
