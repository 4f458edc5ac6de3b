package org.shangdang.connectors.marc;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISBNs as catalogues write them: {@code 7-5440-1234-X (平装)}, {@code 978-7-04-024765-7 : CNY29.00},
 * {@code ISBN 9787040247657}, {@code urn:isbn:7504400001}.
 *
 * <p>All methods are pure functions, thread-safe, and accept null or blank input (which yields empty/false).
 * Full-width digits are folded to ASCII first, as Chinese catalogues sometimes type them.
 */
public final class Isbns {

    // Ten or thirteen digits with at most one hyphen or space between them; digits may not run on either side,
    // so a price or a control number that happens to contain ten digits in a longer run is not taken.
    private static final Pattern ISBN13 = Pattern.compile("(?<!\\d)(?:\\d[-\\s]?){12}\\d(?![\\dXx])");
    private static final Pattern ISBN10 = Pattern.compile("(?<!\\d)(?:\\d[-\\s]?){9}[\\dXx](?![\\dXx])");

    private Isbns() {
    }

    /**
     * The ISBN in a catalogued value with its qualifiers stripped but its hyphens kept, {@code x} upper-cased:
     * {@code "7-5440-1234-x (平装)"} gives {@code "7-5440-1234-X"}. The checksum is not checked.
     *
     * @return empty when the value holds nothing shaped like a 10- or 13-digit ISBN
     */
    public static Optional<String> withoutQualifiers(String catalogued) {
        if (catalogued == null || catalogued.isBlank()) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(catalogued, Normalizer.Form.NFKC);
        for (Pattern pattern : new Pattern[] {ISBN13, ISBN10}) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return Optional.of(m.group().strip().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /**
     * The ISBN in a catalogued value as bare digits (and a final {@code X}): {@code "7-5440-1234-X (平装)"}
     * gives {@code "754401234X"}. The checksum is not checked.
     */
    public static Optional<String> normalise(String catalogued) {
        return withoutQualifiers(catalogued).map(isbn -> isbn.replaceAll("[^0-9X]", ""));
    }

    /** Whether the value holds a 10- or 13-digit ISBN whose check digit is right (ISBN-13 must start 978/979). */
    public static boolean isValid(String catalogued) {
        return normalise(catalogued).filter(Isbns::checksumHolds).isPresent();
    }

    /**
     * The ISBN-13 of a valid ISBN-10 ({@code 7504400001} gives {@code 9787504400001}), or a valid ISBN-13
     * itself, as bare digits.
     *
     * @return empty when the value holds no valid ISBN
     */
    public static Optional<String> toIsbn13(String catalogued) {
        return normalise(catalogued).filter(Isbns::checksumHolds).map(isbn -> {
            if (isbn.length() == 13) {
                return isbn;
            }
            String stem = "978" + isbn.substring(0, 9);
            return stem + isbn13CheckDigit(stem);
        });
    }

    private static boolean checksumHolds(String isbn) {
        if (isbn.length() == 10) {
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                char c = isbn.charAt(i);
                int value = c == 'X' ? 10 : c - '0';
                if (c == 'X' && i != 9) {
                    return false;
                }
                sum += (10 - i) * value;
            }
            return sum % 11 == 0;
        }
        if (isbn.length() == 13 && (isbn.startsWith("978") || isbn.startsWith("979")) && isbn.indexOf('X') < 0) {
            return isbn13CheckDigit(isbn.substring(0, 12)) == isbn.charAt(12);
        }
        return false;
    }

    private static char isbn13CheckDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelveDigits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
