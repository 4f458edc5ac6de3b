package org.shangdang.connectors.iso2709;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.sru.SruResponseParser;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.SourceInfo;

/** The GBK CNMARC ISO 2709 fixture, made from the real BNU records, ingests with the same Chinese text. */
class Iso2709GbkFixtureTest {

    private static final SourceInfo BNU = new SourceInfo("bnu-iso", "BNU ISO 2709 drop", "北京师范大学图书馆", Optional.empty());

    private static byte[] fixture() throws Exception {
        try (InputStream in = Iso2709GbkFixtureTest.class.getClassLoader().getResourceAsStream(CnmarcGbkFileGenerator.FIXTURE)) {
            assertThat(in).as(CnmarcGbkFileGenerator.FIXTURE + " on the classpath (shangdang-fixtures)").isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<MarcFileEntry> readFixture() throws Exception {
        List<MarcFileEntry> entries = new ArrayList<>();
        try (Iso2709Reader reader = new Iso2709Reader("bnu-iso", "cnmarc-gbk-bnu-10-records.iso",
                new java.io.ByteArrayInputStream(fixture()), Instant.EPOCH)) {
            reader.forEachRemaining(entries::add);
        }
        return entries;
    }

    private static Path corpus() {
        String shared = System.getProperty("shangdang.shared");
        Path path = shared == null ? null : Path.of(shared, "corpus", CnmarcGbkFileGenerator.CORPUS_FILE);
        Assumptions.assumeTrue(path != null && Files.isRegularFile(path),
                "../shared/corpus absent (shangdang.shared=" + shared + "): skipping the GBK fixture comparison");
        return path;
    }

    @Test
    void fixtureIsReallyGbkWithBlankLeader09AndA100ClaimingGb2312() throws Exception {
        // given the committed file
        byte[] bytes = fixture();
        // then it is not UTF-8, its first record decodes as GBK, and its header claims are the unreliable ones
        assertThat(Charset.forName("UTF-8").newDecoder().decode(java.nio.ByteBuffer.wrap(bytes),
                java.nio.CharBuffer.allocate(bytes.length), true).isError()).isTrue();
        String text = new String(bytes, Charset.forName("GBK"));
        assertThat(text).contains("中国发展报告").contains("y0chiy0120");
        assertThat(bytes[9]).isEqualTo((byte) ' ');
    }

    @Test
    void allTenRecordsIngestAsGbkWithTheSameTitlesAndHoldingsAsTheUtf8Original() throws Exception {
        // given the UTF-8 originals from the corpus, crosswalked
        List<CanonicalRecord> originals = new ArrayList<>();
        try (InputStream in = Files.newInputStream(corpus())) {
            for (RawRecord raw : new SruResponseParser("bnu-iso", RecordFormat.MARCXML)
                    .parse(in, URI.create("file:corpus"), Instant.EPOCH).records()) {
                originals.add(Crosswalks.standard().map(raw, BNU));
            }
        }
        // when the GBK file is read and crosswalked
        List<MarcFileEntry> entries = readFixture();
        // then
        assertThat(entries).hasSize(10).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(MarcFileEntry.Accepted.class,
                a -> assertThat(a.encoding()).isEqualTo(MarcEncoding.GB18030)));
        int holdings = 0;
        for (int i = 0; i < entries.size(); i++) {
            CanonicalRecord fromGbk = Crosswalks.standard().map(((MarcFileEntry.Accepted) entries.get(i)).record(), BNU);
            CanonicalRecord original = originals.get(i);
            assertThat(fromGbk.id()).isEqualTo(original.id());
            assertThat(fromGbk.title()).isEqualTo(original.title());
            assertThat(fromGbk.creators()).isEqualTo(original.creators());
            assertThat(fromGbk.publisher()).isEqualTo(original.publisher());
            assertThat(fromGbk.holdings()).isEqualTo(original.holdings());
            holdings += fromGbk.holdings().size();
        }
        assertThat(holdings).as("905/906 holdings of the 9 records that have them").isGreaterThanOrEqualTo(9);
        assertThat(originals.get(0).title()).contains("中国发展报告");
        assertThat(originals.get(0).holdings()).extracting(Holding::barcode).contains(Optional.of("1683011"));
    }

    @Test
    void committedFixtureIsWhatTheGeneratorMakesFromTheCorpus() throws Exception {
        assertThat(CnmarcGbkFileGenerator.generate(corpus())).as("run CnmarcGbkFileGenerator (see fixtures/README.md)")
                .isEqualTo(fixture());
    }
}
