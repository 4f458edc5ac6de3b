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
    YEAR;

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Facet> fromParam(String param) {
        return Arrays.stream(values()).filter(f -> f.param().equals(param)).findFirst();
    }
}
