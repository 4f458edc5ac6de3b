package org.shangdang.indexer.analysis;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ISBN normalisation shared by indexing and querying, so that {@code 978-7-5440-1234-5},
 * {@code 9787544012345}, full-width digits and the ISBN-10 form of the same book all meet on one term.
 * Stateless and thread-safe.
 */
public final class Isbns {

    private static final Pattern ISBN_10 = Pattern.compile("[0-9]{9}[0-9X]");
    private static final Pattern ISBN_13 = Pattern.compile("97[89][0-9]{10}");
    /** What a typed ISBN may contain before normalisation (after width/case folding). */
    private static final Pattern TYPED_ISBN = Pattern.compile("[0-9xX][0-9xX \\-]*");

    private Isbns() {}

    /** Keeps only the digits and the check character {@code X} (upper-cased) of the folded text. */
    public static String normalise(CharSequence text) {
        String folded = ChineseFolding.nfkcCasefold().normalize(text);
        StringBuilder out = new StringBuilder(Math.min(folded.length(), 16));
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == 'x' || c == 'X') {
                out.append('X');
            }
        }
        return out.toString();
    }

    /**
     * The normalised ISBN when the text is nothing but an ISBN-10 or ISBN-13 (hyphens and spaces
     * allowed), else empty. The check digit is not verified: a mistyped ISBN simply finds nothing.
     */
    public static Optional<String> parse(String text) {
        String folded = ChineseFolding.nfkcCasefold().normalize(text).strip();
        if (!TYPED_ISBN.matcher(folded).matches()) {
            return Optional.empty();
        }
        String normalised = normalise(folded);
        return ISBN_10.matcher(normalised).matches() || ISBN_13.matcher(normalised).matches()
                ? Optional.of(normalised)
                : Optional.empty();
    }

    /** Bracketed qualifiers a catalogue or a reader adds to an ISBN: (精装), [pbk.], 〔平装〕. */
    private static final Pattern QUALIFIER = Pattern.compile("[(\\[〔【][^)\\]〕】]*[)\\]〕】]");

    /**
     * The ISBN-13 of one ISBN as catalogued or typed, in any form: ISBN-10 or ISBN-13, with hyphens, spaces or
     * full-width digits, an {@code ISBN} prefix, bracketed qualifiers such as {@code (精装)} and a price after a
     * colon ({@code :CNY38.00}) ignored. Empty unless what remains is an ISBN whose check digit holds.
     */
    public static Optional<String> isbn13(String typed) {
        String text = ChineseFolding.nfkcCasefold().normalize(typed).strip();
        if (text.startsWith("isbn")) {
            text = text.substring(4).replaceFirst("^[\\s:]+", "");
        }
        int colon = text.indexOf(':');
        text = QUALIFIER.matcher(colon >= 0 ? text.substring(0, colon) : text).replaceAll(" ").strip();
        if (!TYPED_ISBN.matcher(text).matches()) {
            return Optional.empty();
        }
        String digits = normalise(text);
        if (ISBN_10.matcher(digits).matches() && isbn10CheckHolds(digits)) {
            return toIsbn13(digits);
        }
        return ISBN_13.matcher(digits).matches() && isbn13CheckHolds(digits) ? Optional.of(digits) : Optional.empty();
    }

    private static boolean isbn10CheckHolds(String digits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int value = digits.charAt(i) == 'X' ? 10 : digits.charAt(i) - '0';
            if (value == 10 && i < 9) {
                return false;
            }
            sum += value * (10 - i);
        }
        return sum % 11 == 0;
    }

    private static boolean isbn13CheckHolds(String digits) {
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return sum % 10 == 0;
    }

    /** The ISBN-13 (978 prefix, recomputed check digit) of a normalised ISBN-10; empty for anything else. */
    public static Optional<String> toIsbn13(String normalised) {
        if (!ISBN_10.matcher(normalised).matches()) {
            return Optional.empty();
        }
        String body = "978" + normalised.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return Optional.of(body + (10 - sum % 10) % 10);
    }
}
