package org.shangdang.api.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchResult;

/**
 * The JSON body of {@code GET /api/search}. Its shape is the public contract for portals and terminals,
 * so it is spelled out here rather than left to the engine's types.
 *
 * @param total matching records
 * @param works matching works, present only when hits are collapsed to works (the default; hits then carry
 *     {@code work_size}, {@code holdings} and {@code libraries})
 * @param facets counts of matching records, collapsed or not
 */
public record SearchResponse(
        long total,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long works,
        @JsonProperty("took_ms") long tookMs,
        int page,
        int size,
        List<Hit> hits,
        Map<String, List<SearchResult.FacetCount>> facets) {

    /**
     * @param counts per work id, its copies and libraries (used for collapsed hits only)
     */
    static SearchResponse of(SearchResult result, int page, int size, Map<String, WorkCounts> counts) {
        Map<String, List<SearchResult.FacetCount>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            facets.put(facet.param(), result.facets().getOrDefault(facet, List.of()));
        }
        boolean collapsed = result.works().isPresent();
        List<Hit> hits = result.hits().stream()
                .map(h -> Hit.of(h, collapsed ? Optional.of(counts.getOrDefault(h.workId(), WorkCounts.NONE))
                        : Optional.empty()))
                .toList();
        return new SearchResponse(result.total(), result.works().orElse(null), result.tookMs(), page, size, hits, facets);
    }

    /** A work's copies and the libraries holding them. */
    record WorkCounts(int holdings, int libraries) {
        static final WorkCounts NONE = new WorkCounts(0, 0);
    }

    /**
     * One hit: a work when hits are collapsed (its {@code id} is the work id, shown by its best-matching record
     * {@code record}), else a record.
     *
     * @param id the work id when collapsed, else the record id
     * @param record the record shown (the work's best match when collapsed)
     * @param workSize when collapsed, the work's matching records
     * @param holdings when collapsed, the work's copies in every library
     * @param libraries when collapsed, how many libraries hold a copy
     */
    public record Hit(
            String id,
            String record,
            String title,
            List<String> creators,
            Optional<Integer> year,
            String kind,
            String source,
            Map<String, List<String>> highlights,
            @JsonProperty("work_id") String workId,
            @JsonProperty("work_size") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Long> workSize,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> holdings,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> libraries) {

        static Hit of(SearchResult.Hit hit, Optional<WorkCounts> counts) {
            return new Hit(counts.isPresent() ? hit.workId() : hit.id(), hit.id(), hit.title(), hit.creators(),
                    hit.year(), hit.kind(), hit.source(), hit.highlights(), hit.workId(), hit.workSize(),
                    counts.map(WorkCounts::holdings), counts.map(WorkCounts::libraries));
        }
    }
}
