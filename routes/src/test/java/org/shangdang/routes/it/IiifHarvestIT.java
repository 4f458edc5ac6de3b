package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.ResourceKind;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.Reject;
import org.shangdang.routes.store.RecordStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of a IIIF source through the real routes, record store (H2), IIIF harvester and crosswalk and Lucene
 * index: the fixtures' 长治 collection (WireMock: a v3 collection with a v2 sub-collection that cycles back, a
 * manifest listed twice, one without a label, one withdrawn, 404) plus single manifest URLs served by a second
 * WireMock, of which one is not JSON and one is a Canvas.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class IiifHarvestIT {

    private static final String SOURCE = "changzhi-special";

    @TempDir
    static Path temp;

    private static final FixtureSources FIXTURES = FixtureSources.start(0);
    private static final WireMockServer SINGLES = singles();

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    private static WireMockServer singles() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/broken.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json").withBody("{\"type\": \"Manifest\", \"label\": ")));
        server.stubFor(get(urlPathEqualTo("/canvas.json")).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json")
                .withBody("{\"@context\": \"http://iiif.io/api/presentation/3/context.json\","
                        + " \"id\": \"" + server.baseUrl() + "/canvas.json\", \"type\": \"Canvas\"}")));
        return server;
    }

    @AfterAll
    static void stop() {
        SINGLES.stop();
        FIXTURES.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.collections[0]",
                () -> FIXTURES.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION).toString());
        registry.add("shangdang.sources[0].iiif.manifests[0]", () -> SINGLES.baseUrl() + "/broken.json");
        registry.add("shangdang.sources[0].iiif.manifests[1]", () -> SINGLES.baseUrl() + "/canvas.json");
    }

    @Test
    void collectionManifestsAreIndexedAndBrokenOnesRejectedWithReasons() {
        // given the collection and two broken single manifests

        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the IIIF route ran it to completion
        assertThat(camel.getRoute("harvest-iiif-" + SOURCE)).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        // the three usable manifests are searchable records, 潞安府志 once although the collection lists it twice
        CanonicalRecord luanfuzhi = index.get(CanonicalRecord.idOf(SOURCE,
                FIXTURES.iiifUrl("changzhi/manifests/luanfuzhi.json").toString())).orElseThrow();
        assertThat(luanfuzhi.title()).contains("潞安府志");
        assertThat(luanfuzhi.kind()).isEqualTo(ResourceKind.RARE_BOOK);
        assertThat(index.get(CanonicalRecord.idOf(SOURCE,
                FIXTURES.iiifUrl("changzhi/manifests/balujun-zongbu-album.json").toString()))).isPresent();
        assertThat(index.get(CanonicalRecord.idOf(SOURCE,
                FIXTURES.iiifUrl("changzhi/manifests/taihang-song-audio.json").toString()))).isPresent();
        assertThat(index.count()).isEqualTo(3);
        // every broken document is a reject whose reason says what was wrong
        Map<String, String> rejects = reasonsById(store.rejects(job.id()));
        assertThat(rejects).containsOnlyKeys(
                FIXTURES.iiifUrl("changzhi/manifests/withdrawn.json").toString(),
                FIXTURES.iiifUrl("changzhi/manifests/untitled-scan.json").toString(),
                SINGLES.baseUrl() + "/broken.json",
                SINGLES.baseUrl() + "/canvas.json");
        assertThat(rejects.get(FIXTURES.iiifUrl("changzhi/manifests/withdrawn.json").toString())).contains("HTTP 404");
        assertThat(rejects.get(FIXTURES.iiifUrl("changzhi/manifests/untitled-scan.json").toString())).contains("no label");
        assertThat(rejects.get(SINGLES.baseUrl() + "/broken.json")).containsIgnoringCase("JSON");
        assertThat(rejects.get(SINGLES.baseUrl() + "/canvas.json")).contains("Canvas");
        assertThat(job.rejected()).isEqualTo(4);
        assertThat(job.indexed()).isEqualTo(3);
    }

    @Test
    void incrementalHarvestRereadsTheManifestsAndUpsertsThemWithoutDuplicates() {
        // given a harvested source
        JobStatus first = jobs.harvest(SOURCE, HarvestMode.FULL);

        // when it is harvested again, incrementally
        JobStatus second = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then every manifest was read again and upserted: the index holds each once
        assertThat(second.state()).isEqualTo(JobState.COMPLETED);
        assertThat(second.seen()).isEqualTo(first.seen()).isEqualTo(3 + 4);
        assertThat(second.indexed()).isEqualTo(3);
        assertThat(index.count()).isEqualTo(3);
    }

    private static Map<String, String> reasonsById(List<Reject> rejects) {
        return rejects.stream().collect(java.util.stream.Collectors.toMap(Reject::recordId, Reject::reason));
    }
}
