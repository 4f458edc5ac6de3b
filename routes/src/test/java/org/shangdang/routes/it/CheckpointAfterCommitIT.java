package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.RecordFormat;
import org.shangdang.routes.HarvestAlreadyRunningException;
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
 * Faults between the routes and a source: a WireMock proxy in front of the fixture server passes every
 * request through, except those a test makes fail or slow. Each test gets its own fixture server,
 * proxy, database and index.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CheckpointAfterCommitIT {

    private static final String SOURCE = "changzhi-city";

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

    // Static, as the application context reads the proxy's URL when it starts, before the test instance.
    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("fixtures.changzhi-city", () -> proxied(SOURCE).toString());
        registry.add("fixtures.zhangzi-county", () -> proxied("zhangzi-county").toString());
        registry.add("test.index-parent", () -> indexes.toString());
    }

    @AfterEach
    void stopFixtureAndProxy() {
        stopServers();
    }

    @Test
    void checkpointIsSavedOnlyAfterCommit() {
        // given a source whose third page fails on every attempt
        SourcePages source = listSource();
        assertThat(source.pages()).hasSizeGreaterThan(3);
        String tokenOfThirdPage = source.pages().get(1).resumptionToken().orElseThrow();
        StubMapping fault = proxy.stubFor(get(urlPathEqualTo(origin(SOURCE).getPath()))
                .withQueryParam("resumptionToken", equalTo(tokenOfThirdPage))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke")));

        // when it is harvested
        JobStatus failed = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job failed with the reason, the two pages before the fault are searchable, and the
        // checkpoint asks for the failed page
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("500").contains(SOURCE));
        assertThat(failed.pages()).isEqualTo(2);
        List<String> rejectedIds = store.rejects(failed.id()).stream().map(r -> SOURCE + ":" + r.recordId()).toList();
        List<String> committed = source.presentIdsOnFirst(2).stream().filter(id -> !rejectedIds.contains(id)).toList();
        assertThat(committed).isNotEmpty()
                .allSatisfy(id -> assertThat(index.get(id)).as("searchable: %s", id).isPresent());
        assertThat(index.count()).isEqualTo(committed.size());
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(
                c -> assertThat(c.resumptionToken()).contains(tokenOfThirdPage));

        // when the source recovers and the harvest is resumed
        proxy.removeStub(fault);
        JobStatus resumed = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then it starts at the failed page and the index holds every record once
        assertThat(resumed.state()).isEqualTo(JobState.COMPLETED);
        assertThat(resumed.pages()).isEqualTo(source.pages().size() - 2);
        long rejected = failed.rejected() + resumed.rejected();
        assertThat(index.count()).isEqualTo(source.presentIds().size() - rejected);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());
    }

    @Test
    void secondHarvestOfARunningSourceIsRefused() throws Exception {
        // given a harvest held up by a slow second page
        SourcePages source = listSource();
        proxy.stubFor(get(urlPathEqualTo(origin(SOURCE).getPath()))
                .withQueryParam("resumptionToken", equalTo(source.pages().get(0).resumptionToken().orElseThrow()))
                .atPriority(1)
                .willReturn(aResponse().proxiedFrom(root(fixtures)).withFixedDelay(1500)));
        CompletableFuture<JobStatus> first = CompletableFuture.supplyAsync(() -> jobs.harvest(SOURCE, HarvestMode.FULL));
        waitUntilRunning();

        // when another harvest of the same source is asked for
        // then it is refused with a clear message, and the first completes
        assertThatThrownBy(() -> jobs.harvest(SOURCE, HarvestMode.INCREMENTAL))
                .isInstanceOf(HarvestAlreadyRunningException.class)
                .hasMessageContaining(SOURCE)
                .hasMessageContaining("already running");
        assertThat(first.get().state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.isRunning(SOURCE)).isFalse();
    }

    private void waitUntilRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!jobs.isRunning(SOURCE) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(jobs.isRunning(SOURCE)).as("harvest started").isTrue();
    }

    private static SourcePages listSource() {
        return SourcePages.list(SOURCE, origin(SOURCE), "marcxml", RecordFormat.MARCXML);
    }

    private static synchronized URI proxied(String sourceId) {
        startServers();
        URI origin = origin(sourceId);
        return URI.create(proxy.baseUrl() + origin.getRawPath());
    }

    private static URI origin(String sourceId) {
        return URI.create(fixtures.oaiEndpoint(sourceId).toString());
    }

    private static String root(FixtureSources fixtures) {
        URI any = URI.create(fixtures.oaiEndpoint(SOURCE).toString());
        return any.getScheme() + "://" + any.getAuthority();
    }

    private static synchronized void startServers() {
        if (proxy == null) {
            fixtures = FixtureSources.start(0);
            proxy = new WireMockServer(options().dynamicPort());
            proxy.start();
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(root(fixtures))));
        }
    }

    private static synchronized void stopServers() {
        if (proxy != null) {
            proxy.stop();
            fixtures.close();
            proxy = null;
            fixtures = null;
        }
    }
}
