package org.shangdang.api.libraries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.fixtures.FixtureLibraries;
import org.shangdang.fixtures.FixtureLibrary;
import org.shangdang.fixtures.FixtureSources;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo configuration harvests all 13 fixture libraries (OAI-PMH, SRU 1.2 and 2.0, ISO 2709 drops in UTF-8 and
 * GBK, a MARCXML drop; MARC 21, CNMARC and Dublin Core) through the real routes, record store, crosswalks,
 * clustering and Lucene index, and the union catalog answers over HTTP as a reader or terminal meets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThirteenLibrariesHarvestIT {

    /** 长治考古发现与研究 (W068 of the labelled set), as 上党区图书馆 catalogues it. */
    private static final String ARCHAEOLOGY = "shangdang-district:oai:lib.shangdang.gov.cn:sd-00011";
    private static final String ARCHAEOLOGY_ISBN13 = "978-7-03-037845-3";
    /** 潞酒与上党酿造 (W191), as 潞州区图书馆 catalogues it. */
    private static final String LU_WINE = "luzhou-district:oai:lib.luzhou.gov.cn:lz-00003";
    private static final String LU_WINE_ISBN13 = "978-7-80767-812-0";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("shangdang-13-libraries");
        registry.add("shangdang.data-dir", dataDir::toString);
        registry.add("shangdang.harvest.on-startup", () -> "false");
        registry.add("shangdang.harvest.retry.initial-delay", () -> "10ms");
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, JobStatus> harvests = new LinkedHashMap<>();

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @LocalServerPort
    int port;

    @BeforeAll
    void harvestAll13Libraries() {
        for (FixtureLibrary library : FixtureLibraries.all()) {
            harvests.put(library.sourceId(), jobs.harvest(library.sourceId(), HarvestMode.FULL));
        }
    }

    @Test
    void everyLibraryYieldsItsFixtureCountAndEachRejectIsCountedWithAReason() throws Exception {
        assertThat(harvests).hasSize(13);
        for (FixtureLibrary library : FixtureLibraries.all()) {
            // given the library's full harvest
            JobStatus job = harvests.get(library.sourceId());
            assertThat(job.state()).as(library.sourceId()).isEqualTo(JobState.COMPLETED);

            // when its records are counted in the index, over the API
            JsonNode search = getJson("/api/search?q=&size=1&source=" + enc(library.sourceId()));

            // then every fixture record is there, and the records that are not were rejected with a reason
            assertThat(search.get("total").asLong()).as(library.sourceId() + " records searchable")
                    .isEqualTo(library.records());
            assertThat(job.rejected()).as(library.sourceId() + " rejected").isEqualTo(library.rejects());
            List<Reject> rejects = store.rejects(job.id());
            assertThat(rejects).as(library.sourceId() + " rejects stored").hasSize(library.rejects())
                    .allSatisfy(r -> assertThat(r.reason()).as(r.recordId()).contains(r.recordId().replaceAll("@.*", "")));
            rejects.forEach(r -> System.out.printf("%s rejected %s: %s%n", library.sourceId(), r.recordId(), r.reason()));
            assertThat(job.seen() - job.deleted()).as(library.sourceId() + " seen = indexed + rejected")
                    .isEqualTo(library.records() + library.rejects());
        }
        assertThat(FixtureLibraries.all().stream().mapToInt(FixtureLibrary::records).sum()).isGreaterThan(700);
    }

    @Test
    void knownWorksHaveCopiesInAtLeastThreeLibrariesEachAtOneOfItsBranchesWithABarcode() throws Exception {
        Map<String, List<String>> servicePoints = new HashMap<>();
        FixtureLibraries.all().forEach(l -> servicePoints.put(l.library(), l.servicePoints()));
        for (String record : List.of(ARCHAEOLOGY, LU_WINE)) {
            // when the work of one library's record is asked for
            JsonNode work = getJson("/api/works?record=" + enc(record));

            // then its records come from several libraries, and their copies stand in those libraries' branches
            Set<String> libraries = new HashSet<>();
            Set<String> locations = new HashSet<>();
            for (JsonNode member : work.get("records")) {
                for (JsonNode holding : member.get("holdings")) {
                    String library = holding.get("library").asString();
                    String location = holding.path("location").asString("");
                    // The city library's older fixture catalogues no location (905 without $c); the others always do.
                    if (!servicePoints.get(library).isEmpty()) {
                        assertThat(servicePoints.get(library)).as(record + ": " + library + " has a service point "
                                + location).contains(location);
                        locations.add(location);
                    }
                    assertThat(holding.get("barcode").asString()).matches("14\\d{11}");
                    assertThat(holding.get("callNumber").asString()).matches("[A-Z][A-Z0-9.]*/\\d+");
                    libraries.add(library);
                }
            }
            assertThat(libraries).as(record + " libraries with copies").hasSizeGreaterThanOrEqualTo(3);
            assertThat(locations).as(record + " branches").hasSizeGreaterThanOrEqualTo(3);
            System.out.printf("%s: work %s, %d records, copies in %s at %s%n", record, work.get("work_id").asString(),
                    work.get("records").size(), libraries, locations);
        }
    }

    @Test
    void anIsbn10WithHyphensFindsTheWorkThroughSearchAndItsRecordsThroughWorks() throws Exception {
        for (Map.Entry<String, String> known : Map.of(ARCHAEOLOGY, ARCHAEOLOGY_ISBN13, LU_WINE, LU_WINE_ISBN13).entrySet()) {
            // given the work of a known record, and its ISBN in the ISBN-10 form with hyphens
            String workId = getJson("/api/works?record=" + enc(known.getKey())).get("work_id").asString();
            String isbn10 = hyphenatedIsbn10(known.getValue());

            // when a reader searches for that form, one hit per work
            JsonNode hits = getJson("/api/search?collapse=work&q=" + enc(isbn10)).get("hits");

            // then the work is found, and its page lists records from several libraries
            List<String> workIds = new ArrayList<>();
            hits.forEach(h -> workIds.add(h.get("work_id").asString()));
            assertThat(workIds).as(isbn10).contains(workId);
            JsonNode work = getJson("/api/works/" + enc(workId));
            Set<String> libraries = new HashSet<>();
            work.get("records").forEach(r -> libraries.add(r.get("library").asString()));
            assertThat(libraries).as(workId).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theGbkDropIngestsWithItsChineseTitlesIntact() {
        // given the labelled records of 平顺县图书馆, whose export is GBK
        FixtureLibrary pingshun = FixtureLibraries.get("pingshun-county");
        Map<String, String> titles = labelledTitles(pingshun.sourceId());

        // then each is indexed under its 001 with the same characters as catalogued (spacing and marks aside)
        assertThat(titles).hasSize(pingshun.records());
        titles.forEach((localId, title) -> assertThat(index.get(CanonicalRecord.idOf(pingshun.sourceId(), localId)))
                .as(localId).hasValueSatisfying(r -> {
                    assertThat(r.title()).doesNotContain("\uFFFD");
                    assertThat(bare(r.title())).isEqualTo(bare(title));
                    assertThat(r.holdings()).isNotEmpty().allSatisfy(h -> assertThat(h.library()).isEqualTo("平顺县图书馆"));
                }));
    }

    @Test
    void availabilityOfAWorkAnswersWhileOneLibraryIsDown() throws Exception {
        // given the work 长治考古发现与研究, held by 壶关县图书馆 whose ILS answers 503
        String workId = getJson("/api/works?record=" + enc(ARCHAEOLOGY)).get("work_id").asString();

        // when its availability is asked for
        JsonNode copies = getJson("/api/availability?work=" + enc(workId)).get("copies");

        // then 壶关县's copies are unknown with a reason, and 上党区's have a live status
        Map<String, Set<String>> statuses = new HashMap<>();
        copies.forEach(c -> statuses.computeIfAbsent(c.get("library").asString(), k -> new HashSet<>())
                .add(c.get("status").asString()));
        assertThat(statuses.get("壶关县图书馆")).as("library with the down ILS (%s)", FixtureSources.DOWN_AVAILABILITY_LIBRARY)
                .containsExactly("unknown");
        assertThat(statuses.get("上党区图书馆")).isNotEmpty().doesNotContain("unknown");
    }

    /** The ISBN-10 of a 978 ISBN-13, hyphenated as the ISBN-13 is: 978-7-03-037845-3 gives 7-03-037845-8. */
    private static String hyphenatedIsbn10(String isbn13) {
        String body = isbn13.substring(4, isbn13.length() - 1);
        String digits = body.replace("-", "");
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (digits.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        return body + (check == 10 ? "X" : String.valueOf(check));
    }

    private static String bare(String title) {
        return title.replaceAll("[\\s《》.．]", "");
    }

    private static Map<String, String> labelledTitles(String sourceId) {
        Map<String, String> titles = new LinkedHashMap<>();
        try (var in = ThirteenLibrariesHarvestIT.class.getClassLoader().getResourceAsStream("fixtures/clustering/records.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] c = lines[i].split("\t", -1);
                if (c[1].equals(sourceId)) {
                    titles.put(c[0].substring(sourceId.length() + 1), c[6].isEmpty() ? c[5] : c[5] + ". " + c[6]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return titles;
    }

    private JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
