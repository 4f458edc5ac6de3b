package org.shangdang.api.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.fixtures.FixtureSources;
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
 * Rare-book and red-culture digitizations searched with the books, end to end over HTTP: the fixtures' 长治 IIIF
 * collection (潞安府志, catalogued with the traditional author 楊晙) and a 长子县志 manifest catalogued in simplified
 * characters only (WireMock), and a watched directory holding the 红色文化 PDF with a text layer and an image-only
 * scan, extracted in child JVMs (the scan OCRed with Tesseract), all harvested through the routes and searched
 * through {@code /api/search}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigitizedCollectionsSearchIT {

    private static final String IIIF = "changzhi-special";
    private static final String DOCUMENTS = "changzhi-digitized";
    private static final FixtureSources FIXTURES = FixtureSources.start(0);
    private static final WireMockServer RARE_BOOKS = rareBooks();
    private static Path documents;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-digitized");
        documents = dataDir.resolve("digitized");
        FixtureDocuments.copyTo(documents, FixtureDocuments.DEMO);
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.sources[0].id", () -> IIIF);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.collections[0]",
                () -> FIXTURES.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION).toString());
        registry.add("shangdang.sources[0].iiif.manifests[0]", () -> RARE_BOOKS.baseUrl() + "/iiif/zhangzi-xianzhi.json");
        registry.add("shangdang.sources[1].id", () -> DOCUMENTS);
        registry.add("shangdang.sources[1].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[1].protocol", () -> "documents");
        registry.add("shangdang.sources[1].documents.directory", documents::toString);
    }

    private static WireMockServer rareBooks() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .templatingEnabled(true).globalTemplating(false));
        server.start();
        server.stubFor(get(urlPathEqualTo("/iiif/zhangzi-xianzhi.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json")
                .withBody(resource("iiif/zhangzi-xianzhi-simplified-rare-book.json"))
                .withTransformers("response-template")));
        return server;
    }

    @BeforeAll
    void harvestTheDigitizations() {
        assertThat(jobs.harvest(IIIF, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(DOCUMENTS, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    @AfterAll
    void stopSources() {
        RARE_BOOKS.stop();
        FIXTURES.stop();
    }

    @Test
    void aPhraseInsideAnImageOnlyScanIsFoundAfterOcrAndHighlighted() throws Exception {
        assumeTrue(tesseractWithChineseModels(), "tesseract with chi_sim/chi_tra not installed (apt-get install"
                + " tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra; .ci/run installs them): skipping the OCR search");
        // given the scan, whose text exists only as pixels, harvested

        // when a reader searches a phrase of it
        JsonNode body = getOk("/api/search?q=" + enc("\"太行精神是长治的红色文化\""));

        // then the scan is found, the phrase marked in a snippet of its full text
        String scan = DOCUMENTS + ":" + documents.resolve(FixtureDocuments.SCANNED_PDF).toUri();
        assertThat(body.get("total").asLong()).as(body.toString()).isEqualTo(1);
        JsonNode hit = body.get("hits").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(scan);
        assertThat(hit.get("highlights").get("full_text").toString()).contains("<em>").contains("红色文化");
    }

    @Test
    void theTextLayerOfARedCulturePdfIsSearchableWithTheBooks() throws Exception {
        // when a reader searches words only the PDF's text layer holds
        JsonNode body = getOk("/api/search?q=" + enc("黄崖洞兵工厂"));

        // then the PDF is a hit, titled from its metadata, with a full-text snippet
        assertThat(body.get("hits").size()).as(body.toString()).isEqualTo(1);
        JsonNode hit = body.get("hits").get(0);
        assertThat(hit.get("title").asString()).isEqualTo("太行精神与长治红色文化");
        assertThat(hit.get("highlights").get("full_text").toString()).contains("<em>");
    }

    @Test
    void aSimplifiedQueryFindsARareBookCataloguedInTraditionalCharacters() throws Exception {
        // given 潞安府志, whose author is catalogued as 楊晙

        // when a reader types the author in simplified characters
        JsonNode body = getOk("/api/search?q=" + enc("杨晙"));

        // then the rare book is found, its author as catalogued
        assertThat(ids(body)).containsExactly(IIIF + ":" + FIXTURES.iiifUrl("changzhi/manifests/luanfuzhi.json"));
        JsonNode hit = body.get("hits").get(0);
        assertThat(hit.get("kind").asString()).isEqualTo("rare_book");
        assertThat(hit.get("creators").toString()).contains("楊晙").doesNotContain("杨晙");
    }

    @Test
    void aTraditionalQueryFindsARareBookCataloguedInSimplifiedCharacters() throws Exception {
        // given 长子县志, catalogued in simplified characters only

        // when a reader types the title in traditional characters
        JsonNode body = getOk("/api/search?q=" + enc("長子縣志"));

        // then the rare book is found, its title as catalogued, the match highlighted
        assertThat(ids(body)).containsExactly(IIIF + ":" + RARE_BOOKS.baseUrl() + "/iiif/zhangzi-xianzhi.json");
        JsonNode hit = body.get("hits").get(0);
        assertThat(hit.get("kind").asString()).isEqualTo("rare_book");
        assertThat(hit.get("title").asString()).startsWith("长子县志");
        assertThat(hit.get("highlights").get("title").toString()).contains("<em>");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("hits").forEach(hit -> ids.add(hit.get("id").asString()));
        return ids;
    }

    private static boolean tesseractWithChineseModels() {
        try {
            Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
            String langs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && langs.contains("chi_sim") && langs.contains("chi_tra");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(DigitizedCollectionsSearchIT.class.getClassLoader()
                .getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
