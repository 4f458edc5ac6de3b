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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files the demo's sources reference, as the demo wires them (application-demo.yml, DemoFixturesInitializer):
 * the fixture server's 潞安府志 OCR text and PDF behind the 长治 IIIF collection, and its tagged recordings behind the
 * opera seed's media links (moved to the fixture server by {@link OperaDatabaseFixture#load(Connection, URI)}); both
 * sources opted in, harvested, then read through the public API. Only these two sources are harvested, to keep the
 * run short.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFixtureFilesIT {

    private static final String IIIF = "changzhi-special-collections";
    private static final String OPERA = "shangdang-opera";
    private static final String DB = "jdbc:h2:mem:demo-fixture-files-" + UUID.randomUUID();
    private static final FixtureSources FIXTURES = FixtureSources.start(0);
    private static Connection keepAlive;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException, SQLException {
        keepAlive = DriverManager.getConnection(DB);
        OperaDatabaseFixture.load(keepAlive, URI.create(FIXTURES.baseUrl() + "/media/"));
        Path dataDir = Files.createTempDirectory("shangdang-demo-files");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.sources[0].id", () -> IIIF);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.collections[0]",
                () -> FIXTURES.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION).toString());
        registry.add("shangdang.sources[1].id", () -> OPERA);
        registry.add("shangdang.sources[1].library", () -> "长治市群众艺术馆");
        registry.add("shangdang.sources[1].protocol", () -> "jdbc");
        registry.add("shangdang.sources[1].jdbc.url", () -> DB);
        registry.add("shangdang.harvest.files.sources[0]", () -> IIIF);
        registry.add("shangdang.harvest.files.sources[1]", () -> OPERA);
    }

    private JobStatus iiifJob;
    private JobStatus operaJob;

    @BeforeAll
    void harvest() {
        iiifJob = jobs.harvest(IIIF, HarvestMode.FULL);
        operaJob = jobs.harvest(OPERA, HarvestMode.FULL);
    }

    @AfterAll
    void stop() throws SQLException {
        FIXTURES.stop();
        keepAlive.close();
    }

    @Test
    void aPhraseOfTheRareBooksPdfFindsItHighlightedInSimplifiedAndTraditionalCharacters() throws Exception {
        assertThat(iiifJob.state()).isEqualTo(JobState.COMPLETED);
        for (String phrase : new String[] {"\"潞綢甲於天下\"", "\"潞绸甲于天下\""}) {
            // when a reader searches a phrase only the PDF of 潞安府志 holds
            JsonNode body = getOk("/api/search?q=" + URLEncoder.encode(phrase, StandardCharsets.UTF_8));

            // then the rare book is the hit, the phrase marked in its full-text snippet
            assertThat(body.get("hits").size()).as(body.toString()).isEqualTo(1);
            JsonNode hit = body.get("hits").get(0);
            assertThat(hit.get("kind").asString()).isEqualTo("rare_book");
            assertThat(hit.get("title").asString()).startsWith("潞安府志");
            assertThat(hit.get("highlights").get("full_text").toString()).contains("<em>潞綢甲於天下</em>");
        }
    }

    @Test
    void aPhraseOfTheRareBooksOcrTextFindsIt() throws Exception {
        // when a reader searches a phrase only the OCR text of 潞安府志 holds
        JsonNode body = getOk("/api/search?q=" + URLEncoder.encode("\"與天為黨\"", StandardCharsets.UTF_8));

        // then the rare book is the hit
        assertThat(body.get("hits").size()).as(body.toString()).isEqualTo(1);
        assertThat(body.get("hits").get(0).get("title").asString()).startsWith("潞安府志");
    }

    @Test
    void everyRecordingFileOfTheOperaSeedIsReadAndItsVideoShowsArtistAndRunningTime() throws Exception {
        // then no media file of the seed failed
        assertThat(operaJob.state()).isEqualTo(JobState.COMPLETED);
        assertThat(operaJob.rejected()).as(operaJob.toString()).isZero();

        // when a portal asks for the full-length video recording
        JsonNode record = getOk("/api/records/" + OPERA + ":recording/r-sanguan-1998");

        // then each part carries the title, artist and running time read from its file
        JsonNode media = record.get("media");
        assertThat(media.size()).as(record.toString()).isEqualTo(2);
        JsonNode first = media.get(0).get("metadata");
        assertThat(first.get("artist").asString()).isEqualTo("郭金顺、王德厚");
        assertThat(first.get("title").asString()).isEqualTo("三关排宴（全剧）上本");
        assertThat(first.get("duration").asString()).isEqualTo("PT1H10M10S");
        assertThat(media.get(1).get("metadata").get("duration").asString()).isEqualTo("PT1H6M20S");
    }

    @Test
    void anAudioRecordingShowsTheArtistReadFromItsMp3() throws Exception {
        // when a portal asks for the aria recording
        JsonNode record = getOk("/api/records/" + OPERA + ":recording/r-sanguan-aria");

        // then its audio link carries the tags and the length of the fixture MP3
        JsonNode metadata = record.get("media").get(0).get("metadata");
        assertThat(metadata.get("artist").asString()).as(record.toString()).isEqualTo("郭金顺");
        assertThat(metadata.get("duration").asString()).startsWith("PT3.9");
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
