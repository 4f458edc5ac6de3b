package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionLedgerTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-29T08:00:00.123Z");

    @TempDir
    Path temp;

    @Test
    void aRecordedFileIsCurrentAfterReopeningUntilItsSizeOrModificationTimeChanges() {
        // given a file recorded in a ledger
        Path ledgerFile = temp.resolve(".ledger");
        Path file = temp.resolve("太行精神.pdf");
        ExtractionLedger.open(ledgerFile).record(file, 1000, MODIFIED, "EXTRACTED");

        // when the ledger is read again
        ExtractionLedger ledger = ExtractionLedger.open(ledgerFile);

        // then the same size and time are current, any change is not
        assertThat(ledger.isCurrent(file, 1000, MODIFIED)).isTrue();
        assertThat(ledger.isCurrent(file, 1001, MODIFIED)).isFalse();
        assertThat(ledger.isCurrent(file, 1000, MODIFIED.plusMillis(1))).isFalse();
        assertThat(ledger.isCurrent(temp.resolve("other.pdf"), 1000, MODIFIED)).isFalse();
    }

    @Test
    void missingListsKnownFilesNoLongerPresentAndForgettingSurvivesReopening() {
        // given two recorded files, one of them since deleted
        Path ledgerFile = temp.resolve(".ledger");
        Path kept = temp.resolve("kept.pdf");
        Path gone = temp.resolve("a\tname with a tab.pdf");
        ExtractionLedger ledger = ExtractionLedger.open(ledgerFile);
        ledger.record(kept, 1, MODIFIED, "EXTRACTED");
        ledger.record(gone, 2, MODIFIED, "ZIP_BOMB");

        // when the present files are compared, and the gone one forgotten
        List<Path> missing = ledger.missing(List.of(kept));
        ledger.forget(gone);

        // then the gone one is missing, and after reopening it is unknown
        assertThat(missing).containsExactly(gone.toAbsolutePath());
        ExtractionLedger reopened = ExtractionLedger.open(ledgerFile);
        assertThat(reopened.missing(List.of())).containsExactly(kept.toAbsolutePath());
        assertThat(reopened.isCurrent(gone, 2, MODIFIED)).isFalse();
    }

    @Test
    void aLineTornByACrashIsSkippedSoItsFileIsReadAgain() throws IOException {
        // given a ledger whose last line was cut short
        Path ledgerFile = temp.resolve(".ledger");
        Path file = temp.resolve("whole.pdf");
        ExtractionLedger.open(ledgerFile).record(file, 10, MODIFIED, "EXTRACTED");
        Files.writeString(ledgerFile, temp.resolve("torn.pdf") + "\t12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        // when it is read
        ExtractionLedger ledger = ExtractionLedger.open(ledgerFile);

        // then the whole line counts, the torn one does not
        assertThat(ledger.isCurrent(file, 10, MODIFIED)).isTrue();
        assertThat(ledger.missing(List.of(file))).isEmpty();
    }
}
