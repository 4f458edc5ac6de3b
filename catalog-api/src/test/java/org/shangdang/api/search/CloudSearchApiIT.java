package org.shangdang.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-stop search over real HTTP across the library catalogue and the culture clouds: the demo's fixture sources
 * (长治市图书馆 over OAI-PMH, 国家公共文化云 and 山西公共文化云 over their APIs, all WireMock, credentials from the
 * demo's secret lookup) harvested through the Camel routes into the default Lucene index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudSearchApiIT {

    private static final String NATIONAL = "national-cloud";
    private static final String SHANXI = "shanxi-cloud";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-cloud-search");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    @BeforeAll
    void harvestTheCityLibraryAndBothClouds() {
        for (String source : List.of(FixtureScenario.CHANGZHI_CITY, NATIONAL, SHANXI)) {
            assertThat(jobs.harvest(source, HarvestMode.FULL).state()).as(source).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void shangdangBangziFindsCloudVideosTogetherWithTheLibrarysBooks() throws Exception {
        JsonNode body = getOk("/api/search?size=100&q=" + enc("上党梆子"));

        List<String> sourceAndKind = new ArrayList<>();
        body.get("hits").forEach(h -> sourceAndKind.add(h.get("source").asString() + "/" + h.get("kind").asString()));
        assertThat(sourceAndKind).contains(NATIONAL + "/video", SHANXI + "/video", FixtureScenario.CHANGZHI_CITY + "/book");
        assertThat(values(body.get("facets").get("kind"))).contains("video", "book", "lecture", "activity");
        assertThat(values(body.get("facets").get("source"))).contains(FixtureScenario.CHANGZHI_CITY, NATIONAL, SHANXI);
    }

    @Test
    void theKindFacetNarrowsToTheCloudsActivities() throws Exception {
        JsonNode body = getOk("/api/search?size=100&kind=activity&q=" + enc("长治市图书馆"));

        assertThat(body.get("total").asLong()).isPositive();
        body.get("hits").forEach(h -> {
            assertThat(h.get("kind").asString()).isEqualTo("activity");
            assertThat(h.get("source").asString()).isIn(NATIONAL, SHANXI);
        });
        List<String> sources = new ArrayList<>();
        body.get("hits").forEach(h -> sources.add(h.get("source").asString()));
        assertThat(sources).contains(NATIONAL, SHANXI);
    }

    @Test
    void aCloudVideosRecordShowsItsMediaRunningTimeAndCounty() throws Exception {
        JsonNode record = getOk("/api/records/" + NATIONAL + ":NCPC-V-2024-014501");

        assertThat(record.get("kind").asString()).isEqualToIgnoringCase("video");
        assertThat(record.get("county").asString()).isEqualTo("潞州区");
        List<String> media = new ArrayList<>();
        record.get("media").forEach(m -> media.add(m.get("kind").asString().toLowerCase() + " " + m.get("url").asString()));
        assertThat(media).anySatisfy(m -> assertThat(m).startsWith("video ").endsWith("/index.m3u8"));
        assertThat(media).anySatisfy(m -> assertThat(m).startsWith("thumbnail ").endsWith("/cover.jpg"));
        assertThat(record.get("notes").toString()).contains("时长 02:01:00");
    }

    @Test
    void anActivitysRecordShowsItsTimeVenueAddressAndALecturesItsRunningTime() throws Exception {
        // given the harvested clouds; when a reader opens a Shanxi activity and a national lecture
        JsonNode activity = getOk("/api/records/" + SHANXI + ":1788203311002241034");
        JsonNode lecture = getOk("/api/records/" + NATIONAL + ":NCPC-L-2024-030701");

        // then the activity's start and end are instants (15:00–17:00 Beijing time), with venue and address
        JsonNode event = activity.get("event");
        assertThat(event.get("start").asString()).isEqualTo("2024-07-13T07:00:00Z");
        assertThat(event.get("end").asString()).isEqualTo("2024-07-13T09:00:00Z");
        assertThat(event.get("venue").asString()).isEqualTo("长治市图书馆 一楼学术报告厅");
        assertThat(event.get("address").asString()).isEqualTo("山西省长治市潞州区英雄中路长治市图书馆");
        // and the lecture's running time is an ISO-8601 duration (3960 s), without an event
        assertThat(lecture.get("duration").asString()).isEqualTo("PT1H6M");
        assertThat(lecture.path("event").isNull() || lecture.path("event").isMissingNode()).isTrue();
    }

    private static List<String> values(JsonNode facet) {
        return facet.valueStream().map(v -> v.get("value").asString()).toList();
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
