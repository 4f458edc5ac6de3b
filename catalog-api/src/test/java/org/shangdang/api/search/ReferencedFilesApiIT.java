package org.shangdang.api.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.fixtures.FixtureMedia;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files referenced by records, seen through the public API: a IIIF manifest's PDF rendering and an opera recording's
 * MP3 (a real, tiny MP3 with ID3 tags) served by WireMock, fetched and extracted by the child-JVM Tika during the
 * harvests, then searched with {@code /api/search} and shown by {@code /api/records/{id}}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferencedFilesApiIT {

    private static final String IIIF = "changzhi-special";
    private static final String OPERA = "shangdang-opera";
    private static final String DB = "jdbc:h2:mem:referenced-files-api-" + UUID.randomUUID();
    private static final WireMockServer FILES = files();
    private static Connection keepAlive;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    private static WireMockServer files() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/iiif/taihang.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json").withBody("""
                        {"@context": "http://iiif.io/api/presentation/3/context.json",
                         "id": "%1$s/iiif/taihang.json", "type": "Manifest",
                         "label": {"zh-Hans": ["太行精神文献汇编"]},
                         "rendering": [{"id": "%1$s/files/taihang.pdf", "type": "Text", "format": "application/pdf"}],
                         "items": []}
                        """.formatted(server.baseUrl()))));
        server.stubFor(get(urlPathEqualTo("/files/taihang.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf")
                .withBody(FixtureDocuments.read(FixtureDocuments.RED_CULTURE_PDF))));
        server.stubFor(get(urlPathEqualTo("/media/sanguan-arias.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg")
                .withBody(FixtureMedia.taggedMp3("三关排宴（选段）", "郝聘之", 3.0))));
        return server;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException, SQLException {
        keepAlive = DriverManager.getConnection(DB);
        OperaDatabaseFixture.load(keepAlive);
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("DELETE FROM media_file WHERE id <> 'm-3'");
            statement.execute("UPDATE media_file SET url = '" + FILES.baseUrl() + "/media/sanguan-arias.mp3'"
                    + " WHERE id = 'm-3'");
        }
        Path dataDir = Files.createTempDirectory("shangdang-referenced-files");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.sources[0].id", () -> IIIF);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.manifests[0]", () -> FILES.baseUrl() + "/iiif/taihang.json");
        registry.add("shangdang.sources[1].id", () -> OPERA);
        registry.add("shangdang.sources[1].library", () -> "长治市群众艺术馆");
        registry.add("shangdang.sources[1].protocol", () -> "jdbc");
        registry.add("shangdang.sources[1].jdbc.url", () -> DB);
        registry.add("shangdang.harvest.files.sources[0]", () -> IIIF);
        registry.add("shangdang.harvest.files.sources[1]", () -> OPERA);
    }

    @BeforeAll
    void harvest() {
        assertThat(jobs.harvest(IIIF, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(OPERA, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    @AfterAll
    void stop() throws SQLException {
        FILES.stop();
        keepAlive.close();
    }

    @Test
    void aPhraseOfTheReferencedPdfIsFoundAndHighlightedThroughTheSearchApi() throws Exception {
        // when a reader searches a phrase only the manifest's PDF holds
        JsonNode body = getOk("/api/search?q=" + URLEncoder.encode("\"黄崖洞兵工厂\"", StandardCharsets.UTF_8));

        // then the manifest's record is the hit, the phrase marked in its full-text snippet
        assertThat(body.get("hits").size()).as(body.toString()).isEqualTo(1);
        JsonNode hit = body.get("hits").get(0);
        assertThat(hit.get("title").asString()).isEqualTo("太行精神文献汇编");
        assertThat(hit.get("highlights").get("full_text").toString()).contains("<em>");
    }

    @Test
    void theRecordApiShowsTheArtistTitleAndDurationOfARecordingsAudio() throws Exception {
        // when a portal asks for the recording
        JsonNode record = getOk("/api/records/" + OPERA + ":recording/r-sanguan-aria");

        // then its audio link carries what was read from the MP3
        JsonNode audio = null;
        for (JsonNode media : record.get("media")) {
            if (media.get("kind").asString().equalsIgnoreCase("audio")) {
                audio = media;
            }
        }
        assertThat(audio).as(record.toString()).isNotNull();
        JsonNode metadata = audio.get("metadata");
        assertThat(metadata.get("artist").asString()).isEqualTo("郝聘之");
        assertThat(metadata.get("title").asString()).isEqualTo("三关排宴（选段）");
        assertThat(metadata.get("duration").asString()).as(metadata.toString()).startsWith("PT3.0");
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
