package org.shangdang.routes.badinput;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.connectors.oaipmh.OaiPmhHarvester;
import org.shangdang.connectors.xml.SafeXml;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityCorpus;
import org.shangdang.fixtures.generate.city.CityMarc;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.it.HarvestTestApplication;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The malformed files and responses of {@code ../shared/corpus} fed through the real harvest routes (record store,
 * crosswalks, Lucene index):
 * <ul>
 *   <li>every MARC file (ISO 2709 and MARCXML, damaged ones included), the XML attack files of {@code docs/}, a
 *       non-XML "ListRecords" and an OAI response that holds no MARC, dropped into a file-drop inbox;</li>
 *   <li>every MARCXML document of the corpus that is well-formed, served as one OAI-PMH record each;</li>
 *   <li>the corpus's broken and error OAI-PMH responses (and the XML attacks) served as the second page of a list.</li>
 * </ul>
 * A bad record or file ends in the job's rejects with a reason and the job completes; a response that cannot be read
 * as a page ends the job FAILED with the reason, with the checkpoint at the last good page (continuing past a page
 * that cannot be read would lose the rest of the list). Skipped when {@code ../shared} is absent.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
class CorpusThroughRoutesIT {

    private static final String DROP = "corpus-drop";
    private static final Pattern CONTROL_NUMBER = Pattern.compile("tag=\"001\"[^>]*>([^<]+)<");
    private static final String OAI = "corpus-oai";
    private static final String BROKEN = "corpus-oai-broken";
    private static final Pattern RECORD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?record[\\s>/]");
    private static final Pattern SRU_WRAPPER = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?recordSchema[\\s>]");
    private static final Pattern PROLOG = Pattern.compile("^\\uFEFF?\\s*<\\?xml[^>]*\\?>");
    /** Broken or error responses of the corpus, each served as a list's second page: the job must fail with it. */
    private static final List<String> BROKEN_RESPONSES = List.of(
            "oai/sickle/ListRecordsBroken.xml", "oai/pyoai/Identify_malformed_unclosed_element.xml",
            "oai/pyoai/Identify_malformed_undefined_entity.xml", "oai/sickle/badArgument.xml",
            "oai/sickle/cannotDisseminateFormat.xml", "oai/sickle/idDoesNotExist.xml", "oai/sickle/noSetHierarchy.xml",
            "oai/sickle/undefinedError.xml", "oai/sickle/badResumptionToken.xml",
            "oai/phpoaipmh/BadResponseInvalidRecord.xml", "oai/phpoaipmh/BadResponseNonExistentVerb.xml",
            "oai/vufindharvest/arbitrary_error_response.xml", "oai/sickle/ListSets.xml",
            "docs/xml-attacks/xmlbomb.xml", "docs/xml-attacks/xmlbomb2.xml", "docs/xml-attacks/quadratic.xml",
            "docs/xml-attacks/external.xml", "docs/xml-attacks/external_file.xml", "docs/xml-attacks/dtd.xml",
            "docs/xml-attacks/cyclic.xml", "docs/tika/testXXE.xml", "docs/tika/undeclared_entity.xml");

    @TempDir
    static Path temp;

    private static WireMockServer server;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> DROP);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "filedrop");
        registry.add("shangdang.sources[0].filedrop.inbox", () -> temp.resolve("inbox").toString());
        registry.add("shangdang.sources[0].filedrop.quiet-period", () -> "0s");
        for (int i = 1; i <= 2; i++) {
            String id = i == 1 ? OAI : BROKEN;
            registry.add("shangdang.sources[" + i + "].id", () -> id);
            registry.add("shangdang.sources[" + i + "].library", () -> "长治市图书馆");
            registry.add("shangdang.sources[" + i + "].oaipmh.base-url", () -> startServer() + "/" + id + "/oai");
            registry.add("shangdang.sources[" + i + "].oaipmh.metadata-prefix", () -> "marcxml");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Test
    void everyCorpusFileDroppedIntoTheInboxIsIndexedOrRejectedWithAReasonAndTheJobCompletes() throws IOException {
        // given every MARC file of the corpus, the XML attacks, a non-XML body and an OAI response without MARC,
        // each dropped once (files with the same bytes are one file to the drop)
        Path corpus = corpus();
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> marc = Files.walk(corpus.resolve("marc"))) {
            marc.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/json/") && !f.toString().contains("/mrk/"))
                    .sorted().forEach(files::add);
        }
        try (Stream<Path> attacks = Files.list(corpus.resolve("docs/xml-attacks"))) {
            attacks.sorted().forEach(files::add);
        }
        files.add(corpus.resolve("docs/tika/testXXE.xml"));
        files.add(corpus.resolve("oai/sickle/ListRecordsBroken.xml"));
        files.add(corpus.resolve("oai/sickle/Identify.xml"));
        Set<String> hashes = new HashSet<>();
        int expectedEntries = 0;
        int dropped = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (!hashes.add(sha256(bytes))) {
                continue;
            }
            String name = corpus.relativize(file).toString().replace('/', '_');
            Files.write(inbox.resolve(name), bytes);
            dropped++;
            // A file without any record still gives one reject: the file's own.
            expectedEntries += Math.max(1, recordsIn(bytes, name.endsWith(".xml")));
        }

        // when the inbox is harvested
        JobStatus job = jobs.harvest(DROP, HarvestMode.FULL);

        // then the job completed, every record it met was indexed or rejected, and none was dropped unreported
        assertThat(job.state()).as("last error: %s", job.lastError()).isEqualTo(JobState.COMPLETED);
        assertThat(job.seen()).isEqualTo(expectedEntries);
        assertThat(job.indexed() + job.rejected()).isEqualTo(job.seen());
        // and each reject has a reason that names its file or record
        List<Reject> rejects = store.rejects(job.id());
        assertThat(rejects).hasSize((int) job.rejected()).allSatisfy(r -> {
            assertThat(r.sourceId()).isEqualTo(DROP);
            assertThat(r.reason()).isNotBlank();
            assertThat(r.reason()).as("reason of %s", r.recordId())
                    .containsAnyOf(r.recordId().split("@")[0], CanonicalRecord.idOf(DROP, r.recordId()), r.recordId());
        });
        // and the attacks and the files without MARC are among the rejects, none expanded an entity
        assertThat(rejects).extracting(Reject::recordId)
                .anySatisfy(id -> assertThat(id).startsWith("docs_xml-attacks_xmlbomb.xml"))
                .anySatisfy(id -> assertThat(id).startsWith("oai_sickle_ListRecordsBroken.xml"))
                .anySatisfy(id -> assertThat(id).isEqualTo("oai_sickle_Identify.xml"));
        assertThat(rejects).allSatisfy(r -> assertThat(r.reason()).doesNotContain("lollollol"));
        // and the real CNMARC records (with 905/906) are in the index with their holdings
        Set<String> cnmarcIds = new HashSet<>();
        try (Stream<Path> cnmarc = Files.walk(corpus.resolve("marc/cnmarc"))) {
            for (Path file : cnmarc.filter(Files::isRegularFile).toList()) {
                Matcher id = CONTROL_NUMBER.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (id.find()) {
                    cnmarcIds.add(id.group(1).strip());
                }
            }
        }
        List<List<Holding>> cnmarcHoldings = cnmarcIds.stream()
                .map(id -> index.get(CanonicalRecord.idOf(DROP, id)).map(CanonicalRecord::holdings).orElseThrow())
                .filter(holdings -> !holdings.isEmpty()).toList();
        assertThat(cnmarcIds).hasSizeGreaterThanOrEqualTo(10);
        assertThat(cnmarcHoldings).as("CNMARC records with 905/906 holdings").hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(holdings -> assertThat(holdings)
                        .allSatisfy(h -> assertThat(h.barcode().or(h::callNumber)).isPresent()));
        // and every file was moved out of the inbox
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .filteredOn(n -> !n.startsWith(".")).isEmpty();
        }
        System.out.printf("CorpusThroughRoutesIT (file drop): files %d, records and empty files %d, indexed %d,"
                + " rejected %d, lost 0%n", dropped, job.seen(), job.indexed(), job.rejected());
    }

    @Test
    void everyWellFormedCorpusMarcXmlServedOverOaiPmhIsIndexedOrRejectedWithAReason() throws IOException {
        // given every well-formed MARCXML document of the corpus, one OAI-PMH record each, on one page
        Path corpus = corpus();
        List<Path> documents = new ArrayList<>();
        try (Stream<Path> marc = Files.walk(corpus.resolve("marc"))) {
            marc.filter(f -> f.toString().endsWith(".xml")).sorted().forEach(documents::add);
        }
        StringBuilder records = new StringBuilder();
        List<String> served = new ArrayList<>();
        for (Path document : documents) {
            byte[] bytes = Files.readAllBytes(document);
            if (!wellFormed(bytes)) {
                continue;
            }
            String id = "oai:corpus:" + corpus.relativize(document);
            served.add(id);
            records.append("<record><header><identifier>").append(id).append("</identifier><datestamp>2026-11-29T00:00:00Z"
                    + "</datestamp></header><metadata>")
                    .append(PROLOG.matcher(new String(bytes, StandardCharsets.UTF_8)).replaceFirst(""))
                    .append("</metadata></record>\n");
        }
        server.stubFor(get(urlPathEqualTo("/" + OAI + "/oai"))
                .willReturn(page(records.toString(), "")));

        // when the source is harvested
        JobStatus job = jobs.harvest(OAI, HarvestMode.FULL);

        // then the job completed and every record is in the index or in the rejects with a reason naming it
        assertThat(job.state()).as("last error: %s", job.lastError()).isEqualTo(JobState.COMPLETED);
        assertThat(job.seen()).isEqualTo(served.size());
        List<Reject> rejects = store.rejects(job.id());
        assertThat(rejects).hasSize((int) job.rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank()
                .contains(r.recordId().substring(r.recordId().lastIndexOf('/') + 1)));
        List<String> rejected = rejects.stream().map(Reject::recordId).toList();
        assertThat(served).allSatisfy(id -> assertThat(rejected.contains(id)
                || index.get(CanonicalRecord.idOf(OAI, id)).isPresent()).as("%s indexed or rejected", id).isTrue());
        System.out.printf("CorpusThroughRoutesIT (OAI-PMH records): documents %d, indexed %d, rejected %d%n",
                served.size(), job.indexed(), job.rejected());
    }

    @Test
    void brokenOrErrorResponseOfTheCorpusFailsTheJobWithItsReasonAndKeepsTheCheckpoint() throws IOException {
        Path corpus = corpus();
        CityCatalog catalog = new CityCatalog(1, CityCatalog.DEFAULT_SEED, CityCorpus.builtIn());
        String goodRecord = "<record><header><identifier>oai:corpus:good-1</identifier><datestamp>2026-11-29T00:00:00Z"
                + "</datestamp></header><metadata>" + CityMarc.toMarcXml(catalog.record(0)) + "</metadata></record>";
        String token = "page-2";
        server.stubFor(get(urlPathEqualTo("/" + BROKEN + "/oai")).withQueryParam("resumptionToken", absent())
                .willReturn(page(goodRecord, "<resumptionToken>" + token + "</resumptionToken>")));
        List<String> outcomes = new ArrayList<>();
        for (String response : BROKEN_RESPONSES) {
            // given a list whose first page is good and whose second page is a broken or error response
            byte[] body = Files.readAllBytes(corpus.resolve(response));
            server.stubFor(get(urlPathEqualTo("/" + BROKEN + "/oai")).withQueryParam("resumptionToken", equalTo(token))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8")
                            .withBody(body)));

            // when it is harvested
            JobStatus job = jobs.harvest(BROKEN, HarvestMode.FULL);

            // then the job failed with a reason naming the source and the request, the first page is searchable,
            // and the checkpoint asks for the broken page again
            assertThat(job.state()).as(response).isEqualTo(JobState.FAILED);
            // (badResumptionToken makes the connector restart the list, so the first page comes once more per restart)
            assertThat(job.pages()).as(response).isEqualTo(response.endsWith("badResumptionToken.xml")
                    ? 1 + OaiPmhHarvester.MAX_LIST_RESTARTS : 1);
            assertThat(job.lastError()).as(response).hasValueSatisfying(e -> assertThat(e)
                    .contains(BROKEN).contains("resumptionToken=" + token).doesNotContain("lollollol"));
            assertThat(index.get(CanonicalRecord.idOf(BROKEN, "oai:corpus:good-1"))).as(response).isPresent();
            assertThat(store.checkpoint(BROKEN)).as(response)
                    .hasValueSatisfying(c -> assertThat(c.resumptionToken()).contains(token));
            outcomes.add(response + " -> " + job.lastError().orElseThrow());
        }
        System.out.printf("CorpusThroughRoutesIT (broken responses): %d responses, each FAILED with its reason:%n  %s%n",
                outcomes.size(), String.join("\n  ", outcomes));
    }

    /** A ListRecords response with these records and this resumption token element (empty on the last page). */
    private static ResponseDefinitionBuilder page(String records, String token) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
                + "<responseDate>2026-11-29T00:00:00Z</responseDate><request verb=\"ListRecords\">http://127.0.0.1/oai</request>"
                + "<ListRecords>\n" + records + token + "</ListRecords></OAI-PMH>\n";
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=UTF-8").withBody(body);
    }

    private static Path corpus() {
        String shared = System.getProperty("shangdang.shared");
        Path path = shared == null ? null : Path.of(shared, "corpus");
        Assumptions.assumeTrue(path != null && Files.isDirectory(path),
                "../shared/corpus absent (shangdang.shared=" + shared + "): skipping the corpus-through-routes test");
        return path;
    }

    private static synchronized String startServer() {
        if (server == null) {
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
        }
        return server.baseUrl();
    }

    private static boolean wellFormed(byte[] bytes) {
        try {
            XMLStreamReader reader = SafeXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                while (reader.hasNext()) {
                    reader.next();
                }
            } finally {
                reader.close();
            }
            return true;
        } catch (XMLStreamException e) {
            return false;
        }
    }

    /** Records in a file counted independently of the readers: record terminators, or MARC record start tags. */
    private static int recordsIn(byte[] bytes, boolean xml) {
        if (xml) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return count(RECORD_TAG.matcher(text)) - count(SRU_WRAPPER.matcher(text));
        }
        int terminators = 0;
        int lastTerminator = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0x1D) {
                terminators++;
                lastTerminator = i;
            }
        }
        for (int i = lastTerminator + 1; i < bytes.length; i++) {
            if (bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != ' ' && bytes[i] != 0 && bytes[i] != 0x1A) {
                return terminators + 1;
            }
        }
        return terminators;
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
