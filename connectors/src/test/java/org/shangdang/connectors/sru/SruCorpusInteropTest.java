package org.shangdang.connectors.sru;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;

/** The real SRU 1.2 responses of the shared corpus (Beijing Normal University via dp2) parse and crosswalk. */
class SruCorpusInteropTest {

    private static final SourceInfo BNU = new SourceInfo("bnu", "BNU SRU", "北京师范大学图书馆", Optional.empty());

    private static Path corpus(String file) {
        String shared = System.getProperty("shangdang.shared");
        Path path = shared == null ? null : Path.of(shared, "corpus", file);
        Assumptions.assumeTrue(path != null && Files.isRegularFile(path),
                "../shared/corpus absent (shangdang.shared=" + shared + "): skipping SRU interop test for " + file);
        return path;
    }

    @ParameterizedTest
    @CsvSource({
            "marc/cnmarc/dp2_sru_bnu_cnmarcxml.xml, cnmarcxml, 42, 990002180740203961",
            "marc/cnmarc/dp2_sru_bnu_unimarcxml.xml, unimarcxml, 42, 990002180740203961",
            "marc/cnmarc/dp2_sru_bnu_kormarcxml_mislabelled.xml, marcxml, 42, 990002180740203961",
            "oai/sru/dp2_sru_bnu_marcxml.xml, marcxml, 239392, 9911676899703961",
            "oai/sru/dp2_sru_bnu_dc.xml, dc, 42, 990002180740203961"})
    void realResponsesYieldTenRecordsThatCrosswalkWithTitles(String file, String schema, long total, String firstId) throws Exception {
        // given a real SRU 1.2 response (BOM, 10 of 42 records)
        RecordFormat format = SruSource.formatOf(schema).orElseThrow();
        SruPage page;
        // when
        try (InputStream in = Files.newInputStream(corpus(file))) {
            page = new SruResponseParser("bnu", format).parse(in, URI.create("http://corpus/" + file), Instant.EPOCH);
        }
        // then
        assertThat(page.numberOfRecords()).isEqualTo(total);
        assertThat(page.nextRecordPosition()).contains(11);
        assertThat(page.skipped()).isEmpty();
        assertThat(page.records()).hasSize(10);
        assertThat(page.records().get(0).recordId()).isEqualTo(firstId);
        int withLocalHoldings = 0;
        for (RawRecord raw : page.records()) {
            CanonicalRecord record = Crosswalks.standard().map(raw, BNU);
            assertThat(record.title()).as(raw.recordId()).isNotBlank();
            String xml = new String(raw.payload(), StandardCharsets.UTF_8);
            if (xml.contains("tag=\"905\"") || xml.contains("tag=\"906\"")) {
                withLocalHoldings++;
                assertThat(record.holdings()).as(raw.recordId() + " 905/906").isNotEmpty()
                        .allSatisfy(h -> assertThat(h.barcode().or(h::callNumber)).isPresent());
            }
        }
        // 9 of the 10 BNU records carry 905/906 in the CNMARC views; one (an e-book) has only Alma's AVE.
        assertThat(withLocalHoldings).isEqualTo(file.startsWith("marc/cnmarc/") ? 9 : 0);
    }

    @ParameterizedTest
    @CsvSource({"oai/sru/dp2_sru_bnu_mods.xml", "oai/sru/dp2_sru_bnu_dcx.xml", "oai/sru/dp2_sru_bnu_isohold.xml"})
    void otherSchemasStillParseWithTheServersRecordIdentifiers(String file) throws Exception {
        SruPage page;
        try (InputStream in = Files.newInputStream(corpus(file))) {
            page = new SruResponseParser("bnu", RecordFormat.MARCXML).parse(in, URI.create("http://corpus/" + file), Instant.EPOCH);
        }
        assertThat(page.records().size() + page.skipped().size()).isEqualTo(10);
        assertThat(page.records()).allSatisfy(r -> assertThat(r.payload()).isNotEmpty());
    }
}
