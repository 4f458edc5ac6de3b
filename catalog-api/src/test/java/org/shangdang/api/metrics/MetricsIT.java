package org.shangdang.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shangdang.api.admin.ApiClient;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Observability end to end: a real harvest of the 长治 fixture source, then {@code /actuator/prometheus} (with a
 * staff key) shows the per-source record counters equal to the job's counts, the harvest lag, the job duration
 * and the search latency histogram; with {@code logging.structured.format.console=ecs} the logs are JSON lines
 * that carry the job and source ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class MetricsIT {

    private static final String CITY = FixtureScenario.CHANGZHI_CITY;
    private static FixtureSources fixtures;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        fixtures = FixtureSources.start(0);
        String dataDir = Files.createTempDirectory("shangdang-metrics").toString();
        registry.add("shangdang.data-dir", () -> dataDir);
        registry.add("shangdang.sources[0].id", () -> CITY);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].oaipmh.base-url", () -> fixtures.oaiEndpoint(CITY).toString());
        registry.add("shangdang.sources[0].oaipmh.metadata-prefix", () -> "marcxml");
        for (String[] property : ApiClient.credentialProperties()) {
            registry.add(property[0], () -> property[1]);
        }
    }

    @AfterAll
    void stopSources() {
        fixtures.stop();
    }

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    @Test
    void prometheusShowsHarvestCountersLagJobDurationAndTheSearchLatencyHistogram() throws Exception {
        ApiClient api = new ApiClient(port);
        String before = api.staffGet("/actuator/prometheus").body();

        JobStatus job = jobs.harvest(CITY, HarvestMode.FULL);
        for (String q : List.of("上党梆子", "长治", "czs")) {
            assertThat(api.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> scrape = api.staffGet("/actuator/prometheus");
        String metrics = scrape.body();

        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).contains("text/plain");
        assertThat(value(before, "shangdang_harvest_lag_seconds", "source=\"" + CITY + "\"")).isNaN();
        for (String[] outcome : new String[][] {
                {"harvested", Long.toString(job.seen())}, {"stored", Long.toString(job.stored())},
                {"indexed", Long.toString(job.indexed())}, {"rejected", Long.toString(job.rejected())},
                {"deleted", Long.toString(job.deleted())}}) {
            assertThat(value(metrics, "shangdang_harvest_records_total", "outcome=\"" + outcome[0] + "\"",
                    "source=\"" + CITY + "\"")).as(outcome[0]).isEqualTo(Double.parseDouble(outcome[1]));
        }
        assertThat(job.indexed()).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(value(metrics, "shangdang_harvest_lag_seconds", "source=\"" + CITY + "\"")).isBetween(0.0, 120.0);
        assertThat(value(metrics, "shangdang_harvest_running", "source=\"" + CITY + "\"")).isZero();
        assertThat(value(metrics, "shangdang_harvest_job_duration_seconds_count", "source=\"" + CITY + "\"",
                "state=\"completed\"")).isEqualTo(1.0);
        assertThat(value(metrics, "http_server_requests_seconds_count", "uri=\"/api/search\"", "status=\"200\""))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(lines(metrics, "http_server_requests_seconds_bucket", "uri=\"/api/search\"")).hasSizeGreaterThan(10);
        assertThat(metrics).doesNotContain(ApiClient.STAFF_KEY).doesNotContain(ApiClient.STAFF_PASSWORD);
    }

    @Test
    void structuredLogsAreJsonLinesCarryingTheJobAndSourceIds(CapturedOutput output) {
        JobStatus job = jobs.harvest(CITY, HarvestMode.INCREMENTAL);

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> jobLines = new ArrayList<>();
        for (String line : output.getAll().split("\\R")) {
            if (line.startsWith("{") && line.contains("harvest job " + job.id() + " ")) {
                jobLines.add(json.readTree(line));
            }
        }

        assertThat(jobLines).as("JSON log lines of job %s", job.id()).isNotEmpty();
        for (JsonNode line : jobLines) {
            assertThat(line.get("@timestamp")).isNotNull();
            assertThat(line.get("log").get("level").asString()).isNotBlank();
            assertThat(line.findValue("jobId")).as(line.toString()).isNotNull();
            assertThat(line.findValue("jobId").asString()).isEqualTo(Long.toString(job.id()));
            assertThat(line.findValue("sourceId").asString()).isEqualTo(CITY);
        }
    }

    /** The value of the one sample of {@code name} whose labels include all the fragments. */
    private static double value(String metrics, String name, String... labels) {
        List<String> matching = lines(metrics, name, labels);
        assertThat(matching).as("one sample of %s%s", name, Arrays.toString(labels)).hasSize(1);
        String line = matching.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static List<String> lines(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .toList();
    }
}
