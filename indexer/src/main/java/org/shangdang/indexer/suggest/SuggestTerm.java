package org.shangdang.indexer.suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;

/**
 * A term a record offers for completion: its title, each creator's name, each subject heading.
 *
 * @param kind where the term comes from
 * @param text as catalogued, stripped
 */
public record SuggestTerm(SuggestionKind kind, String text) {

    /** Longer values (a title with its whole subtitle) are offered cut to this many characters. */
    public static final int MAX_LENGTH = 60;

    public SuggestTerm {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The distinct terms of a record, title first; blank values are left out. Stateless and thread-safe. */
    public static List<SuggestTerm> of(CanonicalRecord record) {
        Set<SuggestTerm> terms = new LinkedHashSet<>();
        add(terms, SuggestionKind.TITLE, record.title());
        for (Creator creator : record.creators()) {
            add(terms, SuggestionKind.CREATOR, creator.name());
        }
        for (String subject : record.subjects()) {
            add(terms, SuggestionKind.SUBJECT, subject);
        }
        return List.copyOf(new ArrayList<>(terms));
    }

    /** The distinct terms of a record's headings, as {@link #of(CanonicalRecord)} gives them for the whole record. */
    public static List<SuggestTerm> of(RecordHeadings headings) {
        Set<SuggestTerm> terms = new LinkedHashSet<>();
        add(terms, SuggestionKind.TITLE, headings.title());
        for (String creator : headings.creators()) {
            add(terms, SuggestionKind.CREATOR, creator);
        }
        for (String subject : headings.subjects()) {
            add(terms, SuggestionKind.SUBJECT, subject);
        }
        return List.copyOf(new ArrayList<>(terms));
    }

    /** The text cut to {@link #MAX_LENGTH} characters, never between the halves of a surrogate pair. */
    static String cut(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return text.substring(0, end).strip();
    }

    private static void add(Set<SuggestTerm> terms, SuggestionKind kind, String value) {
        if (value == null) {
            return;
        }
        String text = value.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return;
        }
        text = cut(text);
        terms.add(new SuggestTerm(kind, text));
    }
}
