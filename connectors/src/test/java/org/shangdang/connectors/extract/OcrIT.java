package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/** OCR of the scanned fixtures with the real Tesseract, in a child JVM; skipped where Tesseract or a model is absent. */
class OcrIT {

    private static final SourceInfo SOURCE = new SourceInfo("scans", "扫描件", "长治市图书馆", Optional.empty());
    private static ExtractionService service;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        service = ExtractionService.start(1, ExtractionLimits.DEFAULT, OcrSettings.DEFAULT);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static void assumeTesseractWithChineseModels() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra): skipping");
            return;
        }
        String langs = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        assumeTrue(langs.contains("chi_sim") && langs.contains("chi_tra"), "tesseract lacks chi_sim/chi_tra: skipping");
    }

    private static ExtractedDocument extracted(Extraction outcome) {
        assertThat(outcome).isInstanceOf(Extraction.Extracted.class);
        return ((Extraction.Extracted) outcome).document();
    }

    @Test
    void aPhraseInAnImageOnlyPdfIsInTheFullTextWithoutSpacesBetweenChineseCharacters() throws Exception {
        assumeTesseractWithChineseModels();
        Path scan = ExtractFixtures.copy("scanned-page-chi-sim.pdf", dir);

        Extraction outcome = service.extract("scans", scan, Script.UNKNOWN);

        ExtractedDocument document = extracted(outcome);
        assertThat(document.ocr().status()).isEqualTo(ExtractedDocument.OcrStatus.DONE);
        assertThat(document.ocr().language()).contains("chi_sim");
        assertThat(document.text()).contains("八路军总部旧址在武乡县").contains("长治的红色文化");
        assertThat(document.text()).doesNotContainPattern("\\p{IsHan} \\p{IsHan}");
        CanonicalRecord record = Crosswalks.standard().map(((Extraction.Extracted) outcome).record(), SOURCE);
        assertThat(record.fullText()).hasValueSatisfying(t -> assertThat(t).contains("八路军总部旧址在武乡县"));
        assertThat(record.kind()).isEqualTo(ResourceKind.EBOOK);
        assertThat(record.title()).isEqualTo("长治红色文化 扫描页");
        assertThat(record.media()).singleElement().satisfies(link -> {
            assertThat(link.kind()).isEqualTo(MediaLink.Kind.PDF);
            assertThat(link.bytes()).contains(java.nio.file.Files.size(scan));
        });
        assertThat(record.notes()).anyMatch(n -> n.startsWith("OCR chi_sim, mean confidence") && n.contains("compared"));
    }

    @Test
    void anUndeclaredTraditionalScanKeepsTheTraditionalModelsBetterResult() throws Exception {
        assumeTesseractWithChineseModels();
        Path scan = ExtractFixtures.copy("scanned-page-chi-tra.png", dir);

        ExtractedDocument document = extracted(service.extract("scans", scan, Script.UNKNOWN));

        assertThat(document.ocr().language()).contains("chi_tra");
        assertThat(document.text()).contains("長治縣");
        assertThat(document.ocr().detail()).hasValueSatisfying(d -> assertThat(d).contains("chi_sim").contains("chi_tra"));
    }

    @Test
    void aDeclaredScriptRunsOnlyItsModel() throws Exception {
        assumeTesseractWithChineseModels();
        Path scan = ExtractFixtures.copy("scanned-page-chi-sim.png", dir);

        ExtractedDocument document = extracted(service.extract("scans", scan, Script.SIMPLIFIED));

        assertThat(document.ocr().language()).contains("chi_sim");
        assertThat(document.ocr().detail()).hasValueSatisfying(d -> assertThat(d).doesNotContain("compared"));
        assertThat(document.text()).contains("八路军总部旧址在武乡县");
    }

    @Test
    void whereTesseractIsAbsentTheRecordSaysOcrWasSkipped(@TempDir Path own) throws Exception {
        Path scan = ExtractFixtures.copy("scanned-page-chi-sim.pdf", own);
        OcrSettings missing = OcrSettings.DEFAULT.withTesseractCommand(own.resolve("no-such-tesseract").toString());

        Extraction outcome;
        try (ExtractionService withoutOcr = ExtractionService.start(1, ExtractionLimits.DEFAULT, missing)) {
            outcome = withoutOcr.extract("scans", scan, Script.UNKNOWN);
        }

        ExtractedDocument document = extracted(outcome);
        assertThat(document.ocr().status()).isEqualTo(ExtractedDocument.OcrStatus.SKIPPED);
        assertThat(document.text()).isEmpty();
        CanonicalRecord record = Crosswalks.standard().map(((Extraction.Extracted) outcome).record(), SOURCE);
        assertThat(record.fullText()).isEmpty();
        assertThat(record.notes()).anyMatch(n -> n.startsWith("OCR skipped: cannot run " + own.resolve("no-such-tesseract")));
    }
}
