package org.shangdang.indexer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every engine splits a reader's query text, so that all engines agree on what was asked: words
 * separated by white space, and {@code "double quotes"} (also “…” and full-width quotes) around a
 * phrase; no other character has a meaning. Stateless and thread-safe.
 */
public final class QueryText {

    /** Distinct words and phrases searched at most; more is a pasted text, not a query. */
    public static final int MAX_PARTS = 32;

    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"?|([^\\s\"]+)", Pattern.UNICODE_CHARACTER_CLASS);

    private QueryText() {}

    /**
     * The distinct words and phrases of the text, in order; empty when the text is blank (which means
     * every record).
     *
     * @throws InvalidQueryException when there are more than {@link #MAX_PARTS}
     */
    public static List<Part> parse(String text) {
        Set<Part> parts = split(text);
        if (parts.size() > MAX_PARTS) {
            throw new InvalidQueryException(
                    "q must have at most " + MAX_PARTS + " distinct words or phrases; got: " + parts.size());
        }
        return List.copyOf(parts);
    }

    private static Set<Part> split(String text) {
        // Curly and full-width quotes are what Chinese input methods type for ".
        String normalised = text.replace('“', '"').replace('”', '"').replace('＂', '"');
        Set<Part> parts = new LinkedHashSet<>();
        Matcher m = PART.matcher(normalised);
        while (m.find()) {
            if (m.group(1) != null) {
                if (!m.group(1).isBlank()) {
                    parts.add(new Part(m.group(1).strip(), Kind.PHRASE));
                }
            } else {
                parts.add(new Part(m.group(2), Kind.WORD));
            }
        }
        return parts;
    }

    /** A word matches by its dictionary words, its characters in sequence or as an ISBN; a phrase only in sequence. */
    public enum Kind { WORD, PHRASE }

    /** One word or phrase as typed (not folded). */
    public record Part(String text, Kind kind) {}
}
