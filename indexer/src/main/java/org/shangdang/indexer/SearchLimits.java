package org.shangdang.indexer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The limits every engine enforces on a {@link SearchQuery}, with the same messages, so that a query
 * refused by one engine is refused by all. Stateless and thread-safe.
 */
public final class SearchLimits {

    /** Hits a reader can page through: deep paging costs memory and time proportional to the depth. */
    public static final int MAX_WINDOW = 10_000;
    /** Values shown per facet. */
    public static final int FACET_VALUES = 20;
    /** Values one facet filter may hold, and their length: enough for any real selection. */
    public static final int MAX_FILTER_VALUES = 50;
    public static final int MAX_FILTER_VALUE_LENGTH = 200;

    private SearchLimits() {}

    /**
     * @throws InvalidQueryException when {@code page * size} exceeds {@link #MAX_WINDOW}
     */
    public static void checkWindow(SearchQuery query) {
        int window = query.page() * query.size();
        if (window > MAX_WINDOW) {
            throw new InvalidQueryException("page * size must be at most " + MAX_WINDOW + "; got: page "
                    + query.page() + " * size " + query.size() + " = " + window);
        }
    }

    /**
     * The filter values to apply: stripped, blank ones dropped, and facets left with no value dropped
     * (no filter on them). Values of one facet are ORed; facets are ANDed.
     *
     * @throws InvalidQueryException when a facet has more than {@link #MAX_FILTER_VALUES} values or a value
     *     is longer than {@link #MAX_FILTER_VALUE_LENGTH}
     */
    public static Map<Facet, List<String>> filterValues(Map<Facet, List<String>> filters) {
        Map<Facet, List<String>> kept = new EnumMap<>(Facet.class);
        for (Map.Entry<Facet, List<String>> filter : filters.entrySet()) {
            List<String> values = filter.getValue() == null ? List.of() : filter.getValue();
            if (values.size() > MAX_FILTER_VALUES) {
                throw new InvalidQueryException(filter.getKey().param() + " must have at most " + MAX_FILTER_VALUES
                        + " values; got: " + values.size());
            }
            List<String> stripped = new ArrayList<>();
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (value.length() > MAX_FILTER_VALUE_LENGTH) {
                    throw new InvalidQueryException(filter.getKey().param() + " values must be at most "
                            + MAX_FILTER_VALUE_LENGTH + " characters; got: " + value.length());
                }
                stripped.add(value.strip());
            }
            if (!stripped.isEmpty()) {
                kept.put(filter.getKey(), List.copyOf(stripped));
            }
        }
        return kept;
    }
}
