package org.shangdang.indexer.suggest;

import java.util.Locale;

/**
 * What a suggested term is, in the order suggestions of equal popularity are shown: a title before a
 * creator before a subject. {@link #value()} is the JSON value.
 */
public enum SuggestionKind {
    TITLE(3),
    CREATOR(2),
    SUBJECT(1);

    private final int boost;

    SuggestionKind(int boost) {
        this.boost = boost;
    }

    /** How much one record carrying a term of this kind weighs in the ranking. */
    int boost() {
        return boost;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
