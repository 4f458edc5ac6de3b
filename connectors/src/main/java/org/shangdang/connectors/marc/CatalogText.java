package org.shangdang.connectors.marc;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small readings of catalogue text shared by the MARC and Dublin Core crosswalks: years, language codes,
 * ISBD punctuation, scripts.
 *
 * <p>All methods are pure functions and thread-safe; null or blank input yields an empty result.
 */
public final class CatalogText {

    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");
    private static final Pattern MINGUO = Pattern.compile("民国\\s*([〇零一二三四五六七八九十百0-9]+)\\s*年");
    private static final Pattern CHINESE_DIGIT_YEAR = Pattern.compile("([〇零一二三四五六七八九]{4})\\s*年");
    private static final String CHINESE_DIGITS = "〇一二三四五六七八九";
    private static final int MINGUO_YEAR_ZERO = 1911;
    private static final int EARLIEST_YEAR = 1000;
    private static final int LATEST_YEAR = 2199;

    // Abbreviations whose final period belongs to the word, not to ISBD punctuation.
    private static final Pattern KEEP_FINAL_PERIOD = Pattern.compile(
            "(?:\\b(?:etc|Inc|Co|Ltd|Corp|Jr|Sr|Dr|St|ed|eds|p|pp|v|ca|cm)|\\b\\p{Lu}|\\.\\.)\\.$");
    private static final Pattern NON_SORTING = Pattern.compile("[\\u0088\\u0089\\u0098\\u009C]");
    private static final Pattern LEADING_ISBD = Pattern.compile("^[=:;/\\s]+");
    private static final Pattern TRAILING_ISBD = Pattern.compile("\\s*[/:;=,]+$|\\s+[.]$");

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("zh", "chi"), Map.entry("zho", "chi"), Map.entry("chi", "chi"), Map.entry("中文", "chi"),
            Map.entry("汉语", "chi"), Map.entry("chinese", "chi"), Map.entry("zh-cn", "chi"), Map.entry("zh-tw", "chi"),
            Map.entry("zh-hans", "chi"), Map.entry("zh-hant", "chi"),
            Map.entry("en", "eng"), Map.entry("eng", "eng"), Map.entry("english", "eng"), Map.entry("英文", "eng"),
            Map.entry("英语", "eng"),
            Map.entry("fr", "fre"), Map.entry("fra", "fre"), Map.entry("fre", "fre"),
            Map.entry("de", "ger"), Map.entry("deu", "ger"), Map.entry("ger", "ger"),
            Map.entry("nl", "dut"), Map.entry("nld", "dut"), Map.entry("dut", "dut"),
            Map.entry("ja", "jpn"), Map.entry("jpn", "jpn"), Map.entry("日文", "jpn"),
            Map.entry("ko", "kor"), Map.entry("kor", "kor"), Map.entry("ru", "rus"), Map.entry("rus", "rus"),
            Map.entry("es", "spa"), Map.entry("spa", "spa"), Map.entry("it", "ita"), Map.entry("ita", "ita"),
            Map.entry("el", "gre"), Map.entry("ell", "gre"), Map.entry("gre", "gre"),
            Map.entry("la", "lat"), Map.entry("lat", "lat"), Map.entry("ar", "ara"), Map.entry("ara", "ara"),
            Map.entry("mn", "mon"), Map.entry("mon", "mon"), Map.entry("bo", "tib"), Map.entry("bod", "tib"),
            Map.entry("tib", "tib"), Map.entry("ug", "uig"), Map.entry("uig", "uig"));

    private CatalogText() {
    }

    /**
     * The first year of publication a date statement gives: the first four-digit number from 1000 to 2199
     * ({@code 2015}, {@code [2015]}, {@code 2015.3}, {@code c2000.}, {@code 1889-04}), else a Republic-era
     * year ({@code 民国二十五年} is 1936), else a year written in Chinese digits ({@code 一九九四年}).
     */
    public static Optional<Integer> firstYear(String statement) {
        if (statement == null || statement.isBlank()) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(statement, Normalizer.Form.NFKC);
        Matcher digits = FOUR_DIGITS.matcher(text);
        while (digits.find()) {
            int year = Integer.parseInt(digits.group(1));
            if (year >= EARLIEST_YEAR && year <= LATEST_YEAR) {
                return Optional.of(year);
            }
        }
        Matcher minguo = MINGUO.matcher(text);
        if (minguo.find()) {
            return chineseNumber(minguo.group(1)).filter(n -> n > 0).map(n -> MINGUO_YEAR_ZERO + n);
        }
        Matcher chinese = CHINESE_DIGIT_YEAR.matcher(text);
        if (chinese.find()) {
            StringBuilder year = new StringBuilder();
            for (char c : chinese.group(1).toCharArray()) {
                year.append(c == '零' ? 0 : CHINESE_DIGITS.indexOf(c));
            }
            return Optional.of(Integer.parseInt(year.toString()));
        }
        return Optional.empty();
    }

    /**
     * The ISO 639-2/B code for a language as records write it: {@code zh}, {@code zho}, {@code 中文} and
     * {@code chi} all give {@code chi}; {@code en}/{@code eng} give {@code eng}; other ISO 639-1 and 639-2/T
     * codes of common catalogue languages are mapped too, and any other three-letter code is kept as given.
     *
     * @return empty when the value is not a recognisable code or name
     */
    public static Optional<String> languageCode(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String key = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        String known = LANGUAGES.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (key.matches("[a-z]{3}")) {
            return Optional.of(key);
        }
        int dash = key.indexOf('-');
        return dash > 0 ? Optional.ofNullable(LANGUAGES.get(key.substring(0, dash))) : Optional.empty();
    }

    /**
     * The value without the ISBD punctuation cataloguers put at the end of a subfield ({@code " /"},
     * {@code " :"}, {@code " ;"}, {@code " ="}, {@code ","} and a final period that does not end an
     * abbreviation or an initial), and without surrounding white space.
     */
    public static String stripIsbd(String value) {
        if (value == null) {
            return "";
        }
        // UNIMARC non-sorting markers (NSB/NSE) and their MARC-8 equivalents are not text.
        String text = NON_SORTING.matcher(value).replaceAll("").strip();
        String previous;
        do {
            previous = text;
            text = TRAILING_ISBD.matcher(text).replaceFirst("").strip();
            if (text.endsWith(".") && !KEEP_FINAL_PERIOD.matcher(text).find()) {
                text = text.substring(0, text.length() - 1).strip();
            }
        } while (!text.equals(previous));
        return text;
    }

    /** {@link #stripIsbd} plus the punctuation that opens a parallel or other title ({@code "= "}, {@code ": "}). */
    public static String stripIsbdBothEnds(String value) {
        return LEADING_ISBD.matcher(stripIsbd(value)).replaceFirst("");
    }

    /** Whether the text holds any Han, kana or hangul character. */
    public static boolean hasCjk(String text) {
        if (text == null) {
            return false;
        }
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
        });
    }

    /**
     * Joins the parts of a name: directly when both sides are CJK ({@code 张} + {@code 三}), with the
     * separator otherwise ({@code Smith} + {@code ", "} + {@code John}). Blank parts are left out.
     */
    static String joinName(String first, String second, String separator) {
        if (first == null || first.isBlank()) {
            return second == null ? "" : second.strip();
        }
        if (second == null || second.isBlank()) {
            return first.strip();
        }
        String a = first.strip();
        String b = second.strip();
        boolean cjkSeam = hasCjk(a.substring(a.length() - 1)) && hasCjk(b.substring(0, 1));
        return cjkSeam ? a + b : a + separator + b;
    }

    private static Optional<Integer> chineseNumber(String text) {
        if (text.chars().allMatch(Character::isDigit)) {
            return Optional.of(Integer.parseInt(text));
        }
        int total = 0;
        int current = 0;
        for (char c : text.toCharArray()) {
            int digit = c == '零' ? 0 : CHINESE_DIGITS.indexOf(c);
            if (digit >= 0) {
                current = digit;
            } else if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(total + current);
    }
}
