package org.shangdang.indexer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of hits with facet counts, the same whichever engine served it.
 *
 * @param total matching records
 * @param tookMs time spent in the engine
 * @param hits this page, best first
 * @param facets per facet, values with counts, highest count first (at most 20 values each); counts
 *     for a facet ignore that facet's own filter, so a reader can widen as well as narrow
 */
public record SearchResult(long total, long tookMs, List<Hit> hits, Map<Facet, List<FacetCount>> facets) {

    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /**
     * @param highlights per field ({@code title}, {@code creators}, {@code subjects}, {@code description}),
     *     snippets with matches wrapped in {@code <em>…</em>}, other text HTML-escaped
     */
    public record Hit(
            String id,
            String title,
            List<String> creators,
            Optional<Integer> year,
            String kind,
            String source,
            Map<String, List<String>> highlights) {

        public Hit {
            creators = List.copyOf(creators);
            highlights = Map.copyOf(highlights);
        }
    }

    public record FacetCount(String value, long count) {}
}
