package org.shangdang.indexer.analysis;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Toneless Hanyu pinyin of catalogued text and of pinyin queries, computed in Java so that both
 * engines index and search exactly the same pinyin terms.
 *
 * <p>Text is first {@link ChineseFolding#fold folded} (長治 → 长治), then every Han character becomes
 * one syllable, from ICU4J's {@code Han-Latin; Latin-ASCII} transliterator (ü becomes u: 女 → nu), and
 * every run of ASCII letters and digits stays one token; anything else only separates tokens. A
 * heteronym gets ICU's reading, except for the few local names in {@link #WORD_READINGS} and the
 * single characters in {@link #CHAR_READINGS} where ICU picks the rarer reading (长 → chang, but 长子 →
 * zhang zi; 太行 → tai hang; 音乐 → yin yue). Other heteronyms keep ICU's one reading (重 → chong,
 * 行 → xing); a reader typing the other reading does not find them.
 *
 * <p>Three forms are derived from the tokens of a value (上党梆子 → shang dang bang zi):
 * <ul>
 *   <li>{@link Forms#syllables()}: the tokens joined by spaces, {@code shang dang bang zi};
 *   <li>{@link Forms#joined()}: the tokens run together from every token on, {@code shangdangbangzi,
 *       dangbangzi, bangzi, zi}, each cut to {@link #MAX_JOINED} letters: a prefix query on these finds
 *       any in-sequence run of syllables, as a Chinese word finds its characters in sequence;
 *   <li>{@link Forms#initials()}: the first letters of the tokens from every token on, {@code sdbz, dbz,
 *       bz, z}, cut to {@link #MAX_INITIALS} letters (czs → 长治市…).
 * </ul>
 *
 * <p>Thread-safe: syllables are cached per code point (a table for the BMP), and the (not thread-safe)
 * transliterator is only used under a lock on a cache miss, so steady-state indexing never touches it. The
 * forms of short values are memoised too ({@link ValueCache}): creators, subjects and re-catalogued titles
 * repeat across a union catalogue.
 */
public final class Pinyin {

    /** Letters kept of each {@link Forms#joined()} term; longer queries are searched by this prefix. */
    public static final int MAX_JOINED = 48;
    /** Letters kept of each {@link Forms#initials()} term; longer queries are not searched as initials. */
    public static final int MAX_INITIALS = 16;
    /** Shortest query searched as a prefix of the joined form: fewer letters would match too much. */
    public static final int MIN_JOINED_PREFIX = 4;
    /** Shortest query searched as initials: one letter would match almost every record. */
    public static final int MIN_INITIALS = 2;

    /**
     * Words whose characters ICU reads otherwise than the word (行 xing, 乐 le), and 长子, which keeps
     * zhang against {@link #CHAR_READINGS}; checked at every Han character, so keep the list short.
     */
    private static final Map<String, List<String>> WORD_READINGS = Map.of(
            "太行", List.of("tai", "hang"),
            "长子", List.of("zhang", "zi"),
            "音乐", List.of("yin", "yue"));
    /** Single characters whose common reading ICU does not pick. */
    private static final Map<Integer, String> CHAR_READINGS = Map.of((int) '长', "chang");

    private static final Pattern LETTERS = Pattern.compile("[a-z]+");
    private static final Pattern LETTERS_AND_SPACES = Pattern.compile("[a-z]+( [a-z]+)*");

    /** Supplementary code points' syllables; BMP ones are in {@link #BMP_READINGS}. */
    private static final Map<Integer, String> SYLLABLES = new ConcurrentHashMap<>();
    /** Marks a BMP code point that is not Han in {@link #BMP_READINGS}; compared by identity. */
    private static final String NOT_HAN = new String("not Han");
    /**
     * Per BMP code point: null until first seen, then {@link #NOT_HAN} or its syllable ("" when ICU has
     * none). Written without locking: a String is safely published through a data race, and two threads
     * racing on a slot compute the same value.
     */
    private static final String[] BMP_READINGS = new String[0x10000];
    /** Values up to this many characters have their forms memoised. */
    private static final int CACHED_VALUE_LENGTH = 64;
    private static final ValueCache<Optional<Forms>> FORMS = new ValueCache<>(1 << 14, CACHED_VALUE_LENGTH, Pinyin::compute);
    private static final Object TRANSLITERATOR_LOCK = new Object();
    private static Transliterator transliterator;

    private Pinyin() {}

    /** The pinyin forms of one catalogued value; empty when it holds no Han character. */
    public static Optional<Forms> of(String value) {
        return FORMS.get(value);
    }

    private static Optional<Forms> compute(String value) {
        List<String> tokens = new ArrayList<>();
        boolean han = tokenize(ChineseFolding.fold(value), tokens);
        if (!han) {
            return Optional.empty();
        }
        List<String> joined = new ArrayList<>();
        List<String> initials = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from++) {
            StringBuilder run = new StringBuilder();
            StringBuilder firsts = new StringBuilder();
            for (int i = from; i < tokens.size() && (run.length() < MAX_JOINED || firsts.length() < MAX_INITIALS); i++) {
                run.append(tokens.get(i));
                firsts.append(tokens.get(i).charAt(0));
            }
            joined.add(cut(run.toString(), MAX_JOINED));
            initials.add(cut(firsts.toString(), MAX_INITIALS));
        }
        return Optional.of(new Forms(String.join(" ", tokens), distinct(joined), distinct(initials)));
    }

    /** The forms of several values, value by value; values without Han characters are left out. */
    public static List<Forms> ofAll(List<String> values) {
        List<Forms> forms = new ArrayList<>();
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> of(v).ifPresent(forms::add));
        return forms;
    }

    /**
     * A query word as pinyin: its folded form when it is made of letters a–z only (taihang, Ｃｚｓ → czs),
     * else empty (Chinese, digits, mixed text are not pinyin).
     */
    public static Optional<String> queryWord(String word) {
        String folded = ChineseFolding.fold(word);
        return LETTERS.matcher(folded).matches() ? Optional.of(folded) : Optional.empty();
    }

    /**
     * A quoted query phrase as pinyin syllables: its folded words when they are all letters a–z
     * ("shang dang" → [shang, dang]), else empty.
     */
    public static Optional<List<String>> queryPhrase(String phrase) {
        String folded = ChineseFolding.fold(phrase).strip().replaceAll("\\s+", " ");
        return LETTERS_AND_SPACES.matcher(folded).matches() ? Optional.of(List.of(folded.split(" "))) : Optional.empty();
    }

    /** The prefix a query is searched by in the joined form: itself, cut as the indexed terms are. */
    public static String joinedPrefix(String letters) {
        return cut(letters, MAX_JOINED);
    }

    private static boolean tokenize(String folded, List<String> tokens) {
        boolean han = false;
        StringBuilder latin = new StringBuilder();
        int i = 0;
        while (i < folded.length()) {
            int cp = folded.codePointAt(i);
            String reading = reading(cp);
            if (reading != null) {
                flush(latin, tokens);
                Optional<Map.Entry<String, List<String>>> word = wordAt(folded, i);
                if (word.isPresent()) {
                    tokens.addAll(word.get().getValue());
                    i += word.get().getKey().length();
                    han = true;
                    continue;
                }
                if (!reading.isEmpty()) {
                    tokens.add(reading);
                    han = true;
                }
            } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                latin.appendCodePoint(cp);
            } else {
                flush(latin, tokens);
            }
            i += Character.charCount(cp);
        }
        flush(latin, tokens);
        return han;
    }

    private static Optional<Map.Entry<String, List<String>>> wordAt(String text, int at) {
        // A loop, not a stream: this runs at every Han character of every value indexed.
        for (Map.Entry<String, List<String>> word : WORD_READINGS.entrySet()) {
            if (text.startsWith(word.getKey(), at)) {
                return Optional.of(word);
            }
        }
        return Optional.empty();
    }

    /** The syllable of a Han code point ("" when it has none), or null when the code point is not Han. */
    private static String reading(int codePoint) {
        if (codePoint >= BMP_READINGS.length) {
            return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN ? syllable(codePoint) : null;
        }
        String reading = BMP_READINGS[codePoint];
        if (reading == null) {
            reading = Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN ? syllable(codePoint) : NOT_HAN;
            BMP_READINGS[codePoint] = reading;
        }
        return reading == NOT_HAN ? null : reading;
    }

    private static String syllable(int codePoint) {
        String cached = SYLLABLES.get(codePoint);
        if (cached != null) {
            return cached;
        }
        String syllable = CHAR_READINGS.getOrDefault(codePoint, transliterate(codePoint));
        SYLLABLES.put(codePoint, syllable);
        return syllable;
    }

    /** ICU's toneless reading, or "" for a character it has none for (it then returns the character). */
    private static String transliterate(int codePoint) {
        String latin;
        synchronized (TRANSLITERATOR_LOCK) {
            if (transliterator == null) {
                transliterator = Transliterator.getInstance("Han-Latin; Latin-ASCII");
            }
            latin = transliterator.transliterate(new String(Character.toChars(codePoint)));
        }
        return latin.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private static void flush(StringBuilder latin, List<String> tokens) {
        if (!latin.isEmpty()) {
            tokens.add(latin.toString());
            latin.setLength(0);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static List<String> distinct(List<String> terms) {
        Set<String> set = new LinkedHashSet<>(terms);
        return List.copyOf(set);
    }

    /**
     * The pinyin of one value.
     *
     * @param syllables the tokens joined by single spaces
     * @param joined the tokens run together from each token on, distinct, each at most {@link #MAX_JOINED} letters
     * @param initials the tokens' first letters from each token on, distinct, each at most {@link #MAX_INITIALS} letters
     */
    public record Forms(String syllables, List<String> joined, List<String> initials) {
        public Forms {
            joined = List.copyOf(joined);
            initials = List.copyOf(initials);
        }
    }
}
