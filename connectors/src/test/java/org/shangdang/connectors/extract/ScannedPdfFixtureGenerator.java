package org.shangdang.connectors.extract;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes the image-only PDF fixture {@code fixtures/documents/scanned-page-chi-sim.pdf}: one page holding only
 * the 300-dpi scan {@code scanned-page-chi-sim.png} (made from {@code scanned-page-chi-sim.txt} by the ImageMagick
 * command in fixtures/README.md), no text layer. ImageMagick's PDF writer is disabled by Debian's security
 * policy, hence this. Run by hand from the repository root:
 * {@code java -cp <connectors test class path> org.shangdang.connectors.extract.ScannedPdfFixtureGenerator}.
 */
public final class ScannedPdfFixtureGenerator {

    private ScannedPdfFixtureGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "fixtures/src/main/resources/fixtures/documents");
        try (PDDocument document = new PDDocument()) {
            PDImageXObject scan = PDImageXObject.createFromFile(dir.resolve("scanned-page-chi-sim.png").toString(), document);
            // 300 dpi scan → page size in points (1/72 inch), so the page is the size of the scanned paper.
            float width = scan.getWidth() * 72f / 300f;
            float height = scan.getHeight() * 72f / 300f;
            PDPage page = new PDPage(new PDRectangle(width, height));
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(scan, 0, 0, width, height);
            }
            document.getDocumentInformation().setTitle("长治红色文化 扫描页");
            document.save(dir.resolve("scanned-page-chi-sim.pdf").toFile());
        }
    }
}
