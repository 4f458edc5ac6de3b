package org.shangdang.indexer.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Isbns;

/**
 * The normalisations match keys are made of: ISBN-13 with a verified check digit, title keys on unspaced
 * Chinese with volume and edition designations taken out, creator and publisher keys, edition and volume
 * designations.
 *
 * <p>Every key is folded the way the search analysis folds text ({@link ChineseFolding#fold}: NFKC width
 * folding, case folding, traditional → simplified), then reduced to letters and digits, so spacing,
 * punctuation (ASCII or full-width) and script variants of the same string meet on one key.
 *
 * <p>All methods are pure functions and thread-safe; null or blank input yields an empty result.
 */
final class MatchText {

    private static final String NUMERAL = "[0-9零〇一二两三四五六七八九十百]+";
    /** Four Arabic digits in brackets are a year (长治年鉴（2019）), not a volume: only Chinese numerals here. */
    private static final String CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百]+";
    /**
     * A designation ends the title or is followed by a separator (第一卷, 源流): 山西中部地区 and 第十八集团军 are
     * words of a title, not parts.
     */
    private static final String PART_ENDS = "(?=\\s*(?:$|\\p{P}))";
    /** 第一卷, 第2册, 第十辑, 第三分册 … where a title ends or before a part name: the text before is the title proper. */
    private static final Pattern NUMBERED_PART =
            Pattern.compile("第\\s*(" + NUMERAL + ")\\s*(?:分册|卷|册|辑|部|集|编|本)" + PART_ENDS);
    /** 上册, 下卷, 中编 (not at the very start: 上编 could begin a title). */
    private static final Pattern POSITIONAL_PART = Pattern.compile("(?<=.)([上中下])\\s*(?:册|卷|编|部|集)" + PART_ENDS);
    /** (上), (一), (3) at the end of a title (full-width brackets are NFKC-folded to ASCII first). */
    private static final Pattern BRACKETED_PART =
            Pattern.compile("[(\\[]\\s*([上中下]|[0-9]{1,3}|" + CHINESE_NUMERAL + ")\\s*[)\\]]\\s*$");
    /** A bare 上/中/下 after a separator at the end: 红岩 上, 红岩.下. */
    private static final Pattern TRAILING_PART = Pattern.compile("[\\s.,:;·]+([上中下])\\s*$");
    /** vol. 2, v.2, part 3, pt. 1 (already case-folded). */
    private static final Pattern LATIN_PART = Pattern.compile("(?<![a-z])(?:vol|v|part|pt|no)\\.?\\s*([0-9]+)");
    /** A volume statement that is nothing but a number or position: 上, 3, 卷三, v.2. */
    private static final Pattern BARE_PART =
            Pattern.compile("^\\s*(?:卷|册|vol\\.?|v\\.)?\\s*([上中下]|" + NUMERAL + ")\\s*(?:卷|册)?\\s*$");
    private static final List<Pattern> PARTS =
            List.of(NUMBERED_PART, POSITIONAL_PART, BRACKETED_PART, TRAILING_PART, LATIN_PART);

    private static final Pattern NUMBERED_EDITION = Pattern.compile("第?\\s*(" + NUMERAL + ")\\s*版");
    private static final Pattern LATIN_EDITION = Pattern.compile("([0-9]+)\\s*(?:st|nd|rd|th)?\\s*(?:ed\\b|edition)");
    private static final Pattern REVISED_EDITION = Pattern.compile("(修订|增订|增补|新)\\s*(?:版|本)");
    private static final Pattern FIRST_EDITION = Pattern.compile("初版|first\\s+ed|1st\\s+ed");
    /** An edition designation inside a title: (第2版), 第二版, 修订版, 修订本. */
    private static final Pattern EDITION_IN_TITLE = Pattern.compile("[(\\[]\\s*(?:第?\\s*" + NUMERAL
            + "\\s*版|(?:修订|增订|增补)\\s*(?:版|本))\\s*[)\\]]|第\\s*" + NUMERAL + "\\s*版|(?:修订|增订|增补)\\s*(?:版|本)");
    /** Digits that may be an ISBN-13 or ISBN-10 with hyphens or spaces (after NFKC and case folding). */
    private static final Pattern ISBN_CANDIDATE =
            Pattern.compile("(?<![0-9])97[89][0-9 \\-]{10,16}|(?<![0-9])[0-9][0-9 \\-]{8,12}[0-9x]");
    private static final Pattern PRINTING_NUMBER = Pattern.compile("第?\\s*" + NUMERAL + "\\s*次\\s*(?:印刷|印)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern REPRINT = Pattern.compile("重印|印刷|印次|reprint|repr\\.|reissue");

    /** Bracketed prefixes on names: (清), [明], (美), 【日】. */
    private static final Pattern NAME_PREFIX = Pattern.compile("^\\s*[(\\[【〔][^)\\]】〕]{1,6}[)\\]】〕]\\s*");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[、,;/]|\\s{2,}");
    /**
     * Role words catalogues append to names, longest first so 编著 is stripped whole, not as 著 then 编. Folded
     * like the names they are stripped from (the traditional → simplified table maps 著 to 着).
     */
    private static final List<String> ROLE_WORDS = foldAll(
            "副主编", "主编", "编著", "编撰", "编写", "编辑", "编选", "选编", "编译", "编纂", "编绘", "撰文", "撰写",
            "翻译", "译注", "整理", "校注", "点校", "校点", "校订", "辑录", "辑注", "绘画", "摄影", "口述", "执笔",
            "原著", "合著", "审定", "纂修", "主修", "等著", "等编",
            "编", "著", "撰", "译", "注", "辑", "绘", "纂", "修", "等");
    private static final List<String> PUBLISHER_SUFFIXES = foldAll("股份有限公司", "有限责任公司", "有限公司");
    private static final Set<String> UNKNOWN_PUBLISHERS = Set.of("出版者不详", "不详", "sn", "sine nomine");

    private MatchText() {
    }

    private static List<String> foldAll(String... words) {
        return java.util.Arrays.stream(words).map(MatchText::fold).toList();
    }

    /** Folds text (NFKC, case, traditional → simplified); {@code ""} for null. */
    static String fold(String text) {
        return text == null ? "" : ChineseFolding.fold(text);
    }

    /** Keeps the letters and digits of the (already folded) text. */
    static String lettersAndDigits(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * The ISBN-13 of a catalogued ISBN, as a number: ISBN-10 converted, hyphens, spaces, full-width digits and
     * qualifiers ({@code (平装)}, {@code : CNY36.00}) stripped. Empty when the check digit is wrong or the
     * value holds no ISBN: a mistyped ISBN must not link two books, so such a record falls back to the
     * title keys.
     */
    static OptionalLong isbn13(String catalogued) {
        if (catalogued == null || catalogued.isBlank()) {
            return OptionalLong.empty();
        }
        String folded = ChineseFolding.nfkcCasefold().normalize(catalogued);
        Matcher m = ISBN_CANDIDATE.matcher(folded);
        while (m.find()) {
            String digits = Isbns.normalise(m.group());
            if (digits.length() == 10 && isbn10ChecksumHolds(digits)) {
                return OptionalLong.of(Long.parseLong(Isbns.toIsbn13(digits).orElseThrow()));
            }
            if (digits.length() == 13 && digits.indexOf('X') < 0 && isbn13ChecksumHolds(digits)) {
                return OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isbn10ChecksumHolds(String isbn) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = isbn.charAt(i);
            if (c == 'X' && i != 9) {
                return false;
            }
            sum += (10 - i) * (c == 'X' ? 10 : c - '0');
        }
        return sum % 11 == 0;
    }

    private static boolean isbn13ChecksumHolds(String isbn) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (isbn.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10 == isbn.charAt(12) - '0';
    }

    /**
     * A title split into its key and the designations catalogues mix into it.
     *
     * @param key the folded title proper, letters and digits only; empty when nothing is left
     * @param volume the normalised volume designation found in the title ({@code 1}, {@code 上}), if any
     * @param edition the normalised edition designation found in the title ({@code 2}, {@code 修订}), if any
     */
    record TitleParts(String key, Optional<String> volume, Optional<String> edition) {
    }

    /**
     * Splits a title: {@code 紅巖（上）} gives key {@code 红岩} and volume {@code 上}; {@code 上党梆子史话. 第一卷,
     * 源流} gives {@code 上党梆子史话} and {@code 1} (a part name after the number is left out of the key, since
     * not every catalogue gives it); {@code 长治方言志（第2版）} gives edition {@code 2}.
     */
    static TitleParts title(String title) {
        String text = fold(title);
        Optional<String> edition = Optional.empty();
        Matcher e = EDITION_IN_TITLE.matcher(text);
        if (e.find()) {
            edition = edition(e.group()).flatMap(Edition::number);
            text = text.substring(0, e.start()) + " " + text.substring(e.end());
        }
        Optional<String> volume = Optional.empty();
        int cut = text.length();
        for (Pattern pattern : PARTS) {
            Matcher m = pattern.matcher(text);
            // A one-character remainder (天 of 天下集) means the "designation" was part of a short title.
            if (m.find() && m.start() < cut && lettersAndDigits(text.substring(0, m.start())).length() >= 2) {
                cut = m.start();
                volume = Optional.of(numberOrSelf(m.group(1)));
            }
        }
        return new TitleParts(lettersAndDigits(text.substring(0, cut)), volume, edition);
    }

    /**
     * The key of a numbered or positional volume statement: {@code 第一卷, 源流} gives {@code 1}, {@code 上册}
     * {@code 上}, {@code (3)} {@code 3}. Empty for a named part ({@code 山西卷}), which is part of the title
     * rather than a place in a sequence: see {@link #namedPart}.
     */
    static Optional<String> volume(String statement) {
        String text = fold(statement).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (Pattern pattern : PARTS) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return Optional.of(numberOrSelf(m.group(1)));
            }
        }
        Matcher bare = BARE_PART.matcher(text);
        return bare.find() ? Optional.of(numberOrSelf(bare.group(1))) : Optional.empty();
    }

    /** The folded letters of a part name ({@code 长治市长子县卷}), for statements {@link #volume} gives no key. */
    static String namedPart(String statement) {
        return lettersAndDigits(fold(statement));
    }

    /**
     * An edition statement read for clustering.
     *
     * @param number {@code 1}, {@code 2}, … or a label for an unnumbered revision ({@code 修订}, {@code 增订},
     *     {@code 新}); empty when the statement names no edition, only a printing or a binding
     *     ({@code 2016年重印}, {@code 精装本}), which leaves the edition as the title or the default says
     * @param reprint whether the statement names a reprint or printing ({@code 2016年重印}, {@code 第3次印刷}):
     *     the same edition, printed later, possibly years later
     */
    record Edition(Optional<String> number, boolean reprint) {
    }

    /** Reads an edition statement: {@code 第2版} gives 2, {@code 2016年重印} no number and a reprint. */
    static Optional<Edition> edition(String statement) {
        String text = fold(statement);
        if (text.isBlank()) {
            return Optional.empty();
        }
        boolean reprint = REPRINT.matcher(text).find();
        // A printing number (第3次印刷) is not an edition number: take it out before reading one.
        String editionPart = PRINTING_NUMBER.matcher(text).replaceAll(" ");
        Matcher numbered = NUMBERED_EDITION.matcher(editionPart);
        if (numbered.find()) {
            return Optional.of(new Edition(Optional.of(numberOrSelf(numbered.group(1))), reprint));
        }
        Matcher latin = LATIN_EDITION.matcher(editionPart);
        if (latin.find()) {
            return Optional.of(new Edition(Optional.of(numberOrSelf(latin.group(1))), reprint));
        }
        if (FIRST_EDITION.matcher(editionPart).find()) {
            return Optional.of(new Edition(Optional.of("1"), reprint));
        }
        Matcher revised = REVISED_EDITION.matcher(editionPart);
        if (revised.find()) {
            return Optional.of(new Edition(Optional.of(revised.group(1)), reprint));
        }
        return Optional.of(new Edition(Optional.empty(), reprint));
    }

    /**
     * The keys of a creator as catalogued: folded, bracketed prefixes ({@code (清)}, {@code [美]}) and role
     * words ({@code 著}, {@code 编}, {@code 主编}, {@code 等}) stripped, split where several names share one
     * entry ({@code 郝俊峰、牛文斌}).
     */
    static List<String> creatorKeys(String name) {
        List<String> keys = new ArrayList<>(1);
        for (String part : NAME_SEPARATORS.split(fold(name))) {
            String text = part;
            Matcher prefix = NAME_PREFIX.matcher(text);
            while (prefix.find()) {
                text = text.substring(prefix.end());
                prefix = NAME_PREFIX.matcher(text);
            }
            String key = stripRoleWords(lettersAndDigits(text));
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String stripRoleWords(String key) {
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String role : ROLE_WORDS) {
                // At least two characters stay: a one-character remainder means the "role" was part of the name.
                if (key.endsWith(role) && key.length() - role.length() >= 2) {
                    key = key.substring(0, key.length() - role.length());
                    stripped = true;
                    break;
                }
            }
        }
        return key;
    }

    /** The key of a publisher: folded letters and digits, company-form suffixes stripped; empty for 出版者不详. */
    static Optional<String> publisherKey(String publisher) {
        String key = lettersAndDigits(fold(publisher));
        for (String suffix : PUBLISHER_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() > suffix.length()) {
                key = key.substring(0, key.length() - suffix.length());
                break;
            }
        }
        return key.isEmpty() || UNKNOWN_PUBLISHERS.contains(key) ? Optional.empty() : Optional.of(key);
    }

    /** The key of a 012 fingerprint: folded, whitespace removed (catalogues space its four groups differently). */
    static Optional<String> fingerprintKey(String fingerprint) {
        String key = WHITESPACE.matcher(fold(fingerprint)).replaceAll("");
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** Chinese or Arabic numerals as an Arabic number string; anything else ({@code 上}) as it is. */
    static String numberOrSelf(String text) {
        String t = text.strip();
        if (t.chars().allMatch(Character::isDigit)) {
            return String.valueOf(Integer.parseInt(t));
        }
        int total = 0;
        int digit = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int d = "零一二三四五六七八九".indexOf(c);
            if (c == '〇') {
                d = 0;
            } else if (c == '两') {
                d = 2;
            }
            if (d >= 0) {
                digit = d;
            } else if (c == '十') {
                total += (digit < 0 ? 1 : digit) * 10;
                digit = -1;
            } else if (c == '百') {
                total += (digit < 0 ? 1 : digit) * 100;
                digit = -1;
            } else {
                return t;
            }
        }
        if (digit > 0) {
            total += digit;
        }
        return String.valueOf(total);
    }

    /** Dice similarity of the character bigrams of two keys (unigrams when a key has one character). */
    static double similarity(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.contains(b) || b.contains(a)) {
            return 1;
        }
        Set<String> x = grams(a);
        Set<String> y = grams(b);
        int shared = 0;
        for (String g : x) {
            if (y.contains(g)) {
                shared++;
            }
        }
        return 2.0 * shared / (x.size() + y.size());
    }

    private static Set<String> grams(String key) {
        Set<String> grams = new LinkedHashSet<>();
        int[] cps = key.codePoints().toArray();
        if (cps.length == 1) {
            grams.add(key);
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            grams.add(new String(cps, i, 2));
        }
        return grams;
    }
}
