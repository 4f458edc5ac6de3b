package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.fixtures.FixtureMedia;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Files referenced by records, fetched from WireMock and extracted by the real child-JVM Tika: a IIIF manifest's PDF
 * rendering, an opera recording's MP3 (a real, tiny MP3 with ID3 tags, {@link FixtureMedia}) and a rendering larger
 * than the file limit. The two sources opt in through {@code shangdang.harvest.files.sources}.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ReferencedFilesHarvestIT {

    private static final String IIIF = "changzhi-special";
    private static final String OPERA = "shangdang-opera";
    private static final String DB = "jdbc:h2:mem:referenced-files-it-" + UUID.randomUUID();
    private static final String PDF_ETAG = "\"taihang-v1\"";
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final WireMockServer FILES = files();

    @TempDir
    static Path temp;

    private static Connection keepAlive;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    private static WireMockServer files() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/iiif/taihang.json")).willReturn(json(manifest(server.baseUrl(),
                "taihang", "太行精神文献汇编", "/files/taihang-jingshen.pdf"))));
        server.stubFor(get(urlPathEqualTo("/iiif/huge.json")).willReturn(json(manifest(server.baseUrl(),
                "huge", "潞安府志高清扫描合订本", "/files/luanfuzhi-full.pdf"))));
        // The PDF answers 304 to a request that names its current ETag, as a file server does.
        server.stubFor(get(urlPathEqualTo("/files/taihang-jingshen.pdf")).withHeader("If-None-Match", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withHeader("ETag", PDF_ETAG)
                        .withBody(FixtureDocuments.read(FixtureDocuments.RED_CULTURE_PDF))));
        server.stubFor(get(urlPathEqualTo("/files/taihang-jingshen.pdf")).withHeader("If-None-Match", equalTo(PDF_ETAG))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", PDF_ETAG)));
        server.stubFor(get(urlPathEqualTo("/files/luanfuzhi-full.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withBody(new byte[(int) MAX_FILE_BYTES + 4096])));
        server.stubFor(get(urlPathEqualTo("/media/sanguan-arias.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg")
                .withBody(FixtureMedia.taggedMp3("三关排宴（选段）", "郝聘之", 2.0))));
        return server;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/ld+json").withBody(body);
    }

    private static String manifest(String base, String name, String label, String renderingPath) {
        return """
                {"@context": "http://iiif.io/api/presentation/3/context.json",
                 "id": "%1$s/iiif/%2$s.json", "type": "Manifest",
                 "label": {"zh-Hans": ["%3$s"]},
                 "rendering": [{"id": "%1$s%4$s", "type": "Text", "label": {"zh-Hans": ["全文 PDF"]},
                                "format": "application/pdf"}],
                 "items": []}
                """.formatted(base, name, label, renderingPath);
    }

    @BeforeAll
    static void seedTheOperaDatabase() throws SQLException {
        keepAlive = DriverManager.getConnection(DB);
        OperaDatabaseFixture.load(keepAlive);
        try (Statement statement = keepAlive.createStatement()) {
            // One recording's file on our media host; the others' example.cn files are left out of this test.
            statement.execute("DELETE FROM media_file WHERE id <> 'm-3'");
            statement.execute("UPDATE media_file SET url = '" + FILES.baseUrl() + "/media/sanguan-arias.mp3'"
                    + " WHERE id = 'm-3'");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        keepAlive.close();
        FILES.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> IIIF);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.manifests[0]", () -> FILES.baseUrl() + "/iiif/taihang.json");
        registry.add("shangdang.sources[0].iiif.manifests[1]", () -> FILES.baseUrl() + "/iiif/huge.json");
        registry.add("shangdang.sources[1].id", () -> OPERA);
        registry.add("shangdang.sources[1].library", () -> "长治市群众艺术馆");
        registry.add("shangdang.sources[1].protocol", () -> "jdbc");
        registry.add("shangdang.sources[1].jdbc.url", () -> DB);
        registry.add("shangdang.harvest.files.sources[0]", () -> IIIF);
        registry.add("shangdang.harvest.files.sources[1]", () -> OPERA);
        registry.add("shangdang.harvest.files.max-file-size", () -> MAX_FILE_BYTES + "B");
        registry.add("shangdang.harvest.files.temp-dir", () -> temp.resolve("fetched").toString());
    }

    @Test
    void aPhraseInsideAManifestsPdfRenderingIsFoundAndHighlighted() {
        // when the IIIF source is harvested
        JobStatus job = jobs.harvest(IIIF, HarvestMode.FULL);

        // then the phrase from the PDF's text layer finds the manifest's record, highlighted in its full text
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        SearchResult result = index.search(new SearchQuery("\"黄崖洞兵工厂\"", Map.of(), 1, 10));
        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.title()).isEqualTo("太行精神文献汇编");
            assertThat(hit.highlights().get("full_text")).anySatisfy(s -> assertThat(s).contains("<em>"));
        });
    }

    @Test
    void aRenderingAboveTheFileLimitIsARejectWithItsReasonAndTheRecordStaysSearchable() {
        // when the IIIF source is harvested
        JobStatus job = jobs.harvest(IIIF, HarvestMode.FULL);

        // then the oversized PDF is a reject naming the record, the URL and the limit, and the job completed
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        String url = FILES.baseUrl() + "/files/luanfuzhi-full.pdf";
        assertThat(store.rejects(job.id())).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo(url);
            assertThat(r.reason()).contains(url, "TOO_LARGE", "huge.json");
        });
        // and the manifest's record is indexed by its metadata, without that file's text
        assertThat(index.search(new SearchQuery("潞安府志", Map.of(), 1, 10)).hits()).singleElement()
                .satisfies(hit -> assertThat(index.get(hit.id()).orElseThrow().fullText()).isEmpty());
    }

    @Test
    void aRecordingShowsTheTitleArtistAndDurationReadFromItsAudioFile() {
        // when the opera database is harvested
        JobStatus job = jobs.harvest(OPERA, HarvestMode.FULL);

        // then the recording's audio link carries what Tika read from the MP3's tags and frames
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.rejected()).isZero();
        CanonicalRecord recording = index.get(OPERA + ":recording/r-sanguan-aria").orElseThrow();
        MediaLink audio = recording.media().stream().filter(m -> m.kind() == MediaLink.Kind.AUDIO).findFirst()
                .orElseThrow();
        assertThat(audio.metadata()).hasValueSatisfying(m -> {
            assertThat(m.title()).contains("三关排宴（选段）");
            assertThat(m.artist()).contains("郝聘之");
            assertThat(m.duration().orElseThrow().toMillis() / 1000.0).isCloseTo(FixtureMedia.mp3Seconds(2.0),
                    within(0.01));
        });
        // the size the database states is kept over the one measured
        assertThat(audio.bytes()).contains(30_240_000L);
    }

    @Test
    void reHarvestingDoesNotFetchAnUnchangedFileAgainAndKeepsItsText() {
        // given a harvested IIIF source
        jobs.harvest(IIIF, HarvestMode.FULL);
        FILES.resetRequests();

        // when it is harvested again
        JobStatus again = jobs.harvest(IIIF, HarvestMode.FULL);

        // then the PDF was asked for once, conditionally, and not transferred (304)
        assertThat(again.state()).isEqualTo(JobState.COMPLETED);
        assertThat(FILES.findAll(getRequestedFor(urlPathEqualTo("/files/taihang-jingshen.pdf"))))
                .singleElement().satisfies(r -> assertThat(r.getHeader("If-None-Match")).isEqualTo(PDF_ETAG));
        // and the text read the first time is still searchable
        assertThat(index.search(new SearchQuery("\"黄崖洞兵工厂\"", Map.of(), 1, 10)).hits()).hasSize(1);
    }
}
