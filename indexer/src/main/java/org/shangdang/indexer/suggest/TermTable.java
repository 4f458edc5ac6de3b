package org.shangdang.indexer.suggest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.shangdang.indexer.analysis.Pinyin;

/**
 * Every distinct suggestion term (kind + character key) ever interned, packed into pages of bytes with no
 * object per term, numbered from 0 in the order they came.
 *
 * <p>A term occupies one run of bytes in a page: its kind, its text as catalogued (UTF-16, big-endian), its
 * character key ({@link SuggestKeys#normalize}, UTF-16 big-endian, left out when equal to the text), its
 * whole pinyin run together and its pinyin initials (ASCII, each left out when equal to a key before it).
 * Because UTF-16 big-endian bytes compare as {@link String#compareTo} compares, and pinyin is ASCII, keys are
 * sorted and searched by comparing bytes in place ({@link View#compare}), without decoding.
 *
 * <p>Append-only: terms are never moved or changed, so a {@link View} taken at any time stays valid and
 * immutable for the terms it covers while more are interned. Not thread-safe for {@link #intern}; views are
 * read by any thread once safely published.
 */
final class TermTable {

    /** Key kinds: the characters, the whole pinyin run together, the pinyin initials. */
    static final int CHARS = 0;
    static final int JOINED = 1;
    static final int INITIALS = 2;

    private static final SuggestionKind[] KINDS = SuggestionKind.values();
    private static final int PAGE_BITS = 16;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int OFFSET_MASK = PAGE_SIZE - 1;
    /** Texts are cut to this many UTF-16 units, so a term's length fits one byte. */
    private static final int MAX_TEXT = 255;

    private byte[][] pages = new byte[16][];
    private int pageCount;
    private int used = PAGE_SIZE;
    private int[] addresses = new int[1024];
    private int size;
    /** Open addressing on (kind, character key): term id + 1, 0 for an empty slot; at most 2/3 full. */
    private int[] slots = new int[2048];

    /** The number of terms interned. */
    int size() {
        return size;
    }

    /** An immutable view of the terms interned so far. */
    View view() {
        return new View(pages, addresses, size);
    }

    /**
     * The id of the term of this kind whose character key is {@code SuggestKeys.normalize(text)}, interned
     * with this text as its display form when new; -1 when the text has no letter or digit (no key at all).
     */
    int intern(SuggestionKind kind, String text) {
        String display = text.length() <= MAX_TEXT ? text : SuggestTerm.cut(text);
        String chars = SuggestKeys.normalize(display);
        if (chars.isEmpty()) {
            return -1;
        }
        int hash = hash(kind.ordinal(), chars);
        int mask = slots.length - 1;
        int slot = hash & mask;
        View view = view();
        byte[] key = chars.getBytes(StandardCharsets.UTF_16BE);
        while (slots[slot] != 0) {
            int term = slots[slot] - 1;
            if (view.kind(term) == kind && view.equalsKey(term, CHARS, key)) {
                return term;
            }
            slot = (slot + 1) & mask;
        }
        int term = append(kind, display, chars, key);
        slots[slot] = term + 1;
        if (size * 3 > slots.length * 2) {
            rehash();
        }
        return term;
    }

    private int append(SuggestionKind kind, String display, String chars, byte[] charKey) {
        String joined = "";
        String initials = "";
        var forms = Pinyin.of(display);
        if (forms.isPresent()) {
            joined = forms.get().joined().get(0);
            initials = forms.get().initials().get(0);
        }
        // A key equal to one before it would only make the term show twice in one range.
        if (joined.equals(chars)) {
            joined = "";
        }
        if (initials.equals(chars) || initials.equals(joined)) {
            initials = "";
        }
        boolean sameKey = chars.equals(display);
        int length = 4 + 2 * display.length() + (sameKey ? 0 : charKey.length) + 2 + joined.length() + initials.length();
        if (used + length > PAGE_SIZE) {
            if (pageCount == pages.length) {
                pages = Arrays.copyOf(pages, pageCount * 2);
            }
            pages[pageCount++] = new byte[PAGE_SIZE];
            used = 0;
        }
        byte[] page = pages[pageCount - 1];
        int at = used;
        page[at] = (byte) kind.ordinal();
        page[at + 1] = (byte) display.length();
        int keyUnits = sameKey ? 0 : chars.length();
        page[at + 2] = (byte) (keyUnits >>> 8);
        page[at + 3] = (byte) keyUnits;
        int p = at + 4;
        for (int i = 0; i < display.length(); i++) {
            page[p++] = (byte) (display.charAt(i) >>> 8);
            page[p++] = (byte) display.charAt(i);
        }
        if (!sameKey) {
            System.arraycopy(charKey, 0, page, p, charKey.length);
            p += charKey.length;
        }
        page[p++] = (byte) joined.length();
        for (int i = 0; i < joined.length(); i++) {
            page[p++] = (byte) joined.charAt(i);
        }
        page[p++] = (byte) initials.length();
        for (int i = 0; i < initials.length(); i++) {
            page[p++] = (byte) initials.charAt(i);
        }
        used = p;
        if (size == addresses.length) {
            addresses = Arrays.copyOf(addresses, size * 2);
        }
        addresses[size] = (pageCount - 1) << PAGE_BITS | at;
        return size++;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        View view = view();
        for (int term = 0; term < size; term++) {
            int slot = view.charKeyHash(term) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = term + 1;
        }
        slots = grown;
    }

    private static int hash(int kind, String chars) {
        int h = kind;
        for (int i = 0; i < chars.length(); i++) {
            h = 31 * h + chars.charAt(i);
        }
        return mix(h);
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The terms interned when the view was taken; immutable and thread-safe. */
    static final class View {
        private final byte[][] pages;
        private final int[] addresses;
        private final int size;

        View(byte[][] pages, int[] addresses, int size) {
            this.pages = pages;
            this.addresses = addresses;
            this.size = size;
        }

        int size() {
            return size;
        }

        SuggestionKind kind(int term) {
            return KINDS[page(term)[offset(term)]];
        }

        /** The text as catalogued. */
        String display(int term) {
            byte[] page = page(term);
            int at = offset(term);
            int units = page[at + 1] & 0xff;
            char[] chars = new char[units];
            for (int i = 0, p = at + 4; i < units; i++, p += 2) {
                chars[i] = (char) ((page[p] & 0xff) << 8 | (page[p + 1] & 0xff));
            }
            return new String(chars);
        }

        /** The display length in UTF-16 units: shorter terms rank first among equals. */
        int displayLength(int term) {
            return page(term)[offset(term) + 1] & 0xff;
        }

        /** Whether the term has a key of this kind. */
        boolean hasKey(int term, int keyKind) {
            return keyLength(term, keyKind) > 0;
        }

        /** Compares two keys (term, key kind) byte by byte: the order of the sorted key arrays. */
        int compare(int termA, int kindA, int termB, int kindB) {
            byte[] a = page(termA);
            int fromA = keyStart(termA, kindA);
            byte[] b = page(termB);
            int fromB = keyStart(termB, kindB);
            return Arrays.compareUnsigned(a, fromA, fromA + keyLength(termA, kindA), b, fromB, fromB + keyLength(termB, kindB));
        }

        /** Compares a key with a query key (bytes of the same encoding). */
        int compare(int term, int keyKind, byte[] query) {
            byte[] page = page(term);
            int from = keyStart(term, keyKind);
            return Arrays.compareUnsigned(page, from, from + keyLength(term, keyKind), query, 0, query.length);
        }

        /** Compares the key, cut to the query's length, with the query: 0 when the key starts with it. */
        int comparePrefix(int term, int keyKind, byte[] query) {
            byte[] page = page(term);
            int from = keyStart(term, keyKind);
            int length = Math.min(keyLength(term, keyKind), query.length);
            return Arrays.compareUnsigned(page, from, from + length, query, 0, query.length);
        }

        /** Whether the key is exactly as long as the query (it then equals the query when it starts with it). */
        boolean keyLengthIs(int term, int keyKind, int bytes) {
            return keyLength(term, keyKind) == bytes;
        }

        boolean equalsKey(int term, int keyKind, byte[] key) {
            return keyLength(term, keyKind) == key.length && compare(term, keyKind, key) == 0;
        }

        int charKeyHash(int term) {
            byte[] page = page(term);
            int from = keyStart(term, CHARS);
            int h = page[offset(term)];
            for (int p = from, end = from + keyLength(term, CHARS); p < end; p += 2) {
                h = 31 * h + ((page[p] & 0xff) << 8 | (page[p + 1] & 0xff));
            }
            return mix(h);
        }

        private byte[] page(int term) {
            return pages[addresses[term] >>> PAGE_BITS];
        }

        private int offset(int term) {
            return addresses[term] & OFFSET_MASK;
        }

        private int keyStart(int term, int keyKind) {
            byte[] page = page(term);
            int at = offset(term);
            int displayBytes = 2 * (page[at + 1] & 0xff);
            int keyBytes = 2 * ((page[at + 2] & 0xff) << 8 | (page[at + 3] & 0xff));
            if (keyKind == CHARS) {
                return keyBytes == 0 ? at + 4 : at + 4 + displayBytes;
            }
            int joinedAt = at + 4 + displayBytes + keyBytes;
            return keyKind == JOINED ? joinedAt + 1 : joinedAt + 2 + (page[joinedAt] & 0xff);
        }

        private int keyLength(int term, int keyKind) {
            byte[] page = page(term);
            int at = offset(term);
            int displayBytes = 2 * (page[at + 1] & 0xff);
            int keyBytes = 2 * ((page[at + 2] & 0xff) << 8 | (page[at + 3] & 0xff));
            if (keyKind == CHARS) {
                return keyBytes == 0 ? displayBytes : keyBytes;
            }
            int joinedAt = at + 4 + displayBytes + keyBytes;
            return keyKind == JOINED ? page[joinedAt] & 0xff : page[joinedAt + 1 + (page[joinedAt] & 0xff)] & 0xff;
        }
    }
}
