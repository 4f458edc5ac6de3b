package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.config.SecretLookup;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A cloud harvest that fails part-way resumes after the last committed page: the 国家公共文化云 fixture behind a
 * WireMock proxy that fails page 3 until the test lifts the failure.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@Import(CloudResumeIT.Environment.class)
class CloudResumeIT {

    private static final String SOURCE = "national-cloud";

    @TempDir
    static Path indexes;

    private static FixtureSources fixtures;
    private static WireMockServer proxy;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    @TestConfiguration
    static class Environment {
        @Bean
        SecretLookup secretLookup() {
            Map<String, String> env = Map.of(
                    "SHANGDANG_NATIONAL_CLOUD_CLIENT_ID", FixtureSources.NATIONAL_CLOUD_CLIENT_ID,
                    "SHANGDANG_NATIONAL_CLOUD_CLIENT_SECRET", FixtureSources.NATIONAL_CLOUD_CLIENT_SECRET);
            return name -> Optional.ofNullable(env.get(name));
        }
    }

    @BeforeAll
    static void start() {
        fixtures = FixtureSources.start(0);
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(fixtures.baseUrl().toString())));
    }

    @AfterAll
    static void stop() {
        proxy.stop();
        fixtures.close();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> indexes.toString());
        registry.add("shangdang.harvest.retry.max-attempts", () -> "2");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "国家公共文化云");
        registry.add("shangdang.sources[0].protocol", () -> "cloud");
        registry.add("shangdang.sources[0].cloud.platform", () -> "national");
        registry.add("shangdang.sources[0].cloud.base-url", () -> proxy.baseUrl() + "/ncpc/api");
        registry.add("shangdang.sources[0].cloud.page-size", () -> "8");
    }

    @Test
    void aRunThatFailedOnPageThreeResumesThereAndThenSetsTheHighWaterMark() {
        // given a full harvest that fails on page 3 after pages 1 and 2 were committed
        StubMapping failing = proxy.stubFor(get(urlPathEqualTo("/ncpc/api/open/v1/resources"))
                .withQueryParam("pageNo", equalTo("3")).atPriority(1).willReturn(aResponse().withStatus(500)));
        JobStatus failed = jobs.harvest(SOURCE, HarvestMode.FULL);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 500", "pageNo=3"));
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).hasValue("3");
            assertThat(c.highWater()).isEmpty();
        });
        assertThat(index.get(SOURCE + ":NCPC-H-2024-050601")).isPresent();
        assertThat(index.get(SOURCE + ":NCPC-H-2024-050602")).isEmpty();

        // when the failure passes and an incremental harvest runs
        proxy.removeStub(failing);
        proxy.resetRequests();
        JobStatus resumed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then it asked only for page 3, completed the list, and saved the high-water mark
        assertThat(resumed.state()).isEqualTo(JobState.COMPLETED);
        assertThat(proxy.getAllServeEvents()).map(e -> URI.create(e.getRequest().getUrl()))
                .filteredOn(u -> u.getPath().endsWith("/open/v1/resources"))
                .extracting(URI::getQuery).containsExactly("pageNo=3&pageSize=8");
        assertThat(resumed.seen()).isEqualTo(4);
        assertThat(index.get(SOURCE + ":NCPC-H-2024-050602")).isPresent();
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> {
            assertThat(c.resumptionToken()).isEmpty();
            assertThat(c.highWater()).hasValue(Instant.parse("2024-06-20T02:00:00Z"));
        });
        assertThat(store.checkpoint(SOURCE).flatMap(Checkpoint::windowFrom)).isEmpty();
    }
}
