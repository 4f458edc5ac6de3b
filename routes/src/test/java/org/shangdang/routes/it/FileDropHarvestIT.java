package org.shangdang.routes.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Harvests of a file-drop source through the real routes, record store (H2), ISO 2709 reader, crosswalks and
 * Lucene index: the fixtures' GBK CNMARC export of ten records and a broken file are dropped into a temporary
 * inbox. The sources list here replaces the test application's.
 */
@SpringBootTest(classes = HarvestTestApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class FileDropHarvestIT {

    private static final String SOURCE = "changzhi-drop";
    private static final String FIXTURE = "fixtures/iso2709/cnmarc-gbk-bnu-10-records.iso";
    private static final Charset GBK = Charset.forName("GB18030");

    @TempDir
    static Path temp;

    @Autowired
    HarvestJobs jobs;
    @Autowired
    SearchIndex index;
    @Autowired
    RecordStore store;
    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("test.index-parent", () -> temp.toString());
        registry.add("shangdang.sources[0].id", () -> SOURCE);
        registry.add("shangdang.sources[0].library", () -> "长治市图书馆");
        registry.add("shangdang.sources[0].protocol", () -> "filedrop");
        registry.add("shangdang.sources[0].filedrop.inbox", () -> temp.resolve("inbox").toString());
        registry.add("shangdang.sources[0].filedrop.quiet-period", () -> "0s");
    }

    @Test
    void droppedFilesAreIndexedWithTheirChineseTitlesAndBrokenRecordsRejectedWithOffsets() throws IOException {
        // given the GBK export and a broken file: its first record whole, then the second cut short
        Path inbox = emptyInbox();
        byte[] export = fixture();
        List<byte[]> records = split(export);
        Files.write(inbox.resolve("bnu-export.iso"), export);
        byte[] cut = Arrays.copyOf(records.get(1), 100);
        Files.write(inbox.resolve("broken.mrc"), concat(records.get(0), cut));
        Map<String, String> titles = titles200a(records);

        // when the source is harvested
        JobStatus job = jobs.harvest(SOURCE, HarvestMode.FULL);

        // then the file-drop route ran it, every record of the export is searchable under its GBK-decoded title
        assertThat(camel.getRoute("harvest-filedrop-" + SOURCE)).isNotNull();
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(titles).hasSize(10);
        titles.forEach((recordId, title) -> assertThat(index.get(CanonicalRecord.idOf(SOURCE, recordId)))
                .as("record %s", recordId)
                .hasValueSatisfying(r -> assertThat(r.title()).contains(title).doesNotContain("\uFFFD")));
        assertThat(index.count()).isEqualTo(10);
        // the cut record is a reject that names its file and offset; the job counts it
        List<Reject> rejects = store.rejects(job.id());
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.recordId()).isEqualTo("broken.mrc@" + records.get(0).length);
            assertThat(r.reason()).contains("broken.mrc", String.valueOf(records.get(0).length));
            // its bytes as in the file are kept, so staff can see them and a retry can read them again
            assertThat(r.payload()).isEqualTo(cut);
        });
        assertThat(job.rejected()).isEqualTo(1);
        assertThat(job.seen()).isEqualTo(10 + 2);
        // both files were moved aside, to done/
        assertThat(inbox.resolve("done/bnu-export.iso")).exists();
        assertThat(inbox.resolve("done/broken.mrc")).exists();
        assertThat(inbox.resolve("bnu-export.iso")).doesNotExist();
    }

    @Test
    void secondPollReadsNothing() throws IOException {
        // given a harvested drop
        Path inbox = emptyInbox();
        Files.write(inbox.resolve("bnu-export.iso"), fixture());
        JobStatus first = jobs.harvest(SOURCE, HarvestMode.FULL);
        long indexed = index.count();

        // when the inbox is polled again
        JobStatus second = jobs.harvest(SOURCE, HarvestMode.INCREMENTAL);

        // then nothing is read and the index is unchanged
        assertThat(first.seen()).isEqualTo(10);
        assertThat(second.state()).isEqualTo(JobState.COMPLETED);
        assertThat(second.seen()).isZero();
        assertThat(second.pages()).isZero();
        assertThat(index.count()).isEqualTo(indexed).isEqualTo(10);
    }

    /** The inbox, emptied of what an earlier test left (files, done/ and the ledger of ingested content). */
    private static Path emptyInbox() throws IOException {
        Path inbox = temp.resolve("inbox");
        if (Files.exists(inbox)) {
            try (var paths = Files.walk(inbox)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(inbox);
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = Objects.requireNonNull(FileDropHarvestIT.class.getClassLoader().getResourceAsStream(FIXTURE),
                FIXTURE + " is in the fixtures jar")) {
            return in.readAllBytes();
        }
    }

    /** The records of an ISO 2709 file, each ending with its terminator 0x1D. */
    private static List<byte[]> split(byte[] file) {
        List<byte[]> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < file.length; i++) {
            if (file[i] == 0x1D) {
                records.add(Arrays.copyOfRange(file, start, i + 1));
                start = i + 1;
            }
        }
        return records;
    }

    /** Field 001 to field 200 $a of each record, read from the bytes with the directory and decoded as GBK. */
    private static Map<String, String> titles200a(List<byte[]> records) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (byte[] record : records) {
            int base = Integer.parseInt(new String(record, 12, 5, StandardCharsets.US_ASCII));
            String id = null;
            String title = null;
            for (int entry = 24; record[entry] != 0x1E; entry += 12) {
                String tag = new String(record, entry, 3, StandardCharsets.US_ASCII);
                int length = Integer.parseInt(new String(record, entry + 3, 4, StandardCharsets.US_ASCII));
                int start = Integer.parseInt(new String(record, entry + 7, 5, StandardCharsets.US_ASCII));
                String field = new String(record, base + start, length - 1, GBK);
                if (tag.equals("001")) {
                    id = field.strip();
                } else if (tag.equals("200") && title == null) {
                    for (String subfield : field.split("\u001F")) {
                        if (subfield.startsWith("a")) {
                            title = subfield.substring(1).strip();
                            break;
                        }
                    }
                }
            }
            titles.put(Objects.requireNonNull(id, "001"), Objects.requireNonNull(title, "200$a"));
        }
        return titles;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
