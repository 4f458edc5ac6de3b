package org.shangdang.indexer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;

/**
 * One page of hits with facet counts, the same whichever engine served it.
 *
 * @param total matching records
 * @param tookMs time spent in the engine
 * @param hits this page, best first
 * @param facets per facet, values with counts, highest count first (at most 20 values each); counts
 *     for a facet ignore that facet's own filter, so a reader can widen as well as narrow. Facets count
 *     matching <em>records</em>, also when hits are collapsed into works, so the counts do not depend on
 *     how far clustering has got and add up to {@code total} as readers expect
 * @param works matching works when the query collapsed hits ({@link SearchQuery.Collapse#WORK}), else empty
 */
public record SearchResult(long total, long tookMs, List<Hit> hits, Map<Facet, List<FacetCount>> facets,
        Optional<Long> works) {

    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
        works = Objects.requireNonNullElse(works, Optional.empty());
    }

    /** A result of records, not collapsed. */
    public SearchResult(long total, long tookMs, List<Hit> hits, Map<Facet, List<FacetCount>> facets) {
        this(total, tookMs, hits, facets, Optional.empty());
    }

    /**
     * @param highlights per field ({@code title}, {@code creators}, {@code subjects}, {@code description}),
     *     snippets with matches wrapped in {@code <em>…</em>}, other text HTML-escaped
     * @param workId the work the record belongs to ({@link org.shangdang.record.CanonicalRecord#workIdOrSelf()})
     * @param workSize when hits are collapsed, how many matching records the work has (this one included);
     *     empty otherwise
     */
    public record Hit(
            String id,
            String title,
            List<String> creators,
            Optional<Integer> year,
            String kind,
            String source,
            Map<String, List<String>> highlights,
            @JsonProperty("work_id") String workId,
            @JsonProperty("work_size") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Long> workSize) {

        public Hit {
            creators = List.copyOf(creators);
            highlights = Map.copyOf(highlights);
            Objects.requireNonNull(workId, "workId");
            workSize = Objects.requireNonNullElse(workSize, Optional.empty());
        }

        /** A hit of a record that is not collapsed with others; its work is the record itself. */
        public Hit(String id, String title, List<String> creators, Optional<Integer> year, String kind, String source,
                Map<String, List<String>> highlights) {
            this(id, title, creators, year, kind, source, highlights, id, Optional.empty());
        }

        /** The hit of this record, with its highlights and, when collapsed, its work's matching records. */
        public static Hit of(CanonicalRecord record, Map<String, List<String>> highlights, Optional<Long> workSize) {
            return new Hit(record.id(), record.title(), record.creators().stream().map(Creator::name).toList(),
                    record.year(), record.kind().facetValue(), record.sourceId(), highlights, record.workIdOrSelf(),
                    workSize);
        }
    }

    public record FacetCount(String value, long count) {}
}
