package org.shangdang.connectors.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts one file in the child JVM: detects its type, refuses XML with entity declarations, parses it with
 * Tika's auto-detecting parser (embedded documents included, under Tika's nesting and compression-ratio limits),
 * and OCRs images and image-only PDFs with {@link TesseractOcr}. Not thread-safe; one per child.
 */
final class DocumentExtractor {

    /** Below this many non-blank characters per page a PDF is taken as image-only and OCRed. */
    static final int MIN_TEXT_CHARS_PER_PAGE = 10;
    private static final Pattern ZIP_BOMB = Pattern.compile("Suspected zip bomb[^\\n\\r]*");
    private static final int MAX_METADATA_KEYS = 300;
    private static final int MAX_METADATA_VALUE = 2000;
    private static final int PROLOG_BYTES = 64 * 1024;
    private static final Pattern EXTERNAL_ENTITY = Pattern.compile("<!ENTITY\\s+%?\\s*[^\\s>]+\\s+(SYSTEM|PUBLIC)\\b");
    private static final Pattern INTERNAL_ENTITY = Pattern.compile("<!ENTITY\\s");
    private static final Pattern EXTERNAL_DTD = Pattern.compile("<!DOCTYPE\\s+[^\\s>\\[]+\\s+(SYSTEM|PUBLIC)\\b");

    private final AutoDetectParser parser = new AutoDetectParser();

    ChildProtocol.Response extract(ChildProtocol.Request request) {
        Path path = Path.of(request.path());
        String fileName = path.getFileName() == null ? request.path() : path.getFileName().toString();
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        long size;
        String mime;
        try {
            size = Files.size(path);
            try (TikaInputStream in = TikaInputStream.get(path, metadata)) {
                mime = parser.getDetector().detect(in, metadata).getBaseType().toString();
            }
        } catch (IOException e) {
            return ChildProtocol.Response.rejected(RejectReason.UNREADABLE, describe(e));
        }
        if (isXml(mime)) {
            Optional<ChildProtocol.Response> refused = refuseEntities(path);
            if (refused.isPresent()) {
                return refused.get();
            }
        }

        BodyContentHandler handler = new BodyContentHandler(request.maxTextCharacters());
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        TesseractOCRConfig noTikaOcr = new TesseractOCRConfig();
        // OCR is done below, with the script chosen per record; Tika's own OCR would run the default model twice.
        noTikaOcr.setSkipOcr(true);
        context.set(TesseractOCRConfig.class, noTikaOcr);
        boolean truncated = false;
        try (TikaInputStream in = TikaInputStream.get(path, metadata)) {
            parser.parse(in, handler, metadata, context);
        } catch (SAXException | TikaException | IOException | RuntimeException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
            } else {
                return rejection(e, mime);
            }
        }
        // Tika stops a self-reproducing archive (droste.zip, quine.gz) at its nesting limit but records that only
        // as an embedded failure and reports success; the file is a bomb all the same.
        for (String failure : metadata.getValues("X-TIKA:EXCEPTION:embedded_exception")) {
            Matcher bomb = ZIP_BOMB.matcher(failure);
            if (bomb.find()) {
                return ChildProtocol.Response.rejected(RejectReason.ZIP_BOMB, mime + ": " + bomb.group());
            }
        }
        String text = handler.toString().strip();
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (mime.equals("application/pdf")) {
            Optional<String> repaired = GbkMojibake.repair(text);
            if (repaired.isPresent()) {
                text = repaired.get();
                extra.put("shangdang:textRepair", List.of("GBK codes read as Latin-1 (non-embedded GBK font) re-decoded"));
            }
        }

        TesseractOcr.Result result = new TesseractOcr.Result(ExtractedDocument.Ocr.notNeeded(), "");
        TesseractOcr tesseract = new TesseractOcr(request.ocr());
        if (mime.startsWith("image/") && !mime.contains("svg")) {
            result = tesseract.ocrImage(path, request.script());
        } else if (mime.equals("application/pdf") && isImageOnly(text, metadata)) {
            result = tesseract.ocrPdf(path, request.script());
        }
        ExtractedDocument.Ocr ocr = result.ocr();
        if (ocr.status() == ExtractedDocument.OcrStatus.DONE) {
            String ocrText = result.text();
            text = text.isBlank() ? ocrText : text + "\n" + ocrText;
            if (text.length() > request.maxTextCharacters()) {
                text = text.substring(0, request.maxTextCharacters());
                truncated = true;
            }
        }
        Map<String, List<String>> allMetadata = metadataMap(metadata);
        allMetadata.putAll(extra);
        return ChildProtocol.Response.extracted(new ExtractedDocument(request.url(), fileName, size, mime,
                allMetadata, text, truncated, ocr));
    }

    private static boolean isXml(String mime) {
        return mime.equals("application/xml") || mime.equals("text/xml")
                || (mime.endsWith("+xml") && !mime.equals("application/xhtml+xml"));
    }

    /**
     * Tika's XML parsers ignore external entities and cap expansion, but a library has no use for either: a file
     * that declares them is refused before any parser reads it.
     */
    private static Optional<ChildProtocol.Response> refuseEntities(Path path) {
        String prolog;
        try (InputStream in = Files.newInputStream(path)) {
            prolog = new String(in.readNBytes(PROLOG_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.of(ChildProtocol.Response.rejected(RejectReason.UNREADABLE, describe(e)));
        }
        if (EXTERNAL_ENTITY.matcher(prolog).find()) {
            return Optional.of(ChildProtocol.Response.rejected(RejectReason.XXE_REFUSED,
                    "XML declares an external entity (<!ENTITY … SYSTEM/PUBLIC …>)"));
        }
        if (EXTERNAL_DTD.matcher(prolog).find()) {
            return Optional.of(ChildProtocol.Response.rejected(RejectReason.XXE_REFUSED,
                    "XML references an external DTD (<!DOCTYPE … SYSTEM/PUBLIC …>)"));
        }
        if (INTERNAL_ENTITY.matcher(prolog).find()) {
            return Optional.of(ChildProtocol.Response.rejected(RejectReason.ENTITY_EXPANSION_REFUSED,
                    "XML declares entities (<!ENTITY …>): possible billion-laughs or quadratic blow-up"));
        }
        return Optional.empty();
    }

    private static boolean isImageOnly(String text, Metadata metadata) {
        int pages = Math.max(1, Optional.ofNullable(metadata.get("xmpTPg:NPages")).map(DocumentExtractor::toInt).orElse(1));
        long visible = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        return visible < (long) MIN_TEXT_CHARS_PER_PAGE * pages;
    }

    private static int toInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static ChildProtocol.Response rejection(Throwable e, String mime) {
        String detail = describe(e);
        String chain = chainText(e).toLowerCase(Locale.ROOT);
        if (hasCause(e, EncryptedDocumentException.class) || chain.contains("encrypt") || chain.contains("password")) {
            return ChildProtocol.Response.rejected(RejectReason.ENCRYPTED, detail);
        }
        if (hasCause(e, TikaMemoryLimitException.class) || chain.contains("zip bomb") || chain.contains("nesting")
                || chain.contains("compression ratio")) {
            return ChildProtocol.Response.rejected(RejectReason.ZIP_BOMB, detail);
        }
        if (chain.contains("entity expansion") || chain.contains("jaxp00010001") || chain.contains("entityexpansionlimit")) {
            return ChildProtocol.Response.rejected(RejectReason.ENTITY_EXPANSION_REFUSED, detail);
        }
        if (chain.contains("external entity") || chain.contains("doctype is disallowed")) {
            return ChildProtocol.Response.rejected(RejectReason.XXE_REFUSED, detail);
        }
        return ChildProtocol.Response.rejected(RejectReason.CORRUPT, mime + ": " + detail);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable e) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    /** The exception and its deepest cause, for a reject's detail. */
    static String describe(Throwable e) {
        Throwable root = e;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 10) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root == e) {
            return abbreviate(top);
        }
        return abbreviate(top + " (cause " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")");
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 500 ? oneLine.substring(0, 500) + "…" : oneLine;
    }

    private static Map<String, List<String>> metadataMap(Metadata metadata) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        String[] names = metadata.names();
        java.util.Arrays.sort(names);
        for (String name : names) {
            if (map.size() >= MAX_METADATA_KEYS || name.startsWith("X-TIKA:Parsed-By") || name.equals("X-TIKA:parse_time_millis")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String value : metadata.getValues(name)) {
                if (value != null && name.startsWith("X-TIKA:EXCEPTION")) {
                    // Stack traces of embedded failures: the first line says what failed, the rest only bloats the payload.
                    value = value.lines().findFirst().orElse("");
                }
                if (value != null && !value.isBlank()) {
                    values.add(value.length() > MAX_METADATA_VALUE ? value.substring(0, MAX_METADATA_VALUE) : value);
                }
            }
            if (!values.isEmpty()) {
                map.put(name, values);
            }
        }
        return map;
    }
}
