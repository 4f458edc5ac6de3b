package org.shangdang.connectors.iso2709;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;

/**
 * Every MARC file of the shared corpus (MARC 21, UNIMARC, CNMARC; ISO 2709 and XML) dropped as it is: each record
 * is ingested (read and crosswalked) or rejected with a reason, and the counts add up to the records in the file.
 */
class Iso2709CorpusInteropTest {

    private static final SourceInfo SOURCE = new SourceInfo("corpus", "corpus drop", "测试图书馆", Optional.empty());
    private static final Pattern RECORD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?record[\\s>/]");
    private static final Pattern SRU_WRAPPER = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?recordSchema[\\s>]");

    private record Counts(String file, int found, int ingested, int readRejected, int crosswalkRejected,
            Map<MarcEncoding, Integer> encodings, List<String> sampleReasons) {
    }

    private static Path marcCorpus() {
        String shared = System.getProperty("shangdang.shared");
        Path path = shared == null ? null : Path.of(shared, "corpus", "marc");
        Assumptions.assumeTrue(path != null && Files.isDirectory(path),
                "../shared/corpus absent (shangdang.shared=" + shared + "): skipping the MARC file-drop interop test");
        return path;
    }

    /** Records in a file counted independently of the readers: record terminators, or MARC record start tags. */
    private static int recordsFound(byte[] bytes, boolean xml) {
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

    @Test
    void everyCorpusRecordIsIngestedOrRejectedWithAReasonAndNoneIsDropped() throws Exception {
        // given every binary and XML MARC file of the corpus
        Path root = marcCorpus();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Counts> all = new ArrayList<>();
        List<String> notMarcFiles = new ArrayList<>();
        int cnmarcHoldings = 0;
        // when each is read as a file drop and its records crosswalked
        for (Path file : files) {
            String relative = root.relativize(file).toString();
            if (relative.startsWith("json/") || relative.startsWith("mrk/")) {
                notMarcFiles.add(relative);
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            int ingested = 0;
            int readRejected = 0;
            int crosswalkRejected = 0;
            Map<MarcEncoding, Integer> encodings = new EnumMap<>(MarcEncoding.class);
            List<String> reasons = new ArrayList<>();
            boolean xml;
            try (MarcFileReader reader = MarcFileReader.open("corpus", file)) {
                xml = reader instanceof MarcXmlFileReader;
                while (reader.hasNext()) {
                    MarcFileEntry entry = reader.next();
                    if (entry instanceof MarcFileEntry.Accepted accepted) {
                        encodings.merge(accepted.encoding(), 1, Integer::sum);
                        try {
                            CanonicalRecord record = Crosswalks.standard().map(accepted.record(), SOURCE);
                            ingested++;
                            String payload = new String(accepted.record().payload(), StandardCharsets.UTF_8);
                            if (relative.startsWith("cnmarc/") && (payload.contains("tag=\"905\"") || payload.contains("tag=\"906\""))) {
                                assertThat(record.holdings()).as(relative + " " + record.id() + " 905/906 holdings").isNotEmpty()
                                        .allSatisfy(h -> assertThat(h.barcode().or(h::callNumber)).isPresent());
                                cnmarcHoldings += record.holdings().size();
                            }
                        } catch (RecordRejectedException e) {
                            crosswalkRejected++;
                            assertThat(e.getMessage()).isNotBlank();
                            reasons.add("crosswalk: " + e.getMessage());
                        }
                    } else {
                        readRejected++;
                        String reason = ((MarcFileEntry.Rejected) entry).reason();
                        assertThat(reason).as(relative).contains(file.getFileName().toString());
                        reasons.add(reason);
                    }
                }
            }
            all.add(new Counts(relative, recordsFound(bytes, xml), ingested, readRejected, crosswalkRejected, encodings,
                    reasons.stream().limit(2).toList()));
        }
        // then
        int found = 0;
        int ingested = 0;
        int rejected = 0;
        System.out.printf("%-58s %6s %8s %8s %9s  %s%n", "file", "found", "ingested", "rejected", "xw-reject", "encodings");
        for (Counts c : all) {
            System.out.printf("%-58s %6d %8d %8d %9d  %s%n", c.file(), c.found(), c.ingested(), c.readRejected(),
                    c.crosswalkRejected(), c.encodings());
            c.sampleReasons().forEach(r -> System.out.println("      reason: " + (r.length() > 200 ? r.substring(0, 200) + "…" : r)));
            found += c.found();
            ingested += c.ingested();
            rejected += c.readRejected() + c.crosswalkRejected();
        }
        System.out.printf("TOTAL files=%d found=%d ingested=%d rejected=%d; CNMARC holdings=%d; not binary/XML MARC (skipped): %s%n",
                all.size(), found, ingested, rejected, cnmarcHoldings, notMarcFiles);
        assertThat(all).allSatisfy(c -> assertThat(c.ingested() + c.readRejected() + c.crosswalkRejected())
                .as(c.file() + ": ingested + rejected = records found").isEqualTo(c.found()));
        assertThat(all.stream().filter(c -> c.file().startsWith("cnmarc/")).mapToInt(Counts::ingested).sum()).isEqualTo(30);
        assertThat(cnmarcHoldings).as("holdings from the 9 x 3 CNMARC records with 905/906").isGreaterThanOrEqualTo(27);
        assertThat(byName(all, "marc21/pymarc/utf8_without_leader_flag.dat").encodings()).containsEntry(MarcEncoding.UTF_8, 1);
        assertThat(byName(all, "marc21/pymarc/marc8.dat").encodings()).containsEntry(MarcEncoding.MARC_8, 1);
        assertThat(byName(all, "marc21/pymarc/1251.dat").ingested()).isZero();
        assertThat(ingested).isGreaterThan(rejected);
    }

    private static Counts byName(List<Counts> all, String file) {
        return all.stream().filter(c -> c.file().equals(file)).findFirst().orElseThrow();
    }
}
