package org.shangdang.connectors.iiif;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/** Harvests the 长治 IIIF fixture collection served by WireMock ({@link FixtureSources}). */
class IiifHarvesterIT {

    private static final SourceInfo CHANGZHI = new SourceInfo("changzhi-iiif", "长治市图书馆 IIIF", "长治市图书馆", Optional.empty());
    private static FixtureSources sources;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sources = FixtureSources.start(0);
    }

    @AfterAll
    static void stop() {
        sources.stop();
    }

    private static List<RawRecord> harvest(IiifHarvester harvester) {
        List<RawRecord> records = new ArrayList<>();
        harvester.forEachRemaining(records::add);
        return records;
    }

    private String url(String path) {
        return sources.iiifUrl(path).toString();
    }

    @Test
    void walksNestedV3AndV2CollectionsYieldingEachManifestOnceDespiteTheCycleAndTheDuplicate() {
        IiifSource source = IiifSource.ofCollections("changzhi-iiif", sources.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION));

        try (IiifHarvester harvester = IiifHarvester.open(source, HTTP, Duration.ofSeconds(10), Duration.ofMillis(10))) {
            List<RawRecord> records = harvest(harvester);

            assertThat(records).extracting(RawRecord::recordId).containsExactly(
                    url("changzhi/manifests/luanfuzhi.json"),
                    url("changzhi/manifests/untitled-scan.json"),
                    url("changzhi/manifests/balujun-zongbu-album.json"),
                    url("changzhi/manifests/taihang-song-audio.json"));
            assertThat(records).allSatisfy(r -> {
                assertThat(r.format()).isEqualTo(RecordFormat.IIIF_MANIFEST);
                assertThat(r.sourceId()).isEqualTo("changzhi-iiif");
            });
            assertThat(harvester.failures()).extracting(IiifFailure::url, IiifFailure::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(sources.iiifUrl("changzhi/manifests/withdrawn.json"), "HTTP 404"));
        }
    }

    @Test
    void aFinishedWalkIsCompleteAndStillListsAListedManifestThatCouldNotBeFetched() {
        IiifSource source = IiifSource.ofCollections("changzhi-iiif", sources.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION));

        try (IiifHarvester harvester = IiifHarvester.open(source, HTTP, Duration.ofSeconds(10), Duration.ofMillis(10))) {
            // before the first pull the walk has not finished
            assertThat(harvester.walk()).isEqualTo(IiifHarvester.Walk.UNFINISHED);

            harvest(harvester);

            // then every collection was read: the walk is complete; withdrawn.json answered 404 but is still
            // listed (so a caller must not delete its record), under http or https; an unlisted URL is not
            assertThat(harvester.walk()).isEqualTo(IiifHarvester.Walk.COMPLETE);
            assertThat(harvester.lists(url("changzhi/manifests/withdrawn.json"))).isTrue();
            assertThat(harvester.lists(url("changzhi/manifests/luanfuzhi.json").replaceFirst("^http:", "https:")))
                    .isTrue();
            assertThat(harvester.lists(url("changzhi/manifests/taihang-song-audio.json"))).isTrue();
            assertThat(harvester.lists(url("changzhi/manifests/never-listed.json"))).isFalse();
        }
    }

    @Test
    void harvestedManifestsGoThroughTheStandardCrosswalksAndTheUnlabelledOneIsRejected() {
        IiifSource source = IiifSource.ofCollections("changzhi-iiif", sources.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION));
        List<CanonicalRecord> mapped = new ArrayList<>();
        List<String> rejected = new ArrayList<>();

        try (IiifHarvester harvester = IiifHarvester.open(source, HTTP)) {
            for (RawRecord raw : harvest(harvester)) {
                try {
                    mapped.add(Crosswalks.standard().map(raw, CHANGZHI));
                } catch (RecordRejectedException e) {
                    rejected.add(e.getMessage());
                }
            }
        }

        assertThat(mapped).extracting(CanonicalRecord::title, CanonicalRecord::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("潞安府志　卷一", ResourceKind.RARE_BOOK),
                org.assertj.core.groups.Tuple.tuple("八路军总部旧址 照片集", ResourceKind.IMAGE),
                org.assertj.core.groups.Tuple.tuple("在太行山上 合唱录音", ResourceKind.AUDIO));
        assertThat(mapped.get(0).media().get(0).url()).isEqualTo(url("changzhi/manifests/luanfuzhi.json"));
        assertThat(rejected).singleElement().asString().contains("untitled-scan.json has no label");
    }

    @Test
    void aNestedCollectionBeyondMaxDepthIsAFailureNotAWalk() {
        IiifSource shallow = new IiifSource("changzhi-iiif", List.of(sources.iiifUrl(FixtureSources.IIIF_CHANGZHI_COLLECTION)),
                List.of(), 0);

        try (IiifHarvester harvester = IiifHarvester.open(shallow, HTTP)) {
            assertThat(harvest(harvester)).extracting(RawRecord::recordId).containsExactly(
                    url("changzhi/manifests/luanfuzhi.json"), url("changzhi/manifests/untitled-scan.json"));
            assertThat(harvester.failures()).extracting(IiifFailure::reason)
                    .contains("collection nested 1 levels deep; maxDepth is 0", "HTTP 404");
        }
    }

    @Test
    void singleManifestUrlsAreFetchedAsTheyAre() {
        IiifSource single = IiifSource.ofManifests("changzhi-iiif",
                sources.iiifUrl("changzhi/manifests/balujun-zongbu-album.json"));

        try (IiifHarvester harvester = IiifHarvester.open(single, HTTP)) {
            List<RawRecord> records = harvest(harvester);

            assertThat(records).singleElement().extracting(RawRecord::recordId)
                    .isEqualTo(url("changzhi/manifests/balujun-zongbu-album.json"));
            assertThat(new String(records.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"@type\": \"sc:Manifest\"").doesNotContain("{{request.baseUrl}}");
        }
    }

    @Test
    void anUnreachableConfiguredCollectionIsASetupFailureNamingSourceAndUrl() {
        IiifSource missing = IiifSource.ofCollections("changzhi-iiif", sources.iiifUrl("changzhi/no-such-collection.json"));

        try (IiifHarvester harvester = IiifHarvester.open(missing, HTTP)) {
            assertThatThrownBy(harvester::hasNext)
                    .isInstanceOf(IiifHarvestException.class)
                    .hasMessage("IIIF source changzhi-iiif: " + url("changzhi/no-such-collection.json") + ": HTTP 404");
        }
    }

    @Test
    void retriesA503AndKeepsBrokenJsonAsAFailure() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.port();
            server.stubFor(get(urlPathEqualTo("/c.json")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")).willSetStateTo("ok"));
            server.stubFor(get(urlPathEqualTo("/c.json")).inScenario("busy").whenScenarioStateIs("ok")
                    .willReturn(aResponse().withBody("{\"type\":\"Collection\",\"id\":\"" + base + "/c.json\",\"label\":{\"none\":[\"c\"]},"
                            + "\"items\":[{\"id\":\"" + base + "/broken.json\",\"type\":\"Manifest\"},"
                            + "{\"id\":\"" + base + "/m.json\",\"type\":\"Manifest\"}]}")));
            server.stubFor(get(urlPathEqualTo("/broken.json")).willReturn(aResponse().withBody("{\"type\": \"Manifest\", ")));
            server.stubFor(get(urlPathEqualTo("/m.json")).willReturn(aResponse()
                    .withHeader("Last-Modified", "Wed, 01 May 2024 08:00:00 GMT")
                    .withBody("{\"type\":\"Manifest\",\"id\":\"" + base + "/m.json\",\"label\":{\"zh\":[\"壶关秧歌\"]},\"items\":[]}")));

            try (IiifHarvester harvester = IiifHarvester.open(IiifSource.ofCollections("s", URI.create(base + "/c.json")),
                    HTTP, Duration.ofSeconds(5), Duration.ofMillis(10))) {
                List<RawRecord> records = harvest(harvester);

                assertThat(records).singleElement().satisfies(r -> {
                    assertThat(r.recordId()).isEqualTo(base + "/m.json");
                    assertThat(r.datestamp()).isEqualTo(java.time.Instant.parse("2024-05-01T08:00:00Z"));
                });
                assertThat(harvester.failures()).singleElement().extracting(IiifFailure::reason).asString()
                        .startsWith("not valid JSON at line 1");
            }
        } finally {
            server.stop();
        }
    }
}
