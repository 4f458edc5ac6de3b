package org.shangdang.api.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shangdang.fixtures.FixtureScenario;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The union-catalog and terminal APIs end to end over real HTTP: the demo's fixture sources (WireMock) harvested
 * through the Camel routes into the record store and the index, then asked through {@code /api/catalog/…} and
 * {@code /api/terminal/…}. 长治市图书馆's live item status comes from a WireMock owned by this test, serving the
 * fixture answer until the last tests make it slow and then take it down. Subclasses choose the engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CatalogApiContract {

    /** 上党梆子 (cz-000001, ISBN 978-7-203-06318-6), also catalogued by 长子县图书馆 (zz-0032). */
    static final String CITY_RECORD = "changzhi-city:oai:lib.changzhi.cn:cz-000001";
    static final String COUNTY_RECORD = "zhangzi-county:oai:lib.zhangzi.cn:zz-0032";
    static final String CITY_LIBRARY = "长治市图书馆";
    /** In transit, per the fixture ILS. */
    static final String IN_TRANSIT_BARCODE = "1404000000004";
    /** Lent until 2026-12-28 from the 长治宾馆 book bar, per the fixture ILS. */
    static final String ON_LOAN_BARCODE = "1404000000005";

    /** The city's ILS of the context being built: one per subclass, since each has its own context. */
    private static WireMockServer cityIls;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-catalog-api");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
        registry.add("shangdang.rate-limit.enabled", () -> "false");
        WireMockServer ils = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        ils.start();
        cityIls = ils;
        String endpoint = ils.baseUrl() + "/changzhi-city/availability";
        registry.add("shangdang.availability.endpoints[0].library-id", () -> "changzhi-city");
        registry.add("shangdang.availability.endpoints[0].library", () -> CITY_LIBRARY);
        registry.add("shangdang.availability.endpoints[0].url", () -> endpoint);
        // Every lookup asks the ILS, so the tests see it answer, slow down and go down.
        registry.add("shangdang.availability.cache-ttl", () -> "1ms");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    HarvestJobs jobs;

    @LocalServerPort
    int port;

    @BeforeAll
    void harvestBothFixtureSourcesWithTheCityIlsAnswering() throws IOException {
        try (InputStream items = getClass().getResourceAsStream("/fixtures/availability/changzhi-city-items.json")) {
            assertThat(items).as("the fixture ILS answer").isNotNull();
            cityIls.stubFor(get(urlPathEqualTo("/changzhi-city/availability")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(items.readAllBytes())));
        }
        assertThat(jobs.harvest(FixtureScenario.CHANGZHI_CITY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
        assertThat(jobs.harvest(FixtureScenario.ZHANGZI_COUNTY, HarvestMode.FULL).state()).isEqualTo(JobState.COMPLETED);
    }

    @AfterAll
    void stopTheCityIls() {
        if (cityIls.isRunning()) {
            cityIls.stop();
        }
    }

    // ---- /api/catalog ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aMergedWorkListsEveryLibrarysCopiesGroupedWithLiveStatusAndWhy() throws Exception {
        JsonNode work = getOk("/api/catalog/works/" + enc(CITY_RECORD));

        assertThat(work.get("id").asString()).isEqualTo(CITY_RECORD);
        assertThat(work.get("title").asString()).contains("上党梆子");
        assertThat(values(work.get("isbns"))).containsExactly("9787203063186");
        assertThat(recordIds(work)).contains(CITY_RECORD, COUNTY_RECORD);
        List<String> copiesOf = new ArrayList<>();
        work.get("holdings").forEach(h -> copiesOf.add(h.get("library").asString()));
        assertThat(copiesOf).contains(CITY_LIBRARY).isSorted();
        assertThat(work.get("holdingCount").asInt()).isEqualTo(work.get("holdings").size());
        // 长子县图书馆's Dublin Core record itemises no copies: it holds the work all the same.
        assertThat(values(work.get("libraries"), "library")).containsExactly("长子县图书馆", CITY_LIBRARY);
        assertThat(work.get("libraries").get(0).get("copies").asInt()).isZero();
        assertThat(work.get("libraries").get(1).get("copies").asInt()).isEqualTo(copiesOf.size());
        assertThat(work.get("libraryCount").asInt()).isEqualTo(2);
        JsonNode onLoan = holdingWithBarcode(work, ON_LOAN_BARCODE);
        assertThat(onLoan.get("library").asString()).isEqualTo(CITY_LIBRARY);
        assertThat(onLoan.get("callNumber").asString()).isNotBlank();
        assertThat(onLoan.get("availability").get("status").asString()).isEqualTo("on_loan");
        assertThat(onLoan.get("availability").get("dueDate").asString()).isEqualTo("2026-12-28");
        assertThat(holdingWithBarcode(work, IN_TRANSIT_BARCODE).get("availability").get("status").asString())
                .isEqualTo("in_transit");
        assertThat(work.get("why").get("links").toString()).contains("same_isbn").contains(COUNTY_RECORD);
    }

    @Test
    @Order(1)
    void theWorksApiAndTheCatalogApiDescribeTheSameWork() throws Exception {
        JsonNode catalog = getOk("/api/catalog/works/" + enc(CITY_RECORD));
        JsonNode works = getOk("/api/works/" + enc(CITY_RECORD));
        JsonNode ofRecord = getOk("/api/works?record=" + enc(COUNTY_RECORD));

        List<String> listed = new ArrayList<>();
        works.get("records").forEach(r -> listed.add(r.get("id").asString()));
        assertThat(listed).isEqualTo(recordIds(catalog));
        assertThat(works.get("holdings").asInt()).isEqualTo(catalog.get("holdingCount").asInt());
        assertThat(works.get("links")).isEqualTo(catalog.get("why").get("links"));
        assertThat(ofRecord.get("work_id").asString()).isEqualTo(CITY_RECORD);
    }

    @Test
    @Order(1)
    void aMergedWorkExportsAsOneMarc21RecordWithEveryCopyIn852() throws Exception {
        JsonNode work = getOk("/api/catalog/works/" + enc(CITY_RECORD));
        HttpResponse<String> response = send("/api/catalog/works/" + enc(CITY_RECORD) + "?format=marcxml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/marcxml+xml");
        String xml = response.body();
        assertThat(xml).contains("http://www.loc.gov/MARC21/slim").contains("9787203063186");
        // One 852 per copy, and one naming 长子县图书馆, whose record itemises no copies.
        assertThat(xml.split("tag=\"852\"", -1)).hasSize(work.get("holdingCount").asInt() + 2);
        assertThat(xml).contains(ON_LOAN_BARCODE).contains(IN_TRANSIT_BARCODE).contains("长子县图书馆");
        assertThat(send("/api/catalog/works/" + enc(CITY_RECORD) + "?format=mods").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(1)
    void theMarcxmlExportIsValidMarc21Slim() throws Exception {
        String shared = System.getProperty("shangdang.shared", "");
        Path xsd = Path.of(shared, "corpus", "schemas", "MARC21slim.xsd");
        Assumptions.assumeTrue(!shared.isEmpty() && Files.isRegularFile(xsd),
                "../shared/corpus absent: skipping MARC21slim validation of the MARCXML export");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        Validator validator = factory.newSchema(xsd.toFile()).newValidator();

        String xml = send("/api/catalog/works/" + enc(CITY_RECORD) + "?format=marcxml").body();

        assertThatCode(() -> validator.validate(new StreamSource(new StringReader(xml)))).doesNotThrowAnyException();
    }

    @Test
    @Order(1)
    void anIsbnInAnyFormFindsTheWork() throws Exception {
        for (String form : List.of("978-7-203-06318-6", "9787203063186", "7-203-06318-6", "7203063186",
                "9787203063186(精装)", "ISBN 978-7-203-06318-6", "９７８７２０３０６３１８６", "978 7 203 06318 6 :CNY36.00")) {
            JsonNode answer = getOk("/api/catalog/isbn/" + enc(form));

            assertThat(answer.get("isbn").asString()).as(form).isEqualTo("9787203063186");
            assertThat(answer.get("works").get(0).get("id").asString()).as(form).isEqualTo(CITY_RECORD);
            assertThat(recordIds(answer.get("works").get(0))).as(form).contains(COUNTY_RECORD);
        }
    }

    @Test
    @Order(1)
    void anInvalidIsbnIsA400AndAnUnknownOneA404() throws Exception {
        for (String bad : List.of("978-7-203-06318-0", "7-203-06318-5", "12345", "abc", "97872030631861")) {
            HttpResponse<String> response = send("/api/catalog/isbn/" + enc(bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").get("message").asString()).as(bad).contains(bad);
        }
        assertThat(send("/api/catalog/isbn/9780306406157").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void aBarcodeFindsItsCopyLibraryBranchAndWork() throws Exception {
        JsonNode answer = getOk("/api/catalog/barcode/" + ON_LOAN_BARCODE);

        assertThat(answer.get("copy").get("barcode").asString()).isEqualTo(ON_LOAN_BARCODE);
        assertThat(answer.get("copy").get("library").asString()).isEqualTo(CITY_LIBRARY);
        assertThat(answer.get("copy").get("record").asString()).isEqualTo(CITY_RECORD);
        assertThat(answer.get("copy").get("availability").get("status").asString()).isEqualTo("on_loan");
        assertThat(answer.get("work").get("id").asString()).isEqualTo(CITY_RECORD);
        assertThat(getOk("/api/catalog/barcode/" + enc(" " + ON_LOAN_BARCODE + " ")).get("copy").get("barcode").asString())
                .isEqualTo(ON_LOAN_BARCODE);
        assertThat(send("/api/catalog/barcode/0000000000000").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void aCallNumberPrefixBrowsesOneLibrarysShelf() throws Exception {
        String callNumber = holdingWithBarcode(getOk("/api/catalog/works/" + enc(CITY_RECORD)), ON_LOAN_BARCODE)
                .get("callNumber").asString();
        String prefix = callNumber.substring(0, Math.min(4, callNumber.length()));

        JsonNode shelf = getOk("/api/catalog/callnumber?library=" + enc(CITY_LIBRARY) + "&q=" + enc(prefix.toLowerCase()));
        JsonNode otherLibrary = getOk("/api/catalog/callnumber?library=" + enc("长子县图书馆") + "&q=" + enc(prefix));

        List<String> callNumbers = new ArrayList<>();
        List<String> barcodes = new ArrayList<>();
        shelf.get("copies").forEach(c -> {
            callNumbers.add(c.get("callNumber").asString());
            barcodes.add(c.get("barcode").asString());
        });
        assertThat(barcodes).contains(ON_LOAN_BARCODE, IN_TRANSIT_BARCODE);
        assertThat(callNumbers).allSatisfy(c -> assertThat(c.toUpperCase()).startsWith(prefix.toUpperCase())).isSorted();
        assertThat(shelf.get("total").asInt()).isEqualTo(callNumbers.size());
        otherLibrary.get("copies").forEach(c -> assertThat(c.get("barcode").asString()).isNotEqualTo(ON_LOAN_BARCODE));
        assertThat(send("/api/catalog/callnumber?library=" + enc(CITY_LIBRARY)).statusCode()).isEqualTo(400);
        assertThat(send("/api/catalog/callnumber?library=" + enc(CITY_LIBRARY) + "&q=+").statusCode()).isEqualTo(400);
    }

    @Test
    @Order(1)
    void unknownWorksAndBadParametersAnswerJsonErrors() throws Exception {
        for (String path : List.of("/api/catalog/works/no-such-source:x", "/api/terminal/barcode/nothing",
                "/api/terminal/availability?work=no-such-source:x", "/api/terminal/isbn/9780306406157")) {
            HttpResponse<String> response = send(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json.readTree(response.body()).get("error").get("code").asString()).as(path).isEqualTo("not_found");
        }
        for (String path : List.of("/api/terminal/search?size=500", "/api/terminal/search?page=abc",
                "/api/terminal/isbn/abc", "/api/terminal/availability", "/api/catalog/callnumber?q=K&library=x&size=0")) {
            HttpResponse<String> response = send(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").get("code").asString()).as(path)
                    .isIn("invalid_query", "invalid_parameter");
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/terminal/search?q=x"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    // ---- search collapsed to works -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void searchListsOneHitPerWorkByDefaultWithHoldingAndLibraryCounts() throws Exception {
        JsonNode works = getOk("/api/search?size=100&q=" + enc("\"上党梆子\""));
        JsonNode records = getOk("/api/search?size=100&collapse=false&q=" + enc("\"上党梆子\""));

        JsonNode hit = null;
        Set<String> ids = new HashSet<>();
        for (JsonNode h : works.get("hits")) {
            assertThat(ids.add(h.get("id").asString())).isTrue();
            assertThat(h.get("id").asString()).isEqualTo(h.get("work_id").asString());
            if (h.get("id").asString().equals(CITY_RECORD)) {
                hit = h;
            }
        }
        assertThat(hit).isNotNull();
        JsonNode work = getOk("/api/catalog/works/" + enc(CITY_RECORD));
        assertThat(hit.get("holdings").asInt()).isEqualTo(work.get("holdingCount").asInt());
        assertThat(hit.get("libraries").asInt()).isEqualTo(2).isEqualTo(work.get("libraryCount").asInt());
        assertThat(works.get("works").asLong()).isEqualTo(works.get("hits").size()).isLessThan(records.get("total").asLong());
        assertThat(records.has("works")).isFalse();
        List<String> recordIds = new ArrayList<>();
        records.get("hits").forEach(h -> recordIds.add(h.get("id").asString()));
        assertThat(recordIds).contains(CITY_RECORD, COUNTY_RECORD);
        assertThat(values(works.get("facets").get("library"), "value")).contains(CITY_LIBRARY, "长子县图书馆");
        assertThat(works.get("facets").has("county")).isTrue();
    }

    // ---- /api/terminal -------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void terminalSearchFindsByPinyinAndInitialsWithCompactHits() throws Exception {
        for (String typed : List.of("sdbz", "shangdangbangzi", "czs", "changzhi")) {
            JsonNode body = getOk("/api/terminal/search?size=50&q=" + typed);

            List<String> ids = new ArrayList<>();
            body.get("hits").forEach(h -> ids.add(h.get("id").asString()));
            assertThat(ids).as(typed).contains(CITY_RECORD);
            JsonNode hit = body.get("hits").get(ids.indexOf(CITY_RECORD));
            assertThat(hit.get("title").asString()).contains("上党梆子");
            assertThat(hit.get("creator").asString()).isNotBlank();
            assertThat(hit.get("year").asInt()).isEqualTo(2009);
            assertThat(hit.get("kind").asString()).isEqualTo("book");
            assertThat(hit.get("holdings").asInt()).isEqualTo(getOk("/api/catalog/works/" + enc(CITY_RECORD))
                    .get("holdingCount").asInt());
            assertThat(hit.has("highlights")).isFalse();
            assertThat(body.has("facets")).isFalse();
        }
        Set<String> initials = new HashSet<>();
        getOk("/api/terminal/search?size=50&q=sdbz").get("hits").forEach(h -> initials.add(h.get("title").asString()));
        assertThat(initials).anySatisfy(t -> assertThat(t).contains("上党梆子"));
    }

    @Test
    @Order(1)
    void terminalSearchListsTheWorksOfTheSearchPageInItsOrderWithTheSameCount() throws Exception {
        for (String typed : List.of("sdbz", "长治", "上党", "")) {
            // Given the reader's search, collapsed to works (with facets and highlights)
            JsonNode search = getOk("/api/search?size=20&q=" + enc(typed));

            // When the terminal searches the same text (hits only)
            JsonNode terminal = getOk("/api/terminal/search?size=20&q=" + enc(typed));

            // Then it lists the same works in the same order, and counts works as the search does
            List<String> searched = new ArrayList<>();
            search.get("hits").forEach(h -> searched.add(h.get("id").asString()));
            List<String> listed = new ArrayList<>();
            terminal.get("hits").forEach(h -> listed.add(h.get("id").asString()));
            assertThat(listed).as(typed).isNotEmpty().isEqualTo(searched);
            assertThat(terminal.get("total").asLong()).as(typed).isEqualTo(search.get("works").asLong());
        }
    }

    @Test
    @Order(1)
    void terminalCountsTheCopiesAvailableNowAsTheLibrarysSystemSays() throws Exception {
        JsonNode hit = terminalHit("sdbz", CITY_RECORD);
        JsonNode copies = getOk("/api/terminal/availability?work=" + enc(CITY_RECORD)).get("copies");

        long available = copies.valueStream().filter(c -> c.get("status").asString().equals("available")).count();
        long unknown = copies.valueStream().filter(c -> c.get("status").asString().equals("unknown")).count();
        assertThat(hit.get("available").asLong()).isEqualTo(available);
        assertThat(hit.get("unknown").asLong()).isEqualTo(unknown).isLessThan(copies.size());
        assertThat(hit.get("holdings").asInt()).isEqualTo(copies.size());
    }

    @Test
    @Order(1)
    void terminalLooksUpAScannedIsbnAndBarcode() throws Exception {
        JsonNode byIsbn = getOk("/api/terminal/isbn/" + enc("7-203-06318-6"));
        JsonNode byBarcode = getOk("/api/terminal/barcode/" + IN_TRANSIT_BARCODE);

        assertThat(byIsbn.get("isbn").asString()).isEqualTo("9787203063186");
        assertThat(byIsbn.get("works").get(0).get("id").asString()).isEqualTo(CITY_RECORD);
        assertThat(byIsbn.get("works").get(0).get("title").asString()).contains("上党梆子");
        assertThat(byBarcode.get("copy").get("library").asString()).isEqualTo(CITY_LIBRARY);
        assertThat(byBarcode.get("copy").get("status").asString()).isEqualTo("in_transit");
        assertThat(byBarcode.get("work").get("id").asString()).isEqualTo(CITY_RECORD);
    }

    @Test
    @Order(1)
    void terminalAvailabilityListsItsOwnBranchFirstThenItsLibraryThenTheRest() throws Exception {
        JsonNode copies = getOk("/api/terminal/availability?work=" + enc(CITY_RECORD) + "&at=" + enc("长治宾馆"))
                .get("copies");

        assertThat(copies.get(0).get("barcode").asString()).isEqualTo(ON_LOAN_BARCODE);
        assertThat(copies.get(0).get("servicePoint").asString()).contains("长治宾馆");
        assertThat(copies.get(0).get("due").asString()).isEqualTo("2026-12-28");
        assertThat(copies.get(1).get("barcode").asString()).isEqualTo(IN_TRANSIT_BARCODE);
        JsonNode elsewhere = getOk("/api/terminal/availability?work=" + enc(CITY_RECORD) + "&at=" + enc("上党门")).get("copies");
        assertThat(elsewhere.get(0).get("barcode").asString()).as("in transit to 悦读长治·上党门书吧")
                .isEqualTo(IN_TRANSIT_BARCODE);
    }

    // ---- degraded availability: last, since they break the city's ILS -----------------------------------------------

    @Test
    @Order(10)
    void aSlowLibrarySystemMakesItsCopiesUnknownAndTheTerminalStillAnswers() throws Exception {
        cityIls.resetAll();
        cityIls.stubFor(get(urlPathEqualTo("/changzhi-city/availability"))
                .willReturn(aResponse().withFixedDelay(4000).withStatus(200).withBody("{}")));

        long started = System.nanoTime();
        JsonNode copies = getOk("/api/terminal/availability?work=" + enc(CITY_RECORD) + "&at=" + enc("长治宾馆"))
                .get("copies");
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMs).isLessThan(3500);
        assertThat(copies.size()).isPositive();
        copies.forEach(c -> assertThat(c.get("status").asString()).isEqualTo("unknown"));
        assertThat(copies.get(0).get("detail").asString()).isNotBlank();
        assertDegradedEverywhere();
    }

    @Test
    @Order(11)
    void aLibrarySystemThatIsDownMakesItsCopiesUnknownAndEveryLookupStillAnswers() throws Exception {
        cityIls.stop();

        JsonNode copies = getOk("/api/terminal/availability?work=" + enc(CITY_RECORD)).get("copies");

        copies.forEach(c -> assertThat(c.get("status").asString()).isEqualTo("unknown"));
        assertDegradedEverywhere();
    }

    private void assertDegradedEverywhere() throws Exception {
        JsonNode hit = terminalHit("czs", CITY_RECORD);
        assertThat(hit.get("available").asInt()).isZero();
        assertThat(hit.get("unknown").asInt()).isEqualTo(hit.get("holdings").asInt());
        assertThat(getOk("/api/terminal/barcode/" + ON_LOAN_BARCODE).get("copy").get("status").asString())
                .isEqualTo("unknown");
        assertThat(holdingWithBarcode(getOk("/api/catalog/works/" + enc(CITY_RECORD)), ON_LOAN_BARCODE)
                .get("availability").get("status").asString()).isEqualTo("unknown");
        assertThat(getOk("/api/catalog/isbn/9787203063186").get("works").size()).isPositive();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private JsonNode terminalHit(String q, String workId) throws Exception {
        for (JsonNode hit : getOk("/api/terminal/search?size=50&q=" + enc(q)).get("hits")) {
            if (hit.get("id").asString().equals(workId)) {
                return hit;
            }
        }
        throw new AssertionError("no terminal hit for work " + workId + " with q=" + q);
    }

    private static JsonNode holdingWithBarcode(JsonNode work, String barcode) {
        for (JsonNode holding : work.get("holdings")) {
            if (barcode.equals(holding.get("barcode").asString(null))) {
                return holding;
            }
        }
        throw new AssertionError("work " + work.get("id") + " lists no copy with barcode " + barcode);
    }

    private static List<String> recordIds(JsonNode work) {
        return values(work.get("records"), "id");
    }

    private static List<String> values(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> values(JsonNode array, String field) {
        return array.valueStream().map(v -> v.get(field).asString()).toList();
    }

    private JsonNode getOk(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        // %20, not +, for a space: these values also go into paths, where + is a plus.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
