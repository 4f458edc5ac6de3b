package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-JVM isolation: limits, kills and replacements, with real child processes. */
class ExtractionServiceIT {

    @TempDir
    Path dir;

    private Path text(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static ExtractedDocument extracted(Extraction outcome) {
        assertThat(outcome).isInstanceOf(Extraction.Extracted.class);
        return ((Extraction.Extracted) outcome).document();
    }

    @Test
    void aChildThatHangsIsKilledWithWhatItStartedAndTheNextFileIsExtractedByItsReplacement() throws Exception {
        // given an OCR command that hangs, as a stuck Tesseract would
        Path pidFile = dir.resolve("hung.pid");
        Path hanging = dir.resolve("hanging-tesseract");
        Files.writeString(hanging, "#!/bin/sh\necho $$ > " + pidFile + "\nexec sleep 300\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwx------"));
        Path scan = ExtractFixtures.copy("scanned-page-chi-sim.png", dir);
        Path note = text("上党落子.txt", "上党落子是流行于长治一带的地方戏。");
        ExtractionLimits limits = ExtractionLimits.DEFAULT.withTimeout(Duration.ofSeconds(5));

        try (ExtractionService service = ExtractionService.start(1, limits,
                OcrSettings.DEFAULT.withTesseractCommand(hanging.toString()))) {
            // when
            Extraction hung = service.extract("inbox", scan, Script.UNKNOWN);
            Extraction next = service.extract("inbox", note, Script.UNKNOWN);

            // then
            assertThat(hung).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(RejectReason.TIMEOUT);
                assertThat(r.detail()).isEqualTo("no result within 5 s; child killed");
            });
            long sleeper = Long.parseLong(Files.readString(pidFile).strip());
            assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(service.replacedChildren()).isEqualTo(1);
            assertThat(extracted(next).text()).isEqualTo("上党落子是流行于长治一带的地方戏。");
        }
    }

    @Test
    void aChildThatRunsOutOfMemoryIsReplacedAndTheFileRejectedAsOutOfMemory() throws Exception {
        // given an image-only PDF with a 66-inch page: rendered for OCR at 300 dpi it needs ~400 MB
        Path huge = dir.resolve("huge-page-scan.pdf");
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new PDRectangle(4800, 4800)));
            document.save(huge.toFile());
        }
        Path note = text("note.txt", "武乡秧歌");
        ExtractionLimits limits = ExtractionLimits.DEFAULT.withChildHeapMegabytes(128);

        try (ExtractionService service = ExtractionService.start(1, limits, OcrSettings.DEFAULT)) {
            Extraction outcome = service.extract("inbox", huge, Script.UNKNOWN);
            Extraction next = service.extract("inbox", note, Script.UNKNOWN);

            assertThat(outcome).isInstanceOfSatisfying(Extraction.Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(RejectReason.OUT_OF_MEMORY);
                assertThat(r.detail()).isEqualTo("child ran out of its 128 MB heap and exited");
            });
            assertThat(service.replacedChildren()).isEqualTo(1);
            assertThat(extracted(next).text()).isEqualTo("武乡秧歌");
        }
    }

    @Test
    void aFileAboveTheSizeLimitIsRejectedWithoutStartingAChild() throws Exception {
        Path big = text("big.txt", "长治".repeat(1000));

        try (ExtractionService service = ExtractionService.start(1, ExtractionLimits.DEFAULT.withMaxFileBytes(1000),
                OcrSettings.DEFAULT)) {
            Extraction outcome = service.extract("inbox", big, Script.UNKNOWN);

            assertThat(outcome).isEqualTo(new Extraction.Rejected(big.toUri().toString(), RejectReason.TOO_LARGE,
                    "6000 bytes > limit 1000"));
            assertThat(service.childPids()).isEmpty();
        }
    }

    @Test
    void aWatchedDirectoryYieldsEveryFileExtractedOrRejectedInPathOrder() throws Exception {
        text("a-壶关秧歌.txt", "壶关秧歌");
        Files.writeString(dir.resolve("b-bomb.xml"), "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>");
        text(".hidden.txt", "skipped");
        Files.createDirectories(dir.resolve("c"));
        text("c/d-屯留道情.txt", "屯留道情");

        List<Extraction> outcomes = new ArrayList<>();
        try (ExtractionService service = ExtractionService.start(1, ExtractionLimits.DEFAULT, OcrSettings.DEFAULT);
                DirectoryExtraction files = DirectoryExtraction.open(service, "inbox", dir, Script.UNKNOWN)) {
            files.forEachRemaining(outcomes::add);
        }

        assertThat(outcomes).extracting(Extraction::location).containsExactly(
                dir.resolve("a-壶关秧歌.txt").toUri().toString(),
                dir.resolve("b-bomb.xml").toUri().toString(),
                dir.resolve("c/d-屯留道情.txt").toUri().toString());
        assertThat(extracted(outcomes.get(0)).text()).isEqualTo("壶关秧歌");
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(Extraction.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.ENTITY_EXPANSION_REFUSED));
        assertThat(extracted(outcomes.get(2)).text()).isEqualTo("屯留道情");
        assertThat(((Extraction.Extracted) outcomes.get(2)).record().recordId()).isEqualTo(outcomes.get(2).location());
    }
}
