package org.shangdang.indexer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The fields a search can be narrowed by and counted on; {@link #param()} is the query parameter and JSON key. */
public enum Facet {
    SOURCE,
    LIBRARY,
    COUNTY,
    KIND,
    LANGUAGE,
    YEAR,
    /** The reading themes of the plan (神话, 古建, 红色文化, 民间艺术); a record may have several. */
    THEME,
    /** The opera or quyi genre (剧种/曲种), e.g. 上党梆子. */
    GENRE;

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Facet> fromParam(String param) {
        return Arrays.stream(values()).filter(f -> f.param().equals(param)).findFirst();
    }
}
