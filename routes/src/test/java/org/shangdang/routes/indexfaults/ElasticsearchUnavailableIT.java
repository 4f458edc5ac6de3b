package org.shangdang.routes.indexfaults;

import org.shangdang.indexer.contract.ElasticsearchUnderTest;
import org.shangdang.indexer.elasticsearch.TcpForwarder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.elasticsearch.ElasticsearchSearchIndex;
import org.shangdang.indexer.elasticsearch.ElasticsearchSettings;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.Reject;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Elasticsearch cut off from the harvest in the middle of the list and reconnected two seconds
 * later: a TCP forwarder between the index client and the cluster is closed (refusing and cutting every
 * connection) and reopened on the same port. Real routes, record store, connector, crosswalks and engine.
 * Skipped without an Elasticsearch (see {@link ElasticsearchUnderTest}), failed instead under CI=true.
 */
@SpringBootTest(classes = ElasticsearchUnavailableIT.App.class, properties = {
        "shangdang.harvest.index-unavailable.max-wait=120s",
        "shangdang.harvest.index-unavailable.initial-delay=100ms",
        "shangdang.harvest.index-unavailable.max-delay=1s"})
@ExtendWith(OutputCaptureExtension.class)
class ElasticsearchUnavailableIT {

    private static final String SOURCE = FixtureList.SOURCE;

    private static URI cluster;
    private static int forwardedPort;
    private static volatile TcpForwarder forwarder;
    private static String alias;
    private static FixtureSources fixtures;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    BeforeUpsertHookIndex index;
    @Autowired
    RecordStore store;

    @BeforeAll
    static void connect() throws IOException {
        cluster = ElasticsearchUnderTest.requireUrl();
        forwardedPort = TcpForwarder.freePort();
        forwarder = new TcpForwarder(forwardedPort, cluster.getHost(), cluster.getPort());
        alias = "shangdang-test-routes-outage-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures = FixtureSources.start(0);
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (fixtures != null) {
            fixtures.close();
        }
        if (forwarder != null) {
            forwarder.close();
            ElasticsearchUnderTest.deleteIndices(cluster, alias);
        }
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("fixtures.changzhi-city", () -> endpoint(SOURCE).toString());
        registry.add("fixtures.zhangzi-county", () -> endpoint(FixtureScenario.ZHANGZI_COUNTY).toString());
        registry.add("test.es-url", () -> "http://127.0.0.1:" + forwardedPort);
        registry.add("test.es-alias", () -> alias);
    }

    @Test
    void ingestionPausesWhileElasticsearchIsUnreachableAndResumesWithoutLossOrDuplicates(CapturedOutput output) {
        // given a cluster that is cut off just before the third page is written, and reconnected 2 s later
        FixtureList list = FixtureList.read(endpoint(SOURCE));
        assertThat(list.pages()).hasSizeGreaterThan(3);
        index.beforeUpsert(3, () -> {
            closeForwarder();
            Thread reconnect = new Thread(() -> {
                sleep(Duration.ofSeconds(2));
                reopenForwarder();
            }, "test-cluster-comes-back");
            reconnect.setDaemon(true);
            reconnect.start();
        });

        // when the source is harvested in full
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the harvest paused once, resumed, and completed
        assertThat(job.state()).as("job %s, last error %s", job.id(), job.lastError()).isEqualTo(JobState.COMPLETED);
        assertThat(output.getOut()).containsOnlyOnce("index unavailable, ingestion paused")
                .containsOnlyOnce("ingestion resumed");
        // and every record is searchable exactly once, with nothing rejected but the malformed record
        List<String> ids = FixtureList.searchAllIds(index);
        assertThat(ids).hasSize(FixtureSources.changzhiCityRecordCount()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(list.indexableIds());
        assertThat(index.count()).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(store.rejects(job.id())).extracting(Reject::recordId)
                .containsExactly(FixtureScenario.MALFORMED_RECORD_ID);
        assertThat(store.checkpoint(SOURCE)).hasValueSatisfying(c -> assertThat(c.resumptionToken()).isEmpty());
    }

    private static void closeForwarder() {
        try {
            forwarder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reopenForwarder() {
        try {
            forwarder = new TcpForwarder(forwardedPort, cluster.getHost(), cluster.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the forwarder on port " + forwardedPort, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static URI endpoint(String sourceId) {
        return URI.create(fixtures.oaiEndpoint(sourceId).toString());
    }

    /** The harvesting application with a real Elasticsearch index reached through the forwarder. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean(destroyMethod = "close")
        BeforeUpsertHookIndex searchIndex(@Value("${test.es-url}") URI url, @Value("${test.es-alias}") String alias) {
            ElasticsearchSettings settings = ElasticsearchSettings.of(url).withIndexAlias(alias)
                    .withTimeout(Duration.ofSeconds(3));
            return new BeforeUpsertHookIndex(ElasticsearchSearchIndex.open(settings));
        }
    }
}
