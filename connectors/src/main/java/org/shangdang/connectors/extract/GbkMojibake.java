package org.shangdang.connectors.extract;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Repairs PDF text whose Chinese came out as Latin-1: old Chinese PDFs with non-embedded fonts named in raw GBK
 * and no ToUnicode map (pdf.js issue2128r, XiaoBiaoSong) give PDFBox the GBK byte codes, which it reports as
 * one Latin-1 character per byte ({@code ¹Ø ÓÚ} for 关于). Stateless and thread-safe.
 */
final class GbkMojibake {

    /** At least this many Latin-1 supplement characters, and this share of the visible text, before repairing. */
    static final int MIN_LATIN1_CHARS = 20;
    static final double MIN_LATIN1_SHARE = 0.3;
    /** Runs that are not valid GBK (a stray byte) are kept as they are, up to this share; beyond it, not GBK. */
    static final double MAX_FAILED_SHARE = 0.1;
    private static final Charset GBK = Charset.forName("GBK");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern SPACE_BETWEEN_CJK = Pattern.compile("(?<=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]) +(?=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF])");

    private GbkMojibake() {
    }

    /**
     * The text re-read as GBK, with the spaces PDFBox put between glyphs removed between Chinese characters; empty
     * when the text has Chinese already, too little Latin-1, or more than a tenth of its Latin-1 runs are not GBK.
     */
    static Optional<String> repair(String text) {
        if (HAN.matcher(text).find()) {
            return Optional.empty();
        }
        long visible = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        long latin1 = text.chars().filter(c -> c >= 0xA1 && c <= 0xFF).count();
        if (latin1 < MIN_LATIN1_CHARS || latin1 < visible * MIN_LATIN1_SHARE) {
            return Optional.empty();
        }
        // PDFBox applies compatibility normalisation to a few Latin-1 spacing diacritics (¸ → space + U+0327);
        // undo it so their bytes rejoin the GBK code they belong to.
        text = text.replace(" \u0327", "\u00B8").replace(" \u0308", "\u00A8").replace(" \u0304", "\u00AF")
                .replace(" \u0301", "\u00B4");
        int runs = 0;
        int failed = 0;
        StringBuilder repaired = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < 0x80 || c > 0xFF) {
                repaired.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) >= 0x80 && text.charAt(end) <= 0xFF) {
                end++;
            }
            byte[] bytes = new byte[end - i];
            for (int j = i; j < end; j++) {
                bytes[j - i] = (byte) text.charAt(j);
            }
            Optional<String> decoded = decode(bytes);
            runs++;
            if (decoded.isEmpty()) {
                failed++;
                repaired.append(text, i, end);
            } else {
                repaired.append(decoded.get());
            }
            i = end;
        }
        if (failed > runs * MAX_FAILED_SHARE) {
            return Optional.empty();
        }
        return Optional.of(SPACE_BETWEEN_CJK.matcher(repaired).replaceAll(""));
    }

    private static Optional<String> decode(byte[] bytes) {
        CharsetDecoder decoder = GBK.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
