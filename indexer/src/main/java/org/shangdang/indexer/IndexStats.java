package org.shangdang.indexer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts over every searchable record, the same whichever engine served them.
 *
 * @param records searchable records
 * @param facets per facet, every value with its count (not only the top {@link SearchLimits#FACET_VALUES}),
 *     highest count first, ties by value; equal to what a blank search's facets show for those values
 * @param mediaBytes the summed size of the records' media files whose size is known (the digital volume)
 */
public record IndexStats(long records, Map<Facet, List<SearchResult.FacetCount>> facets, long mediaBytes) {

    public IndexStats {
        Map<Facet, List<SearchResult.FacetCount>> copy = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            // Both engines break count ties their own way: one order here makes their stats equal.
            copy.put(facet, facets.getOrDefault(facet, List.of()).stream()
                    .sorted(java.util.Comparator.comparingLong(SearchResult.FacetCount::count).reversed()
                            .thenComparing(SearchResult.FacetCount::value))
                    .toList());
        }
        facets = Map.copyOf(copy);
    }
}
