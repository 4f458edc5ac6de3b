package org.shangdang.api.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The staff API end to end over real HTTP against the WireMock fixture sources: 长治市图书馆 behind a proxy that
 * answers every page 400 ms late (so a job can be watched and stopped mid-list), 长子县图书馆 served directly. The
 * crosswalk of one 长治 record is "broken" until the retry test "fixes" it, as a crosswalk release would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiIT {

    private static final String CITY = FixtureScenario.CHANGZHI_CITY;
    private static final String COUNTY = FixtureScenario.ZHANGZI_COUNTY;
    /** Rejected by the broken crosswalk until it is fixed. */
    private static final String FLAKY_ID = FixtureScenario.CHANGZHI_CITY_ID_PREFIX + "cz-000050";
    private static final AtomicBoolean CROSSWALK_BROKEN = new AtomicBoolean(true);

    private static FixtureSources fixtures;
    private static WireMockServer slowProxy;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        fixtures = FixtureSources.start(0);
        slowProxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slowProxy.start();
        slowProxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(fixtures.baseUrl().toString())
                .withFixedDelay(400)));
        String dataDir = Files.createTempDirectory("shangdang-admin").toString();
        registry.add("shangdang.data-dir", () -> dataDir);
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.sources[0].id", () -> CITY);
        registry.add("shangdang.sources[0].name", () -> "长治市图书馆 OAI-PMH");
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> "http://127.0.0.1:" + slowProxy.port() + "/" + CITY + "/oai");
        registry.add("shangdang.sources[0].oaipmh.metadata-prefix", () -> "marcxml");
        registry.add("shangdang.sources[1].id", () -> COUNTY);
        registry.add("shangdang.sources[1].library", () -> "长子县图书馆");
        registry.add("shangdang.sources[1].county", () -> "长子县");
        registry.add("shangdang.sources[1].oaipmh.base-url", () -> fixtures.oaiEndpoint(COUNTY).toString());
        registry.add("shangdang.sources[1].oaipmh.metadata-prefix", () -> "oai_dc");
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    @TestConfiguration
    static class BrokenCrosswalk {
        @Bean
        Crosswalks crosswalks() {
            Crosswalks standard = Crosswalks.standard();
            Crosswalk marc = standard.forFormat(RecordFormat.MARCXML);
            return Crosswalks.of(new Crosswalk() {
                @Override
                public RecordFormat format() {
                    return RecordFormat.MARCXML;
                }

                @Override
                public CanonicalRecord map(RawRecord raw, SourceInfo source) throws RecordRejectedException {
                    if (CROSSWALK_BROKEN.get() && raw.recordId().equals(FLAKY_ID)) {
                        throw new RecordRejectedException(raw.canonicalId() + ": 210$d '二〇一二' is not a year");
                    }
                    return marc.map(raw, source);
                }
            }, standard.forFormat(RecordFormat.OAI_DC));
        }
    }

    @AfterAll
    void stopSources() {
        slowProxy.stop();
        fixtures.stop();
    }

    @LocalServerPort
    int port;

    private long fullJob;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    @Order(1)
    void beforeAnyHarvestTheSourcesAreListedAsNeverHarvested() throws Exception {
        JsonNode sources = ok(api().staffGet("/api/admin/sources"));

        assertThat(sources.size()).isEqualTo(2);
        JsonNode city = sources.get(0);
        assertThat(city.get("id").asString()).isEqualTo(CITY);
        assertThat(city.get("library").asString()).isEqualTo("长治市图书馆");
        assertThat(city.get("health").asString()).isEqualTo("never_harvested");
        assertThat(city.get("records").asLong()).isZero();
        assertThat(city.get("last_job").isNull()).isTrue();
    }

    @Test
    @Order(2)
    void aStartedHarvestAnswers202AtOnceAndShowsProgressRateAndEtaUntilItCompletes() throws Exception {
        HttpResponse<String> started = api().staffPost("/api/admin/sources/" + CITY + "/harvest?mode=full");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode job = ApiClient.json(started);
        fullJob = job.get("id").asLong();
        assertThat(job.get("state").asString()).isEqualTo("running");
        assertThat(started.headers().firstValue("Location")).contains("/api/admin/jobs/" + fullJob);

        JsonNode midway = awaitJob(fullJob, j -> j.get("pages").asInt() >= 1 || !j.get("state").asString().equals("running"));
        HttpResponse<String> again = api().staffPost("/api/admin/sources/" + CITY + "/harvest");
        JsonNode source = ok(api().staffGet("/api/admin/sources/" + CITY));

        assertThat(midway.get("state").asString()).isEqualTo("running");
        assertThat(midway.get("expected_total").asLong()).isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(midway.get("records_per_second").asDouble()).isPositive();
        assertThat(midway.get("eta_seconds").isNumber()).isTrue();
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.errorCode(again)).isEqualTo("harvest_running");
        assertThat(source.get("health").asString()).isEqualTo("running");
        assertThat(source.get("running_job").asLong()).isEqualTo(fullJob);

        JsonNode done = awaitJob(fullJob, j -> !j.get("state").asString().equals("running"));

        assertThat(done.get("state").asString()).isEqualTo("completed");
        assertThat(done.get("seen").asLong()).isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(done.get("indexed").asLong()).isEqualTo(FixtureSources.changzhiCityRecordCount() - 1);
        assertThat(done.get("rejected").asLong()).isEqualTo(2);
        assertThat(done.get("deleted").asLong()).isEqualTo(1);
        assertThat(done.get("ended_at").isString()).isTrue();
        assertThat(done.get("eta_seconds").isNull()).isTrue();
        JsonNode after = ok(api().staffGet("/api/admin/sources/" + CITY));
        assertThat(after.get("health").asString()).isEqualTo("ok");
        assertThat(after.get("records").asLong()).isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(after.get("deleted_records").asLong()).isEqualTo(1);
        assertThat(after.get("last_success_at").isString()).isTrue();
    }

    @Test
    @Order(3)
    void rejectsNameTheRecordAndReasonAndLinkTheRawPayloadAsServed() throws Exception {
        JsonNode rejects = ok(api().staffGet("/api/admin/jobs/" + fullJob + "/rejects"));

        assertThat(rejects.get("total").asLong()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        for (JsonNode reject : rejects.get("items")) {
            ids.add(reject.get("record_id").asString());
            assertThat(reject.get("source").asString()).isEqualTo(CITY);
            assertThat(reject.get("reason").asString()).contains(reject.get("record_id").asString());
            HttpResponse<byte[]> payload = api().sendForBytes(api().asStaff(reject.get("payload").asString()).GET());
            assertThat(payload.statusCode()).isEqualTo(200);
            assertThat(payload.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            assertThat(payload.body()).hasSize(reject.get("payload_bytes").asInt());
            assertThat(new String(payload.body(), StandardCharsets.UTF_8)).startsWith("<").contains("record");
        }
        assertThat(ids).containsExactlyInAnyOrder(FixtureScenario.MALFORMED_RECORD_ID, FLAKY_ID);
        assertThat(api().get("/api/records/" + CITY + ":" + FLAKY_ID).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void retryIndexesTheRejectsThatNowPassAndReportsThoseThatStillFail() throws Exception {
        CROSSWALK_BROKEN.set(false);

        JsonNode result = ok(api().staffPost("/api/admin/jobs/" + fullJob + "/rejects/retry"));

        assertThat(result.get("retried").asInt()).isEqualTo(2);
        assertThat(result.get("indexed").valueStream().map(JsonNode::asString)).containsExactly(FLAKY_ID);
        assertThat(result.get("still_rejected").size()).isEqualTo(1);
        assertThat(result.get("still_rejected").get(0).get("record_id").asString())
                .isEqualTo(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(result.get("still_rejected").get(0).get("reason").asString()).isNotBlank();
        assertThat(api().get("/api/records/" + CITY + ":" + FLAKY_ID).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api().get("/api/search?size=1&source=" + CITY)).get("total").asLong())
                .isEqualTo(FixtureSources.changzhiCityRecordCount());
    }

    @Test
    @Order(5)
    void aStoppedJobEndsStoppedAndTheNextIncrementalHarvestResumesWhereItStopped() throws Exception {
        long stoppedJob = ApiClient.json(api().staffPost("/api/admin/sources/" + CITY + "/harvest?mode=full"))
                .get("id").asLong();
        awaitJob(stoppedJob, j -> j.get("pages").asInt() >= 1);

        HttpResponse<String> stop = api().staffPost("/api/admin/jobs/" + stoppedJob + "/stop");
        JsonNode stopped = awaitJob(stoppedJob, j -> !j.get("state").asString().equals("running"));
        int requestsBefore = fixtures.receivedQueries(CITY).size();

        assertThat(stop.statusCode()).isEqualTo(202);
        assertThat(stopped.get("state").asString()).isEqualTo("stopped");
        assertThat(stopped.get("seen").asLong()).isLessThan(FixtureSources.changzhiCityListSize());
        assertThat(stopped.get("last_error").isNull()).isTrue();
        assertThat(ok(api().staffGet("/api/admin/sources/" + CITY)).get("health").asString()).isEqualTo("stopped");

        long resumedJob = ApiClient.json(api().staffPost("/api/admin/sources/" + CITY + "/harvest?mode=incremental"))
                .get("id").asLong();
        JsonNode resumed = awaitJob(resumedJob, j -> !j.get("state").asString().equals("running"));

        assertThat(resumed.get("state").asString()).isEqualTo("completed");
        assertThat(fixtures.receivedQueries(CITY).subList(requestsBefore, fixtures.receivedQueries(CITY).size())
                .stream().filter(q -> q.contains("ListRecords")).findFirst())
                .as("the resumed run's first list request").hasValueSatisfying(q -> assertThat(q).contains("resumptionToken="));
        assertThat(stopped.get("seen").asLong() + resumed.get("seen").asLong())
                .as("the two jobs together saw the list exactly once").isEqualTo(FixtureSources.changzhiCityListSize());
        assertThat(ApiClient.json(api().get("/api/search?size=1&source=" + CITY)).get("total").asLong())
                .isEqualTo(FixtureSources.changzhiCityRecordCount());
    }

    @Test
    @Order(6)
    void harvestOfAllStartsEverySourceAndTheHistoryIsPagedNewestFirst() throws Exception {
        HttpResponse<String> all = api().staffPost("/api/admin/harvest?mode=full");

        assertThat(all.statusCode()).isEqualTo(202);
        JsonNode started = ApiClient.json(all).get("jobs");
        assertThat(started.valueStream().map(j -> j.get("source").asString())).containsExactly(CITY, COUNTY);
        for (JsonNode job : started) {
            assertThat(awaitJob(job.get("id").asLong(), j -> !j.get("state").asString().equals("running"))
                    .get("state").asString()).isEqualTo("completed");
        }

        JsonNode first = ok(api().staffGet("/api/admin/jobs?page=1&size=3"));
        JsonNode second = ok(api().staffGet("/api/admin/jobs?page=2&size=3"));
        JsonNode county = ok(api().staffGet("/api/admin/jobs?source=" + COUNTY));

        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("items").valueStream().map(j -> j.get("id").asLong()).toList())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a)).hasSize(3);
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(second.get("items").get(1).get("id").asLong()).isEqualTo(fullJob);
        assertThat(county.get("total").asLong()).isEqualTo(1);
        assertThat(county.get("items").get(0).get("seen").asLong()).isEqualTo(FixtureSources.zhangziCountyRecordCount());
    }

    @Test
    @Order(7)
    void badStaffRequestsAnswerJsonErrorsThatNameTheBadValue() throws Exception {
        HttpResponse<String> badMode = api().staffPost("/api/admin/sources/" + CITY + "/harvest?mode=sideways");
        HttpResponse<String> unknownSource = api().staffPost("/api/admin/sources/nowhere/harvest");
        HttpResponse<String> unknownJob = api().staffGet("/api/admin/jobs/999999");
        HttpResponse<String> notRunning = api().staffPost("/api/admin/jobs/" + fullJob + "/stop");
        HttpResponse<String> badPage = api().staffGet("/api/admin/jobs?page=0");
        HttpResponse<String> badId = api().staffGet("/api/admin/jobs/abc");

        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(ApiClient.errorCode(badMode)).isEqualTo("invalid_parameter");
        assertThat(ApiClient.json(badMode).get("error").get("message").asString()).contains("sideways");
        assertThat(unknownSource.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(unknownSource).get("error").get("message").asString()).contains("nowhere");
        assertThat(unknownJob.statusCode()).isEqualTo(404);
        assertThat(notRunning.statusCode()).isEqualTo(409);
        assertThat(ApiClient.errorCode(notRunning)).isEqualTo("job_not_running");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(badId.statusCode()).isEqualTo(400);
    }

    private JsonNode awaitJob(long id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode job = ok(api().staffGet("/api/admin/jobs/" + id));
        while (!condition.test(job)) {
            assertThat(System.nanoTime()).as("job %s still %s after 90 s", id, job).isLessThan(deadline);
            Thread.sleep(50);
            job = ok(api().staffGet("/api/admin/jobs/" + id));
        }
        return job;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }
}
