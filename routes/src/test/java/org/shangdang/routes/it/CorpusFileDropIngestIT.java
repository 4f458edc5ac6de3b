package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.shangdang.routes.HarvestJobs;
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
 * The real MARC files of {@code ../shared/corpus/marc} (MARC 21 and UNIMARC in ISO 2709, MARCXML, and the CNMARC
 * SRU responses of a Chinese library with 905/906 holdings) dropped into a file-drop inbox and harvested through
 * the real routes, record store (H2), readers, crosswalks and Lucene index: every record is indexed or rejected
 * with a reason, counted against the records in the files, and the CNMARC records keep their holdings. Skipped
 * when {@code ../shared} is absent.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
class CorpusFileDropIngestIT {

    private static final String SOURCE = "corpus-drop";
    private static final List<String> FOLDERS = List.of("marc21", "unimarc", "cnmarc", "marcxml");
    private static final Set<String> EXTENSIONS = Set.of("mrc", "iso", "marc", "dat", "xml");
    private static final Pattern RECORD_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?record[\\s>/]");
    private static final Pattern SRU_WRAPPER = Pattern.compile("<(?:[A-Za-z_][\\w.-]*:)?recordSchema[\\s>]");
    private static final Pattern CONTROL_NUMBER = Pattern.compile("tag=\"001\"[^>]*>([^<]+)<");

    @TempDir
    static Path temp;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "测试图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "filedrop");
        registry.add("shangdang.sources[0].filedrop.inbox", () -> temp.resolve("inbox").toString());
        registry.add("shangdang.sources[0].filedrop.quiet-period", () -> "0s");
    }

    private static Path marcCorpus() {
        String shared = System.getProperty("shangdang.shared");
        Path path = shared == null ? null : Path.of(shared, "corpus", "marc");
        Assumptions.assumeTrue(path != null && Files.isDirectory(path),
                "../shared/corpus absent (shangdang.shared=" + shared + "): skipping the corpus file-drop ingest test");
        return path;
    }

    @Test
    void everyCorpusRecordIsIndexedOrRejectedWithAReasonAndCnmarcHoldingsSurvive() throws Exception {
        // given every MARC 21, UNIMARC, MARCXML and CNMARC file of the corpus, dropped once per distinct content
        Path root = marcCorpus();
        Path inbox = Files.createDirectories(temp.resolve("inbox"));
        Map<String, Integer> found = new TreeMap<>();
        Set<String> contents = new HashSet<>();
        List<Path> cnmarcFiles = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    byte[] bytes = Files.readAllBytes(file);
                    if (!EXTENSIONS.contains(name.substring(name.lastIndexOf('.') + 1)) || !contents.add(sha256(bytes))) {
                        continue;
                    }
                    String dropped = root.relativize(file).toString().replace('/', '_');
                    Files.write(inbox.resolve(dropped), bytes);
                    found.put(dropped, recordsIn(bytes, name.endsWith(".xml")));
                    if (folder.equals("cnmarc")) {
                        cnmarcFiles.add(file);
                    }
                }
            }
        }
        int records = found.values().stream().mapToInt(Integer::intValue).sum();

        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then every record was seen, and each was indexed or rejected with a stored reason
        List<Reject> rejects = store.rejects(job.id());
        System.out.printf("corpus drop: %d files, %d records; seen %d, indexed %d, rejected %d%n", found.size(), records,
                job.seen(), job.indexed(), job.rejected());
        rejects.stream().collect(Collectors.groupingBy(r -> r.recordId().replaceAll("@.*", ""), TreeMap::new,
                Collectors.counting())).forEach((file, n) -> System.out.printf("  rejected %3d in %s%n", n, file));
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.seen()).as("records in the dropped files").isEqualTo(records);
        assertThat(job.indexed() + job.rejected()).as("indexed + rejected = seen").isEqualTo(job.seen());
        assertThat(rejects).hasSize((int) job.rejected()).allSatisfy(r -> assertThat(r.reason()).as(r.recordId()).isNotBlank());
        assertThat(job.indexed()).isGreaterThan(job.rejected());
        assertThat(rejects).as("some corpus records are undecodable or broken").isNotEmpty();

        // and the real CNMARC records (with 905/906) are in the index with their holdings
        int withHoldings = 0;
        Set<String> ids = new HashSet<>();
        for (Path file : cnmarcFiles) {
            Matcher m = CONTROL_NUMBER.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                ids.add(m.group(1).strip());
            }
        }
        for (String id : ids) {
            List<Holding> holdings = index.get(CanonicalRecord.idOf(SOURCE, id)).map(CanonicalRecord::holdings).orElseThrow();
            if (!holdings.isEmpty()) {
                withHoldings++;
                assertThat(holdings).as(id).allSatisfy(h -> assertThat(h.barcode().or(h::callNumber)).isPresent());
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
        assertThat(withHoldings).as("CNMARC records with 905/906 holdings").isGreaterThanOrEqualTo(9);
    }

    /** Records in a file, counted without the readers: record terminators, or MARC record start tags. */
    private static int recordsIn(byte[] bytes, boolean xml) {
        if (xml) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return (int) (RECORD_TAG.matcher(text).results().count() - SRU_WRAPPER.matcher(text).results().count());
        }
        int terminators = 0;
        int last = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0x1D) {
                terminators++;
                last = i;
            }
        }
        for (int i = last + 1; i < bytes.length; i++) {
            if (bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != ' ' && bytes[i] != 0 && bytes[i] != 0x1A) {
                return terminators + 1;
            }
        }
        return terminators;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
