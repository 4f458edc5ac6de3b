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
    EBOOK,
    LECTURE,
    ACTIVITY,
    /** An opera or quyi work (剧目/曲目), as distinct from a recording of it. */
    REPERTOIRE,
    OTHER;

    public String facetValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
