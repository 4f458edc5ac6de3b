package org.shangdang.routes.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.ChangeFeed;
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
 * A IIIF collection source kept in step with its collection through the real routes, record store (H2), IIIF
 * harvester and Lucene index: WireMock serves a v3 collection of three manifests (two listed directly, one in a
 * sub-collection), then another version of it.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class IiifCollectionSyncIT {

    private static final String SOURCE = "changzhi-rare-books";
    private static final Map<String, String> TITLES = Map.of(
            "luanfuzhi", "潞安府志", "changzhi-xianzhi", "长治县志", "taihang-ribao", "太行日报创刊号");

    @TempDir
    static Path temp;

    private static final WireMockServer IIIF = start();

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    DataSource dataSource;

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        IIIF.stop();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "iiif");
        registry.add("shangdang.sources[0].iiif.collections[0]", () -> IIIF.baseUrl() + "/iiif/collection.json");
    }

    @BeforeEach
    void serveVersionOne() {
        IIIF.resetAll();
        TITLES.forEach((name, title) -> serve("/iiif/" + name + ".json", manifest(name, title)));
        // v1: 潞安府志 and 长治县志 directly, 太行日报创刊号 in the sub-collection 红色文化
        serve("/iiif/collection.json", collection("collection", List.of("luanfuzhi", "changzhi-xianzhi"),
                List.of("red-culture")));
        serve("/iiif/red-culture.json", collection("red-culture", List.of("taihang-ribao"), List.of()));
    }

    @Test
    void aManifestNoLongerListedIsDeletedFromSearchAndKeptAsDeletedInTheStore() {
        // given a harvest of v1: three manifests searchable
        assertThat(jobs.harvest(SOURCE, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "长治县志", "太行日报创刊号");
        // and v2 of the collection, which no longer lists 长治县志 (its manifest URL even still answers)
        serve("/iiif/collection.json", collection("collection", List.of("luanfuzhi"), List.of("red-culture")));

        // when the source is harvested again, in full
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then 长治县志 is gone from search and stored as deleted; the other two stay
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.deleted()).isEqualTo(1);
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "太行日报创刊号");
        assertThat(index.get(idOf("changzhi-xianzhi"))).isEmpty();
        assertThat(store.raw(SOURCE, url("changzhi-xianzhi"))).hasValueSatisfying(
                raw -> assertThat(raw.status()).isEqualTo(RecordStatus.DELETED));
        assertThat(store.raw(SOURCE, url("luanfuzhi"))).hasValueSatisfying(
                raw -> assertThat(raw.status()).isEqualTo(RecordStatus.PRESENT));
        // and what our OAI-PMH provider pages through lists it as deleted
        List<ChangeFeed.Change> changes = new ChangeFeed(dataSource).page(new ChangeFeed.Window(Optional.empty(),
                Optional.empty(), Instant.now(), List.of(SOURCE)), Optional.empty(), 10);
        assertThat(changes).filteredOn(c -> c.raw().recordId().equals(url("changzhi-xianzhi")))
                .singleElement().satisfies(c -> assertThat(c.raw().isDeleted()).isTrue());
    }

    @Test
    void anIncrementalHarvestDeletesTooSinceItReadsTheWholeCollection() {
        // given a harvest of v1, and v2 without the sub-collection's 太行日报创刊号
        jobs.harvest(SOURCE, HarvestMode.FULL);
        serve("/iiif/red-culture.json", collection("red-culture", List.of(), List.of()));

        // when the source is harvested incrementally
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then the manifest is gone from search
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "长治县志");
        assertThat(store.raw(SOURCE, url("taihang-ribao")).map(r -> r.status())).contains(RecordStatus.DELETED);
    }

    @Test
    void aSubCollectionAnswering500MidwayDeletesNothing() {
        // given a harvest of v1
        jobs.harvest(SOURCE, HarvestMode.FULL);
        // and then the top collection no longer lists 长治县志, while the sub-collection answers 500 every time
        serve("/iiif/collection.json", collection("collection", List.of("luanfuzhi"), List.of("red-culture")));
        IIIF.stubFor(get(urlPathEqualTo("/iiif/red-culture.json")).willReturn(aResponse().withStatus(500)));

        // when the source is harvested again
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the walk was incomplete, so nothing is deleted: neither the manifest behind the failed
        // sub-collection nor the one really unlisted
        assertThat(job.deleted()).isZero();
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "长治县志", "太行日报创刊号");
        assertThat(store.deletedRawCount(SOURCE)).isZero();
    }

    @Test
    void aTopCollectionAnswering500FailsTheJobAndDeletesNothing() {
        // given a harvest of v1, then the configured collection answering 500 every time
        jobs.harvest(SOURCE, HarvestMode.FULL);
        IIIF.stubFor(get(urlPathEqualTo("/iiif/collection.json")).willReturn(aResponse().withStatus(500)));

        // when the source is harvested again
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the job failed and every manifest is still searchable
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "长治县志", "太行日报创刊号");
        assertThat(store.deletedRawCount(SOURCE)).isZero();
    }

    @Test
    void whenMoreThanHalfTheManifestsWouldVanishTheJobFailsAndDeletesNone() {
        // given a harvest of v1, then a collection that lists only 潞安府志 and an empty sub-collection (2 of 3 gone)
        jobs.harvest(SOURCE, HarvestMode.FULL);
        serve("/iiif/collection.json", collection("collection", List.of("luanfuzhi"), List.of("red-culture")));
        serve("/iiif/red-culture.json", collection("red-culture", List.of(), List.of()));

        // when the source is harvested again
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the guard (max-deleted-share, default 50 %) failed the job with the counts, and deleted none
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains(SOURCE, "2 of 3", "max-deleted-share 50 %"));
        assertThat(titlesFound()).containsExactlyInAnyOrder("潞安府志", "长治县志", "太行日报创刊号");
        assertThat(store.deletedRawCount(SOURCE)).isZero();
    }

    private List<String> titlesFound() {
        return index.search(new SearchQuery("", Map.of(), 1, 50)).hits().stream().map(SearchResult.Hit::title)
                .collect(Collectors.toList());
    }

    private static String idOf(String name) {
        return CanonicalRecord.idOf(SOURCE, url(name));
    }

    private static String url(String name) {
        return IIIF.baseUrl() + "/iiif/" + name + ".json";
    }

    private static void serve(String path, String body) {
        IIIF.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse()
                .withHeader("Content-Type", "application/ld+json").withBody(body)));
    }

    private static String manifest(String name, String title) {
        return """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "%s", "type": "Manifest",
                 "label": {"zh-Hans": ["%s"]}, "items": []}""".formatted(url(name), title);
    }

    private static String collection(String name, List<String> manifests, List<String> collections) {
        String items = java.util.stream.Stream.concat(
                manifests.stream().map(m -> "{\"id\": \"" + url(m) + "\", \"type\": \"Manifest\"}"),
                collections.stream().map(c -> "{\"id\": \"" + url(c) + "\", \"type\": \"Collection\"}"))
                .collect(Collectors.joining(", "));
        return """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "%s", "type": "Collection",
                 "label": {"zh-Hans": ["长治市图书馆 特藏"]}, "items": [%s]}""".formatted(url(name), items);
    }
}
