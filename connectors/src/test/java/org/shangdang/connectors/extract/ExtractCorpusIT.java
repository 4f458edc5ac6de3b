package org.shangdang.connectors.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.SourceInfo;

/**
 * Every file of shared/corpus/docs through the extraction service: each is extracted (and crosswalked) or
 * rejected with a reason, hostile files only ever run in a child, and this JVM and the service survive them.
 * Prints a table file → outcome. Skipped where the corpus is absent.
 */
class ExtractCorpusIT {

    private static final SourceInfo SOURCE = new SourceInfo("docs", "corpus documents", "长治市图书馆", Optional.empty());
    private static final Map<String, Extraction> OUTCOMES = new TreeMap<>();
    private static Path docs;
    private static int replacedChildren;
    private static Extraction afterwards;

    @BeforeAll
    static void extractEveryFile() throws IOException {
        String shared = System.getProperty("shangdang.shared");
        docs = shared == null ? null : Path.of(shared, "corpus", "docs");
        assumeTrue(docs != null && Files.isDirectory(docs), "shared/corpus/docs absent (shangdang.shared=" + shared
                + "): skipping extraction corpus test");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(docs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        ExtractionLimits limits = ExtractionLimits.DEFAULT.withTimeout(Duration.ofSeconds(60)).withChildHeapMegabytes(384);
        try (ExtractionService service = ExtractionService.start(2, limits, OcrSettings.DEFAULT)) {
            files.parallelStream().forEach(file -> {
                Extraction outcome = service.extract("docs", file, Script.UNKNOWN);
                synchronized (OUTCOMES) {
                    OUTCOMES.put(docs.relativize(file).toString(), outcome);
                }
            });
            replacedChildren = service.replacedChildren();
            Path plain = Files.createTempFile("after-corpus", ".txt");
            Files.writeString(plain, "长子鼓书");
            afterwards = service.extract("docs", plain, Script.UNKNOWN);
            Files.delete(plain);
        }
        System.out.printf("%-58s %s%n", "file", "outcome");
        OUTCOMES.forEach((file, outcome) -> System.out.printf("%-58s %s%n", file, describe(outcome)));
        long extracted = OUTCOMES.values().stream().filter(o -> o instanceof Extraction.Extracted).count();
        System.out.printf("docs corpus: %d files, %d extracted, %d rejected, %d children replaced%n",
                OUTCOMES.size(), extracted, OUTCOMES.size() - extracted, replacedChildren);
    }

    @AfterAll
    static void clear() {
        OUTCOMES.clear();
    }

    private static String describe(Extraction outcome) {
        if (outcome instanceof Extraction.Rejected r) {
            return "REJECTED " + r.reason() + ": " + r.detail();
        }
        ExtractedDocument d = ((Extraction.Extracted) outcome).document();
        String text = d.text().replaceAll("\\s+", " ");
        return "EXTRACTED " + d.mimeType() + ", " + d.text().length() + " chars"
                + (d.ocr().status() == ExtractedDocument.OcrStatus.NOT_NEEDED ? "" : ", OCR " + d.ocr().status())
                + (text.isEmpty() ? "" : ": " + text.substring(0, Math.min(30, text.length())));
    }

    private static Extraction outcome(String file) {
        assertThat(OUTCOMES).containsKey(file);
        return OUTCOMES.get(file);
    }

    @Test
    void everyFileIsExtractedOrRejectedWithAReason() throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(docs)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        assertThat(OUTCOMES).hasSize((int) files);
        assertThat(OUTCOMES.values()).filteredOn(o -> o instanceof Extraction.Rejected)
                .allSatisfy(o -> assertThat(((Extraction.Rejected) o).detail()).isNotBlank());
    }

    @Test
    void hostileFilesAreRejectedWithTheirSpecificReasonAndTheServiceGoesOn() {
        for (String bomb : List.of("xml-attacks/xmlbomb.xml", "xml-attacks/xmlbomb2.xml", "xml-attacks/quadratic.xml",
                "xml-attacks/cyclic.xml")) {
            assertThat(reason(bomb)).as(bomb).isEqualTo(RejectReason.ENTITY_EXPANSION_REFUSED);
        }
        for (String xxe : List.of("xml-attacks/external.xml", "xml-attacks/external_file.xml", "tika/testXXE.xml")) {
            assertThat(reason(xxe)).as(xxe).isEqualTo(RejectReason.XXE_REFUSED);
        }
        assertThat(reason("tika/droste.zip")).isEqualTo(RejectReason.ZIP_BOMB);
        assertThat(reason("tika/quine.gz")).isEqualTo(RejectReason.ZIP_BOMB);
        assertThat(reason("tika/testWORD_protected_passtika.docx")).isEqualTo(RejectReason.ENCRYPTED);
        assertThat(reason("tika/testPDF_no_extract_no_accessibility_owner_user.pdf")).isEqualTo(RejectReason.ENCRYPTED);
        assertThat(reason("tika/testWORD_truncated.docx")).isEqualTo(RejectReason.CORRUPT);
        assertThat(afterwards).isInstanceOf(Extraction.Extracted.class);
        assertThat(((Extraction.Extracted) afterwards).document().text()).isEqualTo("长子鼓书");
    }

    @Test
    void textLayersOfficeEpubAudioAndExifAreRead() {
        assertThat(document("pdfjs-cjk/issue2128r.pdf").text()).contains("浅谈校长的魅力");
        // non-embedded GBK font without ToUnicode: PDFBox gives Latin-1 mojibake, repaired by re-reading as GBK
        assertThat(document("pdfjs-cjk/XiaoBiaoSong.pdf").text()).contains("关于红军作战");
        assertThat(document("pdfjs-cjk/XiaoBiaoSong.pdf").metadata()).containsKey("shangdang:textRepair");
        assertThat(document("tika/testWORD.docx").text()).contains("This is the header for our doc");
        assertThat(document("tika/testEPUB.epub").text()).contains("Chapter 1");
        ExtractedDocument mp3 = document("tika/testMP3id3v24.mp3");
        assertThat(mp3.first("dc:title")).contains("Test Title");
        assertThat(mp3.first("xmpDM:artist")).contains("Test Artist");
        assertThat(mp3.first("xmpDM:duration")).isPresent();
        assertThat(document("tika/testJPEG_EXIF.jpg").first("tiff:Make")).isPresent();
        assertThat(document("tika/gbk.zip").text()).contains("审计压缩包文件检索测试");
    }

    private static RejectReason reason(String file) {
        Extraction outcome = outcome(file);
        assertThat(outcome).as(file).isInstanceOf(Extraction.Rejected.class);
        return ((Extraction.Rejected) outcome).reason();
    }

    private static ExtractedDocument document(String file) {
        Extraction outcome = outcome(file);
        assertThat(outcome).as(file).isInstanceOf(Extraction.Extracted.class);
        return ((Extraction.Extracted) outcome).document();
    }

    @Test
    void everyExtractedFileCrosswalksToARecordWithItsFileLink() throws Exception {
        for (Extraction outcome : OUTCOMES.values()) {
            if (outcome instanceof Extraction.Extracted extracted) {
                CanonicalRecord record = Crosswalks.standard().map(extracted.record(), SOURCE);
                assertThat(record.media()).singleElement().satisfies(link -> {
                    assertThat(link.url()).startsWith("file:");
                    assertThat(link.bytes()).contains(extracted.document().bytes());
                });
            }
        }
    }
}
