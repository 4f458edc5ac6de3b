package org.shangdang.connectors.extract;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * OCR with the {@code tesseract} command (TSV output, so that each word's confidence is known). Runs each model
 * the {@link Script} names and keeps the text with the higher mean confidence; joins words without a space
 * where either side is Chinese, as Tesseract's Chinese models split every character into a "word". Tesseract
 * runs with {@code OMP_THREAD_LIMIT=1}: several threads per process are slower on a shared two-core machine.
 * Runs in the child JVM, whose wall-time limit also bounds OCR. Not thread-safe.
 */
final class TesseractOcr {

    /** Rendering resolution of PDF pages: Tesseract reads Chinese best at about 300 dpi. */
    static final int PDF_DPI = 300;

    /** OCR's outcome and, when {@link ExtractedDocument.OcrStatus#DONE}, its text. */
    record Result(ExtractedDocument.Ocr ocr, String text) {
    }

    record Page(String text, double confidenceSum, long characters) {
    }

    private record Candidate(String model, String text, double meanConfidence) {
    }

    private final OcrSettings settings;
    private List<String> installed;

    TesseractOcr(OcrSettings settings) {
        this.settings = settings;
    }

    Result ocrImage(Path image, Script script) {
        return models(script).orElseGet(() -> ocr(List.of(image), script, ""));
    }

    /** Empty when Tesseract runs and has a model for the script; else why OCR is skipped. */
    private Optional<Result> models(Script script) {
        List<String> installed;
        try {
            installed = installedModels();
        } catch (IOException e) {
            return Optional.of(new Result(ExtractedDocument.Ocr.skipped("OCR skipped: cannot run "
                    + settings.tesseractCommand() + " (" + e.getMessage() + ")"), ""));
        }
        if (script.models().stream().noneMatch(installed::contains)) {
            return Optional.of(new Result(ExtractedDocument.Ocr.skipped("OCR skipped: Tesseract has none of the models "
                    + script.models() + "; installed: " + installed), ""));
        }
        return Optional.empty();
    }

    /** Renders up to {@link OcrSettings#maxPages()} pages at {@value #PDF_DPI} dpi in grey and OCRs them. */
    Result ocrPdf(Path pdf, Script script) {
        Optional<Result> skipped = models(script);
        if (skipped.isPresent()) {
            // Rendering pages costs seconds per page; not worth it when nothing can read them.
            return skipped.get();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("shangdang-ocr-");
            List<Path> pages = new ArrayList<>();
            String note = "";
            try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
                PDFRenderer renderer = new PDFRenderer(document);
                int count = document.getNumberOfPages();
                int rendered = Math.min(count, settings.maxPages());
                if (rendered < count) {
                    note = "; only the first " + rendered + " of " + count + " pages were OCRed";
                }
                for (int i = 0; i < rendered; i++) {
                    BufferedImage image = renderer.renderImageWithDPI(i, PDF_DPI, ImageType.GRAY);
                    Path page = dir.resolve(String.format("page-%04d.png", i + 1));
                    ImageIO.write(image, "png", page.toFile());
                    pages.add(page);
                }
            }
            return ocr(pages, script, note);
        } catch (IOException e) {
            return new Result(new ExtractedDocument.Ocr(ExtractedDocument.OcrStatus.NO_TEXT, Optional.empty(), Optional.empty(),
                    Optional.of("pages could not be rendered for OCR: " + DocumentExtractor.describe(e))), "");
        } finally {
            deleteAll(dir);
        }
    }

    /** OCRs with each installed model of the script; call after {@link #models(Script)} found one. */
    private Result ocr(List<Path> images, Script script, String note) {
        List<String> installed;
        try {
            installed = installedModels();
        } catch (IOException e) {
            return new Result(ExtractedDocument.Ocr.skipped("OCR skipped: cannot run " + settings.tesseractCommand()
                    + " (" + e.getMessage() + ")"), "");
        }
        List<String> models = script.models().stream().filter(installed::contains).toList();
        List<Candidate> candidates = new ArrayList<>();
        for (String model : models) {
            StringBuilder text = new StringBuilder();
            double confidenceSum = 0;
            long characters = 0;
            for (Path image : images) {
                Page page;
                try {
                    page = recognise(image, model);
                } catch (IOException e) {
                    return new Result(new ExtractedDocument.Ocr(ExtractedDocument.OcrStatus.NO_TEXT, Optional.of(model),
                            Optional.empty(), Optional.of("tesseract failed on " + image.getFileName() + ": " + e.getMessage())), "");
                }
                if (!page.text().isBlank()) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(page.text());
                }
                confidenceSum += page.confidenceSum();
                characters += page.characters();
            }
            candidates.add(new Candidate(model, text.toString(), characters == 0 ? 0 : confidenceSum / characters));
        }
        Candidate best = candidates.stream().max(Comparator.comparingDouble(Candidate::meanConfidence)).orElseThrow();
        String compared = candidates.size() < 2 ? "" : "; compared " + candidates.stream()
                .map(c -> c.model() + " " + Math.round(c.meanConfidence())).toList();
        double confidence = Math.round(best.meanConfidence() * 10) / 10.0;
        if (best.text().isBlank() || best.meanConfidence() < settings.minimumConfidence()) {
            return new Result(new ExtractedDocument.Ocr(ExtractedDocument.OcrStatus.NO_TEXT, Optional.of(best.model()),
                    Optional.of(confidence), Optional.of("no legible text: mean confidence " + confidence + " < "
                            + settings.minimumConfidence() + compared + note)), "");
        }
        return new Result(new ExtractedDocument.Ocr(ExtractedDocument.OcrStatus.DONE, Optional.of(best.model()),
                Optional.of(confidence), Optional.of("OCR " + best.model() + ", mean confidence " + confidence + compared + note)),
                best.text());
    }

    private List<String> installedModels() throws IOException {
        if (installed != null) {
            return installed;
        }
        String out = run(List.of(settings.tesseractCommand(), "--list-langs"));
        List<String> models = new ArrayList<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.contains(" ") && !l.endsWith(":")) {
                models.add(l);
            }
        }
        installed = List.copyOf(models);
        return installed;
    }

    private Page recognise(Path image, String model) throws IOException {
        String tsv = run(List.of(settings.tesseractCommand(), image.toString(), "stdout", "-l", model, "--psm", "3",
                "-c", "preserve_interword_spaces=1", "tsv"));
        return parseTsv(tsv);
    }

    /**
     * Reads Tesseract's TSV: words (level 5) are joined within a line, with a space only between two non-Chinese
     * words; lines end with a newline. Confidence is weighted by characters.
     */
    static Page parseTsv(String tsv) {
        StringBuilder text = new StringBuilder();
        String lineKey = null;
        double confidenceSum = 0;
        long characters = 0;
        for (String row : tsv.split("\n")) {
            String[] cols = row.split("\t", -1);
            if (cols.length < 12 || !cols[0].equals("5")) {
                continue;
            }
            String word = cols[11].strip();
            double confidence;
            try {
                confidence = Double.parseDouble(cols[10]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (word.isEmpty() || confidence < 0) {
                continue;
            }
            String key = cols[1] + "/" + cols[2] + "/" + cols[3] + "/" + cols[4];
            if (!key.equals(lineKey)) {
                if (lineKey != null) {
                    text.append('\n');
                }
                lineKey = key;
            } else if (!isCjk(text.codePointBefore(text.length())) && !isCjk(word.codePointAt(0))) {
                text.append(' ');
            }
            text.append(word);
            int length = word.codePointCount(0, word.length());
            confidenceSum += confidence * length;
            characters += length;
        }
        return new Page(text.toString(), confidenceSum, characters);
    }

    /** Han characters, CJK punctuation, kana, full-width forms: no space belongs next to these in Chinese text. */
    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.GENERAL_PUNCTUATION && codePoint >= 0x2014 && codePoint <= 0x2026;
    }

    private static String run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(command.get(0) + " exited with " + process.exitValue());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteAll(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the OCR result stands.
        }
    }
}
