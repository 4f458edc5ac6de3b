package org.shangdang.api.search;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.reindex.ReindexJob;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end over real HTTP: the demo's fixture sources (WireMock) harvested through the Camel routes
 * into the record store and the index, then searched through {@code /api/search}. Subclasses choose the
 * engine; the answers must be the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SearchApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-search-api");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @Autowired
    ReindexJob reindexJob;

    @LocalServerPort
    int port;

    @BeforeAll
    void harvestBothFixtureSources() {
        assertThat(jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(FixtureScenario.ZHANGZI_COUNTY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    @Order(1)
    void searchReturnsHitsWithFacetsAndHighlights() throws Exception {
        JsonNode body = getOk("/api/search?q=" + enc("上党梆子"));

        assertThat(body.get("total").asLong()).isGreaterThan(3);
        assertThat(body.get("took_ms").isNumber()).isTrue();
        JsonNode first = body.get("hits").get(0);
        assertThat(first.get("id").asString()).isNotBlank();
        assertThat(first.get("source").asString()).isIn(FixtureScenario.CHANGZHI_CITY, FixtureScenario.ZHANGZI_COUNTY);
        assertThat(body.get("hits").toString()).contains("<em>");
        assertThat(values(body.get("facets").get("source"))).contains(FixtureScenario.CHANGZHI_CITY);
        assertThat(body.get("facets").get("kind").size()).isPositive();
        assertThat(body.get("facets").get("year").size()).isPositive();
    }

    @Test
    @Order(2)
    void collapseWorkListsOneHitPerWorkWithTheWorksMatchingRecords() throws Exception {
        JsonNode records = getOk("/api/search?size=100&collapse=false&q=" + enc("长治"));
        JsonNode works = getOk("/api/search?size=100&collapse=work&q=" + enc("长治"));
        List<JsonNode> walked = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            JsonNode body = getOk("/api/search?size=100&collapse=work&page=" + page + "&q=" + enc("长治"));
            body.get("hits").forEach(walked::add);
            if (body.get("hits").size() < 100) {
                break;
            }
        }

        assertThat(records.has("works")).isFalse();
        assertThat(records.get("hits").get(0).has("work_size")).isFalse();
        assertThat(works.get("total").asLong()).isEqualTo(records.get("total").asLong());
        assertThat(works.get("works").asLong()).isEqualTo(walked.size()).isPositive();
        long recordsInWorks = 0;
        Set<String> workIds = new HashSet<>();
        for (JsonNode hit : walked) {
            assertThat(workIds.add(hit.get("work_id").asString())).isTrue();
            recordsInWorks += hit.get("work_size").asLong();
        }
        assertThat(recordsInWorks).isEqualTo(works.get("total").asLong());
        assertThat(works.get("facets")).isEqualTo(records.get("facets"));
        assertThat(status("/api/search?collapse=edition")).isEqualTo(400);
    }

    @Test
    @Order(2)
    void aBookHeldByTwoLibrariesIsOneWorkListingBothLibrariesCopies() throws Exception {
        String city = "changzhi-city:oai:lib.changzhi.cn:cz-000001";
        String county = "zhangzi-county:oai:lib.zhangzi.cn:zz-0032";

        JsonNode work = getOk("/api/works?record=" + enc(county));

        assertThat(work.get("work_id").asString()).isEqualTo(city);
        List<String> members = new ArrayList<>();
        Set<String> libraries = new HashSet<>();
        work.get("records").forEach(r -> {
            members.add(r.get("id").asString());
            libraries.add(r.get("library").asString());
        });
        assertThat(members).contains(city, county);
        assertThat(libraries).contains("长治市图书馆", "长子县图书馆");
        assertThat(work.get("holdings").asInt()).isPositive();
        assertThat(work.get("links").toString()).contains("same_isbn");
        assertThat(getOk("/api/works/" + enc(city)).get("records").size()).isEqualTo(members.size());
        assertThat(getOk("/api/records/" + county).get("workId").asString()).isEqualTo(city);

        JsonNode collapsed = getOk("/api/search?collapse=work&size=100&q=" + enc("\"上党梆子\""));
        List<JsonNode> hitsOfWork = new ArrayList<>();
        collapsed.get("hits").forEach(h -> {
            if (h.get("work_id").asString().equals(city)) {
                hitsOfWork.add(h);
            }
        });
        assertThat(hitsOfWork).hasSize(1);
        assertThat(hitsOfWork.get(0).get("work_size").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(collapsed.get("works").asLong()).isLessThan(collapsed.get("total").asLong());
    }

    @Test
    @Order(2)
    void availabilityComesLiveFromTheLibrarysSystemWithTheTerminalsPlaceFirst() throws Exception {
        String city = "changzhi-city:oai:lib.changzhi.cn:cz-000001";

        JsonNode copies = getOk("/api/availability?record=" + enc(city)).get("copies");
        JsonNode atHotel = getOk("/api/availability?work=" + enc(city) + "&at=" + enc("长治宾馆")).get("copies");

        Map<String, JsonNode> byBarcode = new HashMap<>();
        copies.forEach(c -> byBarcode.put(c.get("barcode").asString(), c));
        assertThat(byBarcode.get("1404000000004").get("status").asString()).isEqualTo("in_transit");
        assertThat(byBarcode.get("1404000000005").get("status").asString()).isEqualTo("on_loan");
        assertThat(byBarcode.get("1404000000005").get("due_date").asString()).isEqualTo("2026-12-28");
        assertThat(atHotel.get(0).get("barcode").asString()).isEqualTo("1404000000005");
        assertThat(atHotel.get(0).get("service_point").asString()).contains("长治宾馆");
        assertThat(status("/api/availability")).isEqualTo(400);
        assertThat(status("/api/availability?record=" + enc("no-such-source:x"))).isEqualTo(404);
    }

    @Test
    @Order(2)
    void unknownWorksAnswer404Json() throws Exception {
        assertThat(status("/api/works/" + enc("no-such-source:x"))).isEqualTo(404);
        assertThat(status("/api/works?record=" + enc("no-such-source:x"))).isEqualTo(404);
    }

    @Test
    @Order(2)
    void traditionalAndSimplifiedFindTheSameRecords() throws Exception {
        Set<String> traditional = allIds("長治");
        Set<String> simplified = allIds("长治");

        assertThat(simplified).isNotEmpty().isEqualTo(traditional);
    }

    @Test
    @Order(2)
    void pinyinFindsTheRecordsTitledInCharacters() throws Exception {
        Set<String> titled = new HashSet<>();
        for (JsonNode hit : getOk("/api/search?size=100&collapse=false&q=" + enc("\"上党梆子\"")).get("hits")) {
            if (hit.get("title").asString().contains("上党梆子")) {
                titled.add(hit.get("id").asString());
            }
        }

        Set<String> joined = allIds("shangdangbangzi");
        Set<String> syllables = allIds("shang dang bang zi");

        assertThat(titled).isNotEmpty();
        assertThat(joined).containsAll(titled).isSubsetOf(allIds("\"上党梆子\""));
        assertThat(syllables).containsAll(titled);
        assertThat(allIds("sdbz")).containsAll(titled);
    }

    @Test
    @Order(3)
    void everyHarvestedRecordIsSearchableAndTheDeletedAndMalformedOnesAreNot() throws Exception {
        JsonNode city = getOk("/api/search?source=" + FixtureScenario.CHANGZHI_CITY + "&size=1");
        JsonNode county = getOk("/api/search?source=" + FixtureScenario.ZHANGZI_COUNTY + "&size=1");

        assertThat(city.get("total").asLong()).isEqualTo(FixtureSources.changzhiCityRecordCount());
        assertThat(county.get("total").asLong()).isEqualTo(FixtureSources.zhangziCountyRecordCount());
        assertThat(status("/api/records/" + FixtureScenario.CHANGZHI_CITY + ":" + FixtureScenario.DELETED_RECORD_ID)).isEqualTo(404);
        assertThat(status("/api/records/" + FixtureScenario.CHANGZHI_CITY + ":" + FixtureScenario.MALFORMED_RECORD_ID)).isEqualTo(404);
    }

    @Test
    @Order(4)
    void facetFilterNarrowsToTheCountyAndCountsStayWide() throws Exception {
        JsonNode body = getOk("/api/search?county=" + enc("长子县") + "&size=100");

        assertThat(body.get("total").asLong()).isEqualTo(FixtureSources.zhangziCountyRecordCount());
        for (JsonNode hit : body.get("hits")) {
            assertThat(hit.get("source").asString()).isEqualTo(FixtureScenario.ZHANGZI_COUNTY);
        }
        assertThat(values(body.get("facets").get("source"))).containsExactly(FixtureScenario.ZHANGZI_COUNTY);
    }

    @Test
    @Order(5)
    void recordEndpointReturnsTheFullCanonicalRecordWithHoldings() throws Exception {
        // A record's id, not its work's: the work id may be another library's record.
        String id = getOk("/api/search?collapse=false&q=" + enc("上党梆子") + "&source=" + FixtureScenario.CHANGZHI_CITY)
                .get("hits").get(0).get("id").asString();

        JsonNode record = getOk("/api/records/" + id);

        assertThat(record.get("id").asString()).isEqualTo(id);
        assertThat(record.get("title").asString()).isNotBlank();
        assertThat(record.get("library").asString()).isEqualTo("长治市图书馆");
        assertThat(record.get("holdings").size()).isPositive();
        assertThat(record.get("classifications").get(0).get("scheme").asString()).isEqualTo("clc");
        assertThat(record.get("isbns").size()).isPositive();
    }

    @Test
    @Order(6)
    void reharvestLeavesTheCountUnchanged() throws Exception {
        long before = getOk("/api/search?size=1").get("total").asLong();

        JobStatus again = jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.FULL);

        assertThat(again.state()).isEqualTo(JobState.COMPLETED);
        assertThat(getOk("/api/search?size=1").get("total").asLong()).isEqualTo(before);
        assertThat(allIds("")).hasSize((int) before);
    }

    @Test
    @Order(7)
    void incrementalHarvestAppliesTheCorrectionAndTheDeletionAtTheSource() throws Exception {
        String corrected = FixtureScenario.CHANGZHI_CITY + ":" + FixtureScenario.CORRECTED_RECORD_ID;
        String deleted = FixtureScenario.CHANGZHI_CITY + ":" + FixtureScenario.NEWLY_DELETED_RECORD_ID;
        assertThat(getOk("/api/records/" + deleted).get("title").asString()).isNotBlank();
        assertThat(getOk("/api/records/" + corrected).get("title").asString())
                .isEqualTo(FixtureScenario.TITLE_BEFORE_CORRECTION);

        JobStatus incremental = jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.INCREMENTAL);

        assertThat(incremental.state()).isEqualTo(JobState.COMPLETED);
        assertThat(status("/api/records/" + deleted)).isEqualTo(404);
        assertThat(getOk("/api/records/" + corrected).get("title").asString())
                .isEqualTo(FixtureScenario.TITLE_AFTER_CORRECTION);
        assertThat(getOk("/api/search?source=" + FixtureScenario.CHANGZHI_CITY + "&size=1").get("total").asLong())
                .isEqualTo(FixtureSources.changzhiCityRecordCountAfterIncremental());
        assertThat(allIds(FixtureScenario.TITLE_AFTER_CORRECTION)).contains(corrected);
    }

    @Test
    @Order(8)
    void incrementalHarvestWithNothingNewKeepsEveryRecord() throws Exception {
        long before = getOk("/api/search?size=1").get("total").asLong();

        JobStatus incremental = jobs.harvest(FixtureScenario.ZHANGZI_COUNTY, HarvestMode.INCREMENTAL);

        assertThat(incremental.state()).isEqualTo(JobState.COMPLETED);
        assertThat(incremental.seen()).isLessThan(FixtureSources.zhangziCountyRecordCount());
        assertThat(getOk("/api/search?size=1").get("total").asLong()).isEqualTo(before);
    }

    @Test
    void badInputIsA400WithAJsonErrorNeverA5xx() throws Exception {
        List<String> bad = List.of(
                "/api/search?page=abc", "/api/search?size=1000", "/api/search?page=0", "/api/search?size=-1",
                "/api/search?page=999999999999", "/api/search?q=" + enc("x".repeat(600)),
                "/api/search?page=200&size=100");
        for (String path : bad) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            JsonNode error = json.readTree(response.body()).get("error");
            assertThat(error.get("code").asString()).as(path).isIn("invalid_query", "invalid_parameter");
            assertThat(error.get("message").asString()).as(path).isNotBlank().doesNotContain("Exception");
        }
    }

    @Test
    @Order(9)
    void reindexingEverySourceFromTheStoreKeepsTheSameAnswers() throws Exception {
        JsonNode before = getOk("/api/search?size=100&q=" + enc("上党梆子"));
        long totalBefore = getOk("/api/search?size=1").get("total").asLong();

        JobStatus reindex = reindexJob.reindexAll();

        assertThat(reindex.state()).isEqualTo(JobState.COMPLETED);
        assertThat(reindex.mode()).isEqualTo(HarvestMode.REINDEX);
        assertThat(reindex.indexed()).isEqualTo(totalBefore);
        assertThat(getOk("/api/search?size=1").get("total").asLong()).isEqualTo(totalBefore);
        JsonNode after = getOk("/api/search?size=100&q=" + enc("上党梆子"));
        assertThat(ids(after)).isEqualTo(ids(before));
        assertThat(after.get("facets")).isEqualTo(before.get("facets"));
        assertThat(getOk("/api/records/zhangzi-county:oai:lib.zhangzi.cn:zz-0032").get("workId").asString())
                .as("a re-indexed record keeps its union-catalog work")
                .isEqualTo("changzhi-city:oai:lib.changzhi.cn:cz-000001");
    }

    private static Set<String> ids(JsonNode body) {
        Set<String> ids = new HashSet<>();
        body.get("hits").forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }

    @Test
    void hostileQueriesNeverCauseA5xx() throws Exception {
        for (String q : List.of("\"", "*:*", "((((", "a OR ".repeat(90), "😀长治", "\u0000", "<script>alert(1)</script>",
                "title:長治 AND NOT", "\\", "~!@#$%^&*()")) {
            HttpResponse<String> response = get("/api/search?q=" + enc(q));
            assertThat(response.statusCode()).as(q).isIn(200, 400);
            assertThat(response.body()).as(q).doesNotContain("at org.").doesNotContain("<script>");
        }
    }

    @Test
    void unknownRecordsPathsAndWritesAnswerJson() throws Exception {
        HttpResponse<String> missing = get("/api/records/no-such-source:nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("error").get("code").asString()).isEqualTo("not_found");

        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(json.readTree(post.body()).get("error").get("code").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void healthIsUpAndCountsTheIndex() throws Exception {
        JsonNode health = getOk("/actuator/health");

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("searchIndex").get("details").get("records").asLong()).isPositive();
    }

    /** The ids of every record (not work) matching. */
    private Set<String> allIds(String q) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonNode body = getOk("/api/search?size=100&collapse=false&page=" + page + "&q=" + enc(q));
            for (JsonNode hit : body.get("hits")) {
                assertThat(ids.add(hit.get("id").asString())).as("duplicate hit %s", hit.get("id")).isTrue();
            }
            if (body.get("hits").size() < 100) {
                return ids;
            }
        }
    }

    private static List<String> values(JsonNode facet) {
        return facet.valueStream().map(v -> v.get("value").asString()).toList();
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
