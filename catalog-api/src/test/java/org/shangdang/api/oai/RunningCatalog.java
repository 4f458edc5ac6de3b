package org.shangdang.api.oai;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port with the demo's fixture sources (WireMock) harvested through the Camel
 * routes into the record store and embedded Lucene, as a reader or a harvester meets it. The OAI-PMH page size is
 * small ({@link #PAGE_SIZE}) so that every list needs many resumption tokens. Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RunningCatalog {

    public static final int PAGE_SIZE = 7;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-oai-sru");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.oai.page-size", () -> String.valueOf(PAGE_SIZE));
    }

    protected final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    protected HarvestJobs jobs;

    @Autowired
    protected SearchIndex index;

    @LocalServerPort
    protected int port;

    @BeforeAll
    void harvestBothFixtureSources() {
        assertThat(jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(FixtureScenario.ZHANGZI_COUNTY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    protected String base(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base(pathAndQuery))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
        return response.body();
    }

    protected static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
