package org.shangdang.connectors.oaipmh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/**
 * Real OAI-PMH responses from other harvesters' test suites ({@code shared/corpus/oai}, see PROVENANCE.md),
 * read by the parser and, for one token chain, by the harvester over HTTP.
 */
class OaiCorpusInteropTest {

    private static final List<String> FOLDERS = List.of("sickle", "pyoai", "phpoaipmh", "vufindharvest");
    private static final URI URL = URI.create("http://corpus.invalid/oai");
    private static final String MARC_NS = "http://www.loc.gov/MARC21/slim";

    /** Every corpus file this test states an expectation for; kept in step with the table below. */
    private static final Set<String> COVERED = Set.of(
            "sickle/GetRecord.xml", "sickle/GetRecord_utf8test.xml", "sickle/Identify.xml", "sickle/ListIdentifiers.xml",
            "sickle/ListIdentifiers2.xml", "sickle/ListMetadataFormats.xml", "sickle/ListRecords.xml",
            "sickle/ListRecords2.xml", "sickle/ListRecords3.xml", "sickle/ListRecords4.xml", "sickle/ListRecordsBroken.xml",
            "sickle/ListSets.xml", "sickle/badArgument.xml", "sickle/badResumptionToken.xml",
            "sickle/cannotDisseminateFormat.xml", "sickle/idDoesNotExist.xml", "sickle/noRecordsMatch.xml",
            "sickle/noSetHierarchy.xml", "sickle/undefinedError.xml",
            "pyoai/Identify_bad_earliestDatestamp.xml", "pyoai/Identify_malformed_unclosed_element.xml",
            "pyoai/Identify_malformed_undefined_entity.xml", "pyoai/erasmus_GetRecord_1765-1162.xml",
            "pyoai/erasmus_GetRecord_1765-315.xml", "pyoai/erasmus_GetRecord_deleted_1765-1160.xml",
            "pyoai/erasmus_Identify.xml", "pyoai/erasmus_ListIdentifiers_from2003.xml",
            "pyoai/erasmus_ListMetadataFormats.xml", "pyoai/erasmus_ListRecords_from2003.xml",
            "pyoai/erasmus_ListRecords_from2004_large.xml", "pyoai/erasmus_ListSets.xml",
            "pyoai/erasmus_bare_oai_dc_metadata.xml",
            "phpoaipmh/BadResponseInvalidRecord.xml", "phpoaipmh/BadResponseNonExistentVerb.xml",
            "phpoaipmh/GetRecord_single.xml", "phpoaipmh/Identify.xml", "phpoaipmh/bnf_gallica_ListRecords_namespaced.xml",
            "phpoaipmh/nsdl_ListIdentifiers_page1.xml", "phpoaipmh/nsdl_ListIdentifiers_page2.xml",
            "phpoaipmh/nsdl_ListIdentifiers_page3.xml", "phpoaipmh/nsdl_ListIdentifiers_page4.xml",
            "phpoaipmh/nsdl_ListRecords_nsdl_dc_single_page.xml",
            "vufindharvest/alma_ListRecords_marc21.xml", "vufindharvest/arbitrary_error_response.xml",
            "vufindharvest/badResumptionToken.xml", "vufindharvest/doaj_ListRecords_oai_doaj.xml",
            "vufindharvest/identify_response.xml", "vufindharvest/list_records_response.xml",
            "vufindharvest/list_records_token_response.xml", "vufindharvest/list_sets_response.xml");

    private Path oai;

    @BeforeEach
    void locateCorpus() {
        String shared = System.getProperty("shangdang.shared");
        Path dir = shared == null ? null : Path.of(shared, "corpus", "oai");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir),
                "../shared/corpus absent (system property shangdang.shared=" + shared + "): skipping OAI-PMH interop test");
        oai = dir;
    }

    private OaiResponse parse(String file, RecordFormat format) throws IOException {
        try (InputStream in = Files.newInputStream(oai.resolve(file))) {
            return new OaiResponseParser("corpus", format).parse(in, URL);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Test
    void tableCoversEveryCorpusFile() throws IOException {
        // given the corpus folders as they are on disk
        Set<String> onDisk = new TreeSet<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> files = Files.list(oai.resolve(folder))) {
                onDisk.addAll(files.map(p -> folder + "/" + p.getFileName()).collect(Collectors.toSet()));
            }
        }

        // then a new file there needs a stated expectation here
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(new TreeSet<>(COVERED));
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sickle/GetRecord.xml                               | RECORDS   | 1   | 0 |
            sickle/GetRecord_utf8test.xml                      | RECORDS   | 1   | 0 |
            sickle/Identify.xml                                | IDENTIFY  |     |   | DAY
            sickle/ListIdentifiers.xml                         | LISTING   | 2   |   | ListIdentifiers2.xml
            sickle/ListIdentifiers2.xml                        | LISTING   | 2   |   |
            sickle/ListMetadataFormats.xml                     | LISTING   | 5   |   |
            sickle/ListRecords.xml                             | RECORDS   | 2   | 1 | ListRecords2.xml
            sickle/ListRecords2.xml                            | RECORDS   | 2   | 1 | ListRecords3.xml
            sickle/ListRecords3.xml                            | RECORDS   | 2   | 1 | ListRecords4.xml
            sickle/ListRecords4.xml                            | RECORDS   | 1   | 0 |
            sickle/ListRecordsBroken.xml                       | MALFORMED |     |   | not well-formed XML
            sickle/ListSets.xml                                | LISTING   | 131 |   |
            sickle/badArgument.xml                             | ERROR     |     |   | badArgument
            sickle/badResumptionToken.xml                      | ERROR     |     |   | badResumptionToken
            sickle/cannotDisseminateFormat.xml                 | ERROR     |     |   | cannotDisseminateFormat
            sickle/idDoesNotExist.xml                          | ERROR     |     |   | idDoesNotExist
            sickle/noRecordsMatch.xml                          | ERROR     |     |   | noRecordsMatch
            sickle/noSetHierarchy.xml                          | ERROR     |     |   | noSetHierarchy
            sickle/undefinedError.xml                          | ERROR     |     |   | undefinedError
            pyoai/Identify_bad_earliestDatestamp.xml           | IDENTIFY  |     |   | SECOND
            pyoai/Identify_malformed_unclosed_element.xml      | MALFORMED |     |   | "bogus" must be terminated
            pyoai/Identify_malformed_undefined_entity.xml      | MALFORMED |     |   | "bogus" was referenced, but not declared
            pyoai/erasmus_GetRecord_1765-1162.xml              | RECORDS   | 1   | 0 |
            pyoai/erasmus_GetRecord_1765-315.xml               | RECORDS   | 1   | 0 |
            pyoai/erasmus_GetRecord_deleted_1765-1160.xml      | RECORDS   | 1   | 1 |
            pyoai/erasmus_Identify.xml                         | IDENTIFY  |     |   | SECOND
            pyoai/erasmus_ListIdentifiers_from2003.xml         | LISTING   | 16  |   |
            pyoai/erasmus_ListMetadataFormats.xml              | LISTING   | 1   |   |
            pyoai/erasmus_ListRecords_from2003.xml             | RECORDS   | 16  | 0 |
            pyoai/erasmus_ListRecords_from2004_large.xml       | RECORDS   | 81  | 2 |
            pyoai/erasmus_ListSets.xml                         | LISTING   | 10  |   |
            pyoai/erasmus_bare_oai_dc_metadata.xml             | MALFORMED |     |   | not an OAI-PMH response
            phpoaipmh/BadResponseInvalidRecord.xml             | ERROR     |     |   | idDoesNotExist
            phpoaipmh/BadResponseNonExistentVerb.xml           | ERROR     |     |   | badVerb
            phpoaipmh/GetRecord_single.xml                     | RECORDS   | 1   | 0 |
            phpoaipmh/Identify.xml                             | IDENTIFY  |     |   | SECOND
            phpoaipmh/bnf_gallica_ListRecords_namespaced.xml   | RECORDS   | 1   | 0 | 1!53691!20513471!2505879!100!2402263!oai_dc
            phpoaipmh/nsdl_ListIdentifiers_page1.xml           | LISTING   | 200 |   | 0/200/733/nsdl_dc/null/2012-07-26/null
            phpoaipmh/nsdl_ListIdentifiers_page2.xml           | LISTING   | 200 |   | 200/400/733/nsdl_dc/null/2012-07-26/null
            phpoaipmh/nsdl_ListIdentifiers_page3.xml           | LISTING   | 200 |   | 400/600/733/nsdl_dc/null/2012-07-26/null
            phpoaipmh/nsdl_ListIdentifiers_page4.xml           | LISTING   | 133 |   |
            phpoaipmh/nsdl_ListRecords_nsdl_dc_single_page.xml | RECORDS   | 162 | 0 |
            vufindharvest/alma_ListRecords_marc21.xml          | RECORDS   | 100 | 0 | fakeresumptiontoken
            vufindharvest/arbitrary_error_response.xml         | ERROR     |     |   | foo
            vufindharvest/badResumptionToken.xml               | ERROR     |     |   | badResumptionToken
            vufindharvest/doaj_ListRecords_oai_doaj.xml        | RECORDS   | 100 | 0 | eyJtIjogIm9haV9kb2FqIiwgIm4iOiAxMDB9
            vufindharvest/identify_response.xml                | IDENTIFY  |     |   | SECOND
            vufindharvest/list_records_response.xml            | RECORDS   | 2   | 1 |
            vufindharvest/list_records_token_response.xml      | RECORDS   | 1   | 0 | more
            vufindharvest/list_sets_response.xml               | LISTING   | 2   |   |
            """)
    void corpusResponseReadsAsExpected(String file, String kind, Integer items, Integer deleted, String detail)
            throws IOException {
        // given a real response, when it is parsed, then:
        assertThat(COVERED).contains(file);
        switch (kind) {
            case "RECORDS" -> {
                OaiPage page = ((OaiResponse.Records) parse(file, RecordFormat.OAI_DC)).page();
                assertThat(page.records()).hasSize(items);
                assertThat(page.records().stream().filter(RawRecord::isDeleted)).hasSize(deleted);
                assertThat(page.records()).allSatisfy(r -> assertThat(r.payload().length == 0).isEqualTo(r.isDeleted()));
                assertThat(page.resumptionToken()).isEqualTo(Optional.of(orEmpty(detail)).filter(t -> !t.isEmpty()));
            }
            case "LISTING" -> {
                OaiResponse.Listing listing = (OaiResponse.Listing) parse(file, RecordFormat.OAI_DC);
                assertThat(listing.itemCount()).isEqualTo(items);
                assertThat(listing.resumptionToken()).isEqualTo(Optional.of(orEmpty(detail)).filter(t -> !t.isEmpty()));
            }
            case "IDENTIFY" -> {
                Identify identify = ((OaiResponse.Identified) parse(file, RecordFormat.OAI_DC)).identify();
                assertThat(identify.granularity()).isEqualTo(Granularity.valueOf(detail));
                assertThat(identify.repositoryName()).isNotBlank();
                assertThat(identify.protocolVersion()).isEqualTo("2.0");
            }
            case "ERROR" -> assertThat(((OaiResponse.Errors) parse(file, RecordFormat.OAI_DC)).errors())
                    .extracting(OaiError::code).containsExactly(detail);
            case "MALFORMED" -> assertThatThrownBy(() -> parse(file, RecordFormat.OAI_DC))
                    .isInstanceOf(MalformedResponseException.class)
                    .hasMessageContaining(URL.toString())
                    .hasMessageContaining(detail);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    @Test
    void almaMarc21PayloadsAreStandaloneMarcxmlRecords() throws Exception {
        // given Alma's marc21 prefix
        OaiPage page = ((OaiResponse.Records) parse("vufindharvest/alma_ListRecords_marc21.xml", RecordFormat.MARCXML)).page();

        // then every payload is a MARC21 slim <record> that parses alone
        assertThat(page.records()).hasSize(100).allSatisfy(r -> {
            assertThat(OaiFixtures.parseAlone(r.payload()).root()).isEqualTo("{" + MARC_NS + "}record");
            assertThat(r.format()).isEqualTo(RecordFormat.MARCXML);
        });
        assertThat(page.records().get(0).recordId()).isEqualTo("oai:urm_publish:9925821506101791");
        assertThat(OaiFixtures.parseAlone(page.records().get(0).payload()).text()).contains("9925821506101791");
        assertThat(page.maxDatestamp()).isPresent();
    }

    @Test
    void bnfDayDatestampsAndRootDeclaredNamespacesCarryIntoThePayload() throws Exception {
        // given BnF Gallica, whose dc:/oai_dc: prefixes are declared on <OAI-PMH> only
        RawRecord record = ((OaiResponse.Records) parse("phpoaipmh/bnf_gallica_ListRecords_namespaced.xml",
                RecordFormat.OAI_DC)).page().records().get(0);

        // then
        assertThat(record.datestamp()).isEqualTo(Instant.parse("2010-06-09T00:00:00Z"));
        OaiFixtures.Parsed parsed = OaiFixtures.parseAlone(record.payload());
        assertThat(parsed.root()).isEqualTo("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc");
        assertThat(parsed.text()).contains("Le Poème. Publication mensuelle");
        assertThat(OaiFixtures.elementNamespaces(record.payload()))
                .contains("http://purl.org/dc/elements/1.1/").doesNotContain("");
        // declared once, on the root, not again on every element
        assertThat(new String(record.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
                .contains("<dc:title>Le Poème. Publication mensuelle</dc:title>");
    }

    @Test
    void nonAsciiMetadataSurvivesAsUtf8() throws Exception {
        // given / when
        RawRecord record = ((OaiResponse.Records) parse("sickle/GetRecord_utf8test.xml", RecordFormat.OAI_DC))
                .page().records().get(0);

        // then
        assertThat(OaiFixtures.parseAlone(record.payload()).text()).contains("某人");
    }

    @Test
    void unreadableEarliestDatestampIsLeftEmpty() throws Exception {
        // given earliestDatestamp "aaaa-bb-cc"
        Identify identify = ((OaiResponse.Identified) parse("pyoai/Identify_bad_earliestDatestamp.xml", RecordFormat.OAI_DC))
                .identify();

        // then
        assertThat(identify.earliestDatestamp()).isEmpty();
        assertThat(identify.repositoryName()).isEqualTo("DSpace at Erasmus");
    }

    @Test
    void recordWithoutDatestampTakesTheResponseDate() throws Exception {
        // given VuFind's fixture whose headers lack the (required) datestamp
        OaiPage page = ((OaiResponse.Records) parse("vufindharvest/list_records_response.xml", RecordFormat.OAI_DC)).page();

        // then
        assertThat(page.records()).extracting(RawRecord::datestamp).containsOnly(Instant.parse("2016-07-12T16:22:05Z"));
        assertThat(page.records()).extracting(RawRecord::status).containsExactly(RecordStatus.DELETED, RecordStatus.PRESENT);
    }

    @Test
    void harvesterFollowsSickleTokenChainOverHttp() throws IOException {
        // given sickle's four-page chain served as a repository; its tokens are the next file's name
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        try {
            server.stubFor(get(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", absent())
                    .willReturn(aResponse().withBody(Files.readAllBytes(oai.resolve("sickle/ListRecords.xml")))));
            for (String next : List.of("ListRecords2.xml", "ListRecords3.xml", "ListRecords4.xml")) {
                server.stubFor(get(urlPathEqualTo("/oai")).withQueryParam("resumptionToken", equalTo(next))
                        .willReturn(aResponse().withBody(Files.readAllBytes(oai.resolve("sickle/" + next)))));
            }
            OaiPmhSource source = OaiPmhSource.of("sickle", URI.create(server.baseUrl() + "/oai"), "oai_dc", Optional.empty());
            RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));

            // when
            List<OaiPage> pages = new ArrayList<>();
            try (OaiPmhHarvester harvester = OaiPmhHarvester.open(source, HarvestStart.full(), fast, HttpClient.newHttpClient())) {
                harvester.forEachRemaining(pages::add);
            }

            // then: of the 8 records completeListSize announces, 7 (3 deleted) remain once the last page's
            // deleted record without an identifier is skipped
            List<RawRecord> records = pages.stream().flatMap(p -> p.records().stream()).toList();
            assertThat(pages).hasSize(4);
            assertThat(pages.get(0).completeListSize()).contains(8L);
            assertThat(records).hasSize(7);
            assertThat(records.stream().filter(RawRecord::isDeleted)).hasSize(3);
            assertThat(records.get(0).recordId()).isEqualTo("oai:test.example.com:1585310");
            assertThat(records.get(0).isDeleted()).isTrue();
        } finally {
            server.stop();
        }
    }
}
