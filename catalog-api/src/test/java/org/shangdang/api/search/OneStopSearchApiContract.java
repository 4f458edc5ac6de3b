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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.api.demo.DemoFixturesInitializer;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-stop search end to end over real HTTP: five of the demo's sources — 长治市图书馆 and 长子县图书馆 over OAI-PMH
 * (WireMock), the National and Shanxi Public Culture Clouds' APIs (WireMock) and the opera/quyi database over JDBC
 * (embedded H2 seeded from the fixture SQL) — harvested through the Camel routes with enrichment, then searched
 * through {@code /api/search} and counted by {@code /api/stats}.
 * Subclasses choose the engine; the answers must be the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneStopSearchApiContract {

    private static final String OPERA = "shangdang-opera";
    private static final String NATIONAL_CLOUD = "national-cloud";
    private static final String SHANXI_CLOUD = "shanxi-cloud";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-one-stop-api");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @Value("${" + DemoFixturesInitializer.OPERA_DB_URL + "}")
    String operaDatabase;

    @LocalServerPort
    int port;

    @BeforeAll
    void harvestTheLibrariesTheCloudsAndTheOperaDatabase() {
        for (String source : List.of(FixtureScenario.CHANGZHI_CITY, FixtureScenario.ZHANGZI_COUNTY, NATIONAL_CLOUD,
                SHANXI_CLOUD, OPERA)) {
            assertThat(jobs.harvest(source, HarvestMode.FULL).state()).as(source).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void shangdangBangziFindsOperaWorksRecordingsCloudVideosAndLibraryBooksInOneResultSet() throws Exception {
        JsonNode body = getOk("/api/search?size=100&q=" + enc("上党梆子"));

        Set<String> kinds = new HashSet<>();
        Set<String> sources = new HashSet<>();
        body.get("hits").forEach(hit -> {
            kinds.add(hit.get("kind").asString());
            sources.add(hit.get("source").asString());
        });
        assertThat(kinds).contains("repertoire", "video", "audio", "book");
        assertThat(sources).contains(OPERA, FixtureScenario.CHANGZHI_CITY, NATIONAL_CLOUD, SHANXI_CLOUD);
        Set<String> cloudKinds = new HashSet<>();
        body.get("hits").forEach(hit -> {
            if (hit.get("source").asString().endsWith("-cloud")) {
                cloudKinds.add(hit.get("kind").asString());
            }
        });
        assertThat(cloudKinds).as("what the clouds contribute").contains("video");
        assertThat(body.get("hits").toString()).contains(OPERA + ":work/w-sanguan", OPERA + ":recording/r-sanguan-1998");
        JsonNode facets = body.get("facets");
        assertThat(counts(facets.get("kind"))).containsKeys("repertoire", "video", "audio", "book");
        // the database's works and recordings of the genre, and the library books enrichment gave it
        long inDatabase = getOk("/api/search?q=&source=" + OPERA + "&genre=" + enc("上党梆子")).get("total").asLong();
        assertThat(inDatabase).isEqualTo(operaRowsOfGenre("上党梆子"));
        assertThat(counts(facets.get("genre")).get("上党梆子")).isGreaterThan(inDatabase);
        assertThat(getOk("/api/search?q=&source=" + FixtureScenario.CHANGZHI_CITY + "&genre=" + enc("上党梆子"))
                .get("total").asLong()).isPositive();
        assertThat(counts(facets.get("county"))).containsKey("潞州区");
        assertThat(counts(facets.get("source"))).containsKeys(OPERA, FixtureScenario.CHANGZHI_CITY, NATIONAL_CLOUD,
                SHANXI_CLOUD);
    }

    @Test
    void genreAndThemeAreFacetFiltersLikeTheOthers() throws Exception {
        Map<String, Long> genres = counts(getOk("/api/search?q=").get("facets").get("genre"));
        Map<String, Long> themes = counts(getOk("/api/search?q=").get("facets").get("theme"));

        JsonNode zhangziGushu = getOk("/api/search?q=&genre=" + enc("长子鼓书"));
        JsonNode myths = getOk("/api/search?size=100&q=&theme=" + enc("神话"));

        assertThat(zhangziGushu.get("total").asLong()).isEqualTo(genres.get("长子鼓书")).isPositive();
        assertThat(myths.get("total").asLong()).isEqualTo(themes.get("神话")).isPositive();
        assertThat(myths.get("hits").toString()).contains(OPERA + ":work/w-jingwei", OPERA + ":work/w-dayu");
        assertThat(themes).containsKeys("神话", "红色文化", "民间艺术");
    }

    @Test
    void aRecordingShowsItsMediaLinksGenreAndLyrics() throws Exception {
        JsonNode record = getOk("/api/records/" + OPERA + ":recording/r-jingwei");

        assertThat(record.get("kind").asString()).isEqualTo("AUDIO");
        assertThat(record.get("genre").asString()).isEqualTo("长子鼓书");
        assertThat(record.get("county").asString()).isEqualTo("长子县");
        // The demo serves the seed's media files from its fixture server instead of media.example.cn.
        assertThat(record.get("media").get(0).get("url").asString()).matches("http://127\\.0\\.0\\.1:\\d+/media/quyi/jingwei\\.flac");
        assertThat(record.get("media").get(0).get("bytes").asLong()).isEqualTo(158_000_000L);
        assertThat(record.get("fullText").asString()).contains("发鸠山上有神鸟");
    }

    @Test
    void statsCountWhatABlankSearchCountsAndSumTheMediaBytesOfTheDatabase() throws Exception {
        JsonNode stats = getOk("/api/stats");
        JsonNode blank = getOk("/api/search?q=");

        assertThat(stats.get("records").asLong()).isEqualTo(blank.get("total").asLong());
        for (String facet : List.of("source", "kind", "county", "theme", "genre")) {
            assertThat(counts(stats.get("by_" + facet))).as(facet).isEqualTo(counts(blank.get("facets").get(facet)))
                    .isNotEmpty();
        }
        long cloudBytes = mediaBytesServedBy(NATIONAL_CLOUD) + mediaBytesServedBy(SHANXI_CLOUD);
        assertThat(stats.get("digital_bytes").asLong()).isEqualTo(mediaBytesOfPresentRecordings() + cloudBytes)
                .isPositive();
        assertThat(stats.get("digital_tb").asDouble()).isEqualTo(stats.get("digital_bytes").asLong() / 1e12);
    }

    @Test
    void statsAreReadOnly() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/stats"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("\"error\"");
    }

    /** The present works of a genre in the opera database and their present recordings. */
    private long operaRowsOfGenre(String genre) throws SQLException {
        String works = "SELECT w.id FROM work w JOIN genre g ON g.id = w.genre_id WHERE g.name = '" + genre + "'"
                + " AND w.withdrawn = FALSE";
        try (Connection connection = DriverManager.getConnection(operaDatabase);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT (SELECT COUNT(*) FROM (" + works + ") x)"
                        + " + (SELECT COUNT(*) FROM recording r WHERE r.withdrawn = FALSE AND r.work_id IN (" + works + "))")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The media sizes the clouds announced, summed over their records as {@code /api/records/{id}} shows them. */
    private long mediaBytesServedBy(String source) throws Exception {
        long bytes = 0;
        JsonNode page = getOk("/api/search?q=&collapse=false&size=100&source=" + source);
        JsonNode hits = page.get("hits");
        assertThat(hits.size()).as(source + ": every record on one page").isPositive()
                .isEqualTo(page.get("total").asInt());
        for (JsonNode hit : hits) {
            for (JsonNode media : getOk("/api/records/" + hit.get("id").asString()).get("media")) {
                bytes += media.has("bytes") && !media.get("bytes").isNull() ? media.get("bytes").asLong() : 0;
            }
        }
        return bytes;
    }

    /** What the opera database says its present recordings' files weigh. */
    private long mediaBytesOfPresentRecordings() throws SQLException {
        try (Connection connection = DriverManager.getConnection(operaDatabase);
                Statement statement = connection.createStatement();
                ResultSet sum = statement.executeQuery("SELECT SUM(m.bytes) FROM media_file m"
                        + " JOIN recording r ON r.id = m.recording_id WHERE r.withdrawn = FALSE")) {
            sum.next();
            return sum.getLong(1);
        }
    }

    private static Map<String, Long> counts(JsonNode facet) {
        Map<String, Long> counts = new LinkedHashMap<>();
        facet.forEach(v -> counts.put(v.get("value").asString(), v.get("count").asLong()));
        return counts;
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
