package org.shangdang.connectors.iso2709;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watched directory, on real files in a temporary directory. */
class FileDropTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration QUIET = Duration.ofSeconds(30);

    @TempDir
    Path inbox;
    private FileDrop drop;
    private final List<MarcFileEntry> received = new ArrayList<>();

    @BeforeEach
    void open() {
        drop = new FileDrop("huguan-county", inbox, QUIET, CLOCK);
    }

    private static byte[] record(String id, String title) {
        return Iso2709Bytes.record("00000nam0 2200000   450 ").control("001", id)
                .field("200", Charset.forName("GBK"), "a", title).bytes();
    }

    private Path dropFile(String name, byte[] content, Instant modified) throws Exception {
        Path file = inbox.resolve(name);
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void completeFileIsIngestedOnceAndMovedToDoneWithAReport() throws Exception {
        // given a settled file with a good and a damaged record
        byte[] damaged = record("hg-2", "坏");
        damaged[0] = 'x';
        dropFile("huguan-2026-11-28.iso", Iso2709Bytes.concat(record("hg-1", "壶关秧歌"), damaged), NOW.minusSeconds(60));
        // when polled twice
        List<FileDropReport> first = drop.poll(received::add);
        List<FileDropReport> second = drop.poll(received::add);
        // then it was read once, moved to done/ with a report naming the reject
        assertThat(second).isEmpty();
        assertThat(received).hasSize(2);
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(FileDropReport.Outcome.DONE);
            assertThat(r.accepted()).isEqualTo(1);
            assertThat(r.rejected()).hasSize(1);
            assertThat(r.encodings()).containsEntry(MarcEncoding.GB18030, 1);
            assertThat(r.movedTo()).isEqualTo(inbox.resolve("done/huguan-2026-11-28.iso"));
        });
        assertThat(inbox.resolve("huguan-2026-11-28.iso")).doesNotExist();
        assertThat(Files.readString(inbox.resolve("done/huguan-2026-11-28.iso.report.txt")))
                .contains("accepted: 1", "rejected: 1", "reject at " + record("hg-1", "壶关秧歌").length);
    }

    @Test
    void filesStillBeingWrittenPartFilesAndOtherFilesAreLeftAlone() throws Exception {
        dropFile("fresh.mrc", record("hg-1", "新"), NOW.minusSeconds(5));
        dropFile("upload.mrc.part", record("hg-2", "传"), NOW.minusSeconds(600));
        dropFile("readme.txt", "not marc".getBytes(StandardCharsets.UTF_8), NOW.minusSeconds(600));
        dropFile(".hidden.mrc", record("hg-3", "隐"), NOW.minusSeconds(600));

        assertThat(drop.pendingFiles()).isEmpty();
        assertThat(drop.poll(received::add)).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aFileTheLedgerHasIsNotReadAgainAfterACrashBeforeTheMove() throws Exception {
        // given a file ingested, then put back in processing/ as if the process died before moving it
        dropFile("a.iso", record("hg-1", "壶关"), NOW.minusSeconds(60));
        FileDropReport report = drop.poll(received::add).get(0);
        Files.move(report.movedTo(), inbox.resolve("processing/a.iso"));
        received.clear();
        // when a new poller starts
        List<FileDropReport> reports = new FileDrop("huguan-county", inbox, QUIET, CLOCK).poll(received::add);
        // then it is moved to done/ unread
        assertThat(received).isEmpty();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(FileDropReport.Outcome.DUPLICATE));
        assertThat(inbox.resolve("processing/a.iso")).doesNotExist();
    }

    @Test
    void aFileLeftInProcessingWithoutALedgerLineIsReadAgain() throws Exception {
        Files.write(inbox.resolve("processing/b.iso"), record("hg-5", "黎城"));
        List<FileDropReport> reports = drop.poll(received::add);
        assertThat(received).hasSize(1);
        assertThat(reports.get(0).outcome()).isEqualTo(FileDropReport.Outcome.DONE);
    }

    @Test
    void theSameContentDroppedUnderAnotherNameIsADuplicate() throws Exception {
        dropFile("monday.iso", record("hg-1", "壶关"), NOW.minusSeconds(60));
        drop.poll(received::add);
        dropFile("monday-again.iso", record("hg-1", "壶关"), NOW.minusSeconds(60));
        List<FileDropReport> reports = drop.poll(received::add);
        assertThat(received).hasSize(1);
        assertThat(reports.get(0).outcome()).isEqualTo(FileDropReport.Outcome.DUPLICATE);
        assertThat(reports.get(0).reason()).contains("monday.iso");
        assertThat(inbox.resolve("done/monday-again.iso")).exists();
    }

    @Test
    void aFileWithoutOneGoodRecordGoesToFailed() throws Exception {
        dropFile("garbage.mrc", "this is not MARC at all\u001D".getBytes(StandardCharsets.UTF_8), NOW.minusSeconds(60));
        FileDropReport report = drop.poll(received::add).get(0);
        assertThat(report.outcome()).isEqualTo(FileDropReport.Outcome.FAILED);
        assertThat(report.reason()).isEqualTo("every record was rejected");
        assertThat(inbox.resolve("failed/garbage.mrc")).exists();
        assertThat(inbox.resolve("failed/garbage.mrc.report.txt")).exists();
    }

    @Test
    void aSinkFailureLeavesTheFileInProcessingForTheNextPoll() throws Exception {
        dropFile("c.iso", record("hg-7", "沁源"), NOW.minusSeconds(60));
        assertThatThrownBy(() -> drop.poll(e -> {
            throw new IllegalStateException("record store unwritable");
        })).hasMessageContaining("record store unwritable");
        assertThat(inbox.resolve("processing/c.iso")).exists();
        assertThat(drop.poll(received::add)).singleElement().satisfies(r -> assertThat(r.accepted()).isEqualTo(1));
    }
}
