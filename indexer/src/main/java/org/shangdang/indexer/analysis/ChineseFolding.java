package org.shangdang.indexer.analysis;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.Arrays;

/**
 * Folds text so that traditional, simplified, full-width and differently cased forms compare equal:
 * first NFKC with case folding (ＡＢＣ１２３ → abc123, compatibility ideographs → unified ones), then
 * traditional → simplified Chinese character by character (長治 → 长治).
 *
 * <p>The traditional → simplified table is derived once, on first use, from ICU4J's
 * {@code Traditional-Simplified} transliterator applied to every code point of the CJK blocks; only
 * mappings from one code point to one code point of the same UTF-16 length are kept, so folding never
 * changes the length of text and offsets stay valid. Phrase-level conversions (which ICU applies rarely
 * anyway) are deliberately given up for speed: a table lookup costs a fraction of running the
 * transliterator on every token.
 *
 * <p>All methods are thread-safe; the table is immutable once built.
 */
public final class ChineseFolding {

    /**
     * The blocks the table covers, in ascending order: CJK Ext A, the URO, compatibility ideographs, and
     * planes 2–3 (Ext B–H and the compatibility supplement).
     */
    private static final int[][] CJK_RANGES = {
        {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},
        {0xF900, 0xFAFF},
        {0x20000, 0x323AF},
    };

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private ChineseFolding() {}

    /** The NFKC-casefold normaliser the analyzers run before {@link #toSimplified(int)}. */
    public static Normalizer2 nfkcCasefold() {
        return NFKC_CASEFOLD;
    }

    /** NFKC-casefolds the text, then maps each traditional character to its simplified form. */
    public static String fold(CharSequence text) {
        String normalised = NFKC_CASEFOLD.normalize(text);
        char[] chars = normalised.toCharArray();
        foldInPlace(chars, 0, chars.length);
        return new String(chars);
    }

    /**
     * The simplified form of one code point, or the code point itself when it has none. Does not
     * apply NFKC; use {@link #fold(CharSequence)} for text.
     */
    public static int toSimplified(int codePoint) {
        Table table = Table.INSTANCE;
        if (codePoint < 0x10000) {
            char mapped = table.bmp[codePoint];
            return mapped == 0 ? codePoint : mapped;
        }
        int i = Arrays.binarySearch(table.supplementaryFrom, codePoint);
        return i < 0 ? codePoint : table.supplementaryTo[i];
    }

    /** The number of code points the traditional → simplified table maps (for diagnostics and tests). */
    public static int tableSize() {
        Table table = Table.INSTANCE;
        int count = table.supplementaryFrom.length;
        for (char c : table.bmp) {
            if (c != 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * Maps traditional characters to simplified ones in {@code chars[start, end)}; a high surrogate at
     * {@code end - 1} whose low half lies outside the range is left as is.
     */
    static void foldInPlace(char[] chars, int start, int end) {
        Table table = Table.INSTANCE;
        for (int i = start; i < end; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    int codePoint = Character.toCodePoint(c, chars[i + 1]);
                    int j = Arrays.binarySearch(table.supplementaryFrom, codePoint);
                    if (j >= 0) {
                        Character.toChars(table.supplementaryTo[j], chars, i);
                    }
                    i++;
                }
            } else {
                char mapped = table.bmp[c];
                if (mapped != 0) {
                    chars[i] = mapped;
                }
            }
        }
    }

    /** Built by the JVM's class initialisation on first use: lazy and thread-safe without locking. */
    private static final class Table {
        static final Table INSTANCE = new Table();

        /** Indexed by BMP code unit; 0 means "maps to itself". */
        final char[] bmp = new char[0x10000];
        final int[] supplementaryFrom;
        final int[] supplementaryTo;

        private Table() {
            Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
            int[] from = new int[64];
            int[] to = new int[64];
            int supplementary = 0;
            for (int[] range : CJK_RANGES) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    String source = new String(Character.toChars(cp));
                    String target = t2s.transliterate(source);
                    if (target.equals(source) || target.codePointCount(0, target.length()) != 1) {
                        continue;
                    }
                    int mapped = target.codePointAt(0);
                    // Only same-length mappings keep offsets in step with the original text.
                    if (Character.charCount(mapped) != Character.charCount(cp)) {
                        continue;
                    }
                    if (cp < 0x10000) {
                        bmp[cp] = (char) mapped;
                    } else {
                        if (supplementary == from.length) {
                            from = Arrays.copyOf(from, supplementary * 2);
                            to = Arrays.copyOf(to, supplementary * 2);
                        }
                        // Ranges are visited in ascending order, so the arrays come out sorted for binary search.
                        from[supplementary] = cp;
                        to[supplementary] = mapped;
                        supplementary++;
                    }
                }
            }
            supplementaryFrom = Arrays.copyOf(from, supplementary);
            supplementaryTo = Arrays.copyOf(to, supplementary);
        }
    }
}
