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
