package org.shangdang.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchResult;

/**
 * The JSON body of {@code GET /api/search}. Its shape is the public contract for portals and terminals,
 * so it is spelled out here rather than left to the engine's types.
 *
 * @param total matching records
 * @param works matching works, present only with {@code collapse=work} (hits then carry {@code work_size})
 * @param facets counts of matching records, collapsed or not
 */
public record SearchResponse(
        long total,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long works,
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
        return new SearchResponse(result.total(), result.works().orElse(null), result.tookMs(), page, size,
                result.hits(), facets);
    }
}
