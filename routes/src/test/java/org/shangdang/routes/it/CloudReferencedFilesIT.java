package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureDocuments;
import org.shangdang.fixtures.FixtureMedia;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.config.SecretLookup;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Files referenced by a culture cloud's resources: the 山西公共文化云 API (WireMock, the fixtures' JSON shape) lists an
 * e-book whose {@code file_url} is a PDF with a text layer and an audio resource whose {@code media_url} is a tagged
 * MP3, both on the cloud's file host (the same WireMock). The cloud source opts in through
 * {@code shangdang.harvest.files.sources}; the files are fetched and read by the child-JVM Tika in the harvest's
 * referenced-files step, as for IIIF and opera sources.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@Import(CloudReferencedFilesIT.Environment.class)
class CloudReferencedFilesIT {

    private static final String SHANXI = "shanxi-cloud";
    private static final String TOKEN = "sx-token-files";
    private static final WireMockServer CLOUD = cloud();

    @TempDir
    static Path temp;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;

    /** The app key and secret the source names, standing in for the environment. */
    @TestConfiguration
    static class Environment {
        @Bean
        SecretLookup secretLookup() {
            Map<String, String> env = Map.of("SX_APP_KEY", "czlib-files", "SX_APP_SECRET", "files-secret");
            return name -> Optional.ofNullable(env.get(name));
        }
    }

    private static WireMockServer cloud() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String base = server.baseUrl();
        server.stubFor(post(urlPathEqualTo("/sxcloud/jeecg-boot/sys/openapi/token")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody("""
                        {"success": true, "message": "操作成功", "code": 200,
                         "result": {"access_token": "%s", "expires_in": 3600}, "timestamp": 1718870400000}
                        """.formatted(TOKEN))));
        server.stubFor(get(urlPathEqualTo("/sxcloud/jeecg-boot/openapi/resource/list"))
                .withHeader("X-Access-Token", equalTo(TOKEN)).willReturn(aResponse()
                        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody("""
                                {"success": true, "message": "", "code": 200, "timestamp": 1718870400000,
                                 "result": {"total": 2, "size": 8, "current": 1, "orders": [], "searchCount": true,
                                  "pages": 1, "records": [
                                  {"id": "1788203311002249001", "res_type": "3", "res_name": "太行精神与长治红色文化",
                                   "res_intro": "红色文化电子书。", "author": "长治市委党史研究室",
                                   "org_name": "山西人民出版社", "area_code": "", "area_name": "",
                                   "keywords": "红色文化,太行精神", "publish_time": "2024-06-01 09:00:00",
                                   "update_time": "2024-06-04 09:00:00", "del_flag": 0,
                                   "file_url": "%1$s/ebook/1788203311002249001.pdf", "file_size": 158383},
                                  {"id": "1788203311002249002", "res_type": "2", "res_name": "长子鼓书《王二小放牛》",
                                   "res_intro": "长子鼓书经典红色书目。", "author": "长子县曲艺团",
                                   "org_name": "长子县文化馆", "area_code": "140428", "area_name": "长子县",
                                   "keywords": "长子鼓书,曲艺", "publish_time": "2024-05-19 09:00:00",
                                   "update_time": "2024-05-19 11:00:00", "del_flag": 0,
                                   "media_url": "%1$s/media/audio/1788203311002249002.mp3", "duration": "00:18:35"}]}}
                                """.formatted(base))));
        server.stubFor(get(urlPathEqualTo("/ebook/1788203311002249001.pdf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf")
                .withBody(FixtureDocuments.read(FixtureDocuments.RED_CULTURE_PDF))));
        server.stubFor(get(urlPathEqualTo("/media/audio/1788203311002249002.mp3")).willReturn(aResponse()
                .withHeader("Content-Type", "audio/mpeg")
                .withBody(FixtureMedia.taggedMp3("王二小放牛", "牛建英", 2.0))));
        return server;
    }

    @AfterAll
    static void stop() {
        CLOUD.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SHANXI);
        registry.add("shangdang.sources[0].library", () -> "山西公共文化云");
        registry.add("shangdang.sources[0].protocol", () -> "cloud");
        registry.add("shangdang.sources[0].cloud.platform", () -> "shanxi");
        registry.add("shangdang.sources[0].cloud.base-url", () -> CLOUD.baseUrl() + "/sxcloud/jeecg-boot");
        registry.add("shangdang.sources[0].cloud.client-id-env", () -> "SX_APP_KEY");
        registry.add("shangdang.sources[0].cloud.client-secret-env", () -> "SX_APP_SECRET");
        registry.add("shangdang.sources[0].cloud.page-size", () -> "8");
        registry.add("shangdang.harvest.files.sources[0]", () -> SHANXI);
        registry.add("shangdang.harvest.files.temp-dir", () -> temp.resolve("fetched").toString());
    }

    @Test
    void aCloudEbookAndAudioAreFetchedAndReadInTheHarvest() {
        // when the cloud source is harvested
        JobStatus job = jobs.harvest(SHANXI, HarvestMode.FULL);

        // then both files were fetched from the cloud's file host, and nothing was rejected
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.rejected()).isZero();
        assertThat(CLOUD.findAll(getRequestedFor(urlPathEqualTo("/ebook/1788203311002249001.pdf")))).hasSize(1);
        assertThat(CLOUD.findAll(getRequestedFor(urlPathEqualTo("/media/audio/1788203311002249002.mp3")))).hasSize(1);

        // and a phrase only the e-book's PDF holds finds the e-book, highlighted in its full text
        SearchResult result = index.search(new SearchQuery("\"黄崖洞兵工厂\"", Map.of(), 1, 10));
        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.title()).isEqualTo("太行精神与长治红色文化");
            assertThat(hit.highlights().get("full_text")).anySatisfy(s -> assertThat(s).contains("<em>"));
        });

        // and the audio resource's link carries the title, artist and duration read from the MP3
        CanonicalRecord audio = index.search(new SearchQuery("王二小放牛", Map.of(), 1, 10)).hits().stream()
                .map(hit -> index.get(hit.id()).orElseThrow()).findFirst().orElseThrow();
        MediaLink link = audio.media().stream().filter(m -> m.kind() == MediaLink.Kind.AUDIO).findFirst().orElseThrow();
        assertThat(link.metadata()).hasValueSatisfying(m -> {
            assertThat(m.title()).contains("王二小放牛");
            assertThat(m.artist()).contains("牛建英");
            assertThat(m.duration().orElseThrow().toMillis() / 1000.0).isCloseTo(FixtureMedia.mp3Seconds(2.0),
                    within(0.01));
        });
    }
}
