package org.shangdang.record;

/** What a record describes, as readers would filter by it. Facet values are the lower-case names. */
public enum ResourceKind {
    BOOK,
    RARE_BOOK,
    SERIAL,
    MAP,
    SCORE,
    AUDIO,
    VIDEO,
    IMAGE,
    MANUSCRIPT,
    ARTICLE,
    OTHER;

    public String facetValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
