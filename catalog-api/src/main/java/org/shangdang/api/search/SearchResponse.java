package org.shangdang.api.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchResult;

/**
 * The JSON body of {@code GET /api/search}. Its shape is the public contract for portals and terminals,
 * so it is spelled out here rather than left to the engine's types.
 */
public record SearchResponse(
        long total,
        @JsonProperty("took_ms") long tookMs,
        int page,
        int size,
        List<SearchResult.Hit> hits,
        Map<String, List<SearchResult.FacetCount>> facets) {

    static SearchResponse of(SearchResult result, int page, int size) {
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.param(), result.facets().getOrDefault(facet, List.of()));
        }
        return new SearchResponse(result.total(), result.tookMs(), page, size, result.hits(), facets);
    }
}
