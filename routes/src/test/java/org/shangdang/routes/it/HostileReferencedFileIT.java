package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Interop: a IIIF manifest whose "PDF" rendering is the corpus' self-reproducing zip ({@code droste.zip} from
 * {@code ../shared/corpus/docs/tika}, served as {@code application/octet-stream}). Skips where {@code ../shared} is
 * absent.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
class HostileReferencedFileIT {

    private static final String SOURCE = "changzhi-special";
    private static final Path BOMB = corpusFile("tika/droste.zip");
    private static final WireMockServer FILES = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    @TempDir
    static Path temp;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    private static Path corpusFile(String name) {
        String shared = System.getProperty("shangdang.shared");
        return shared == null ? null : Path.of(shared, "corpus", "docs", name);
    }

    @BeforeAll
    static void serve() throws IOException {
        assumeTrue(BOMB != null && Files.isRegularFile(BOMB), "shared/corpus/docs/tika/droste.zip absent (shangdang.shared="
                + System.getProperty("shangdang.shared") + "): skipping the hostile referenced-file test");
        FILES.start();
        FILES.stubFor(get(urlPathEqualTo("/iiif/drawings.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json").withBody("""
                        {"@context": "http://iiif.io/api/presentation/3/context.json",
                         "id": "%1$s/iiif/drawings.json", "type": "Manifest",
                         "label": {"zh-Hans": ["上党堆锦图样集"]},
                         "rendering": [{"id": "%1$s/files/duijin.pdf", "type": "Text", "format": "application/pdf"}],
                         "items": []}
                        """.formatted(FILES.baseUrl()))));
        FILES.stubFor(get(urlPathEqualTo("/files/duijin.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/octet-stream").withBody(Files.readAllBytes(BOMB))));
    }

    @AfterAll
    static void stop() {
        if (FILES.isRunning()) {
            FILES.stop();
        }
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.manifests[0]", () -> FILES.baseUrl() + "/iiif/drawings.json");
        registry.add("shangdang.harvest.files.sources[0]", () -> SOURCE);
        registry.add("shangdang.harvest.files.temp-dir", () -> temp.resolve("fetched").toString());
    }

    @Test
    void aZipBombBehindARenderingIsARejectWithItsReasonAndTheRecordIsStillSearchable() {
        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job completed, the bomb is a reject naming the record, its URL and Tika's verdict
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(store.rejects(job.id())).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo(FILES.baseUrl() + "/files/duijin.pdf");
            assertThat(r.reason()).contains("drawings.json", "/files/duijin.pdf", "ZIP_BOMB");
        });
        // and the manifest's record is searchable by its metadata
        assertThat(index.search(new SearchQuery("上党堆锦", Map.of(), 1, 10)).hits())
                .extracting(hit -> hit.title()).containsExactly("上党堆锦图样集");
    }
}
