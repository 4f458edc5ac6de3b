package org.shangdang.api.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the one-stop search holds, for portals and the plan's reports (resources per county, digital volume).
 * Read-only and public; answered from the index's facet counts in one pass, no record is read.
 */
@RestController
public class StatsController {

    private final SearchIndex index;

    public StatsController(SearchIndex index) {
        this.index = index;
    }

    @Operation(summary = "Counts of searchable records by source, kind, county and theme, and the digital volume",
            description = "Every value with its count, highest first; the counts equal what a blank /api/search "
                    + "shows in its facets. digital_bytes sums the sizes of the records' media files whose size "
                    + "the source states (audio, video, PDFs, scans); digital_tb is the same in terabytes (10^12 bytes).")
    @GetMapping("/api/stats")
    public StatsResponse stats() {
        long started = System.nanoTime();
        IndexStats stats = index.stats();
        return new StatsResponse(stats.records(), (System.nanoTime() - started) / 1_000_000,
                stats.facets().get(Facet.SOURCE), stats.facets().get(Facet.KIND), stats.facets().get(Facet.COUNTY),
                stats.facets().get(Facet.THEME), stats.facets().get(Facet.GENRE), stats.mediaBytes(),
                stats.mediaBytes() / 1e12);
    }

    /**
     * The JSON body of {@code GET /api/stats}.
     *
     * @param records searchable records
     * @param tookMs time spent counting
     * @param bySource records per source id
     * @param byKind records per kind ({@code book}, {@code repertoire}, {@code audio}…)
     * @param byCounty records per county or district; records of the city level without a county named in
     *     their text are not counted here
     * @param byTheme records per reading theme; a record may have several
     * @param byGenre records per opera/quyi genre
     * @param digitalBytes summed size of the media files whose size is known
     * @param digitalTb {@code digitalBytes} in terabytes (10^12 bytes)
     */
    public record StatsResponse(
            long records,
            @JsonProperty("took_ms") long tookMs,
            @JsonProperty("by_source") List<SearchResult.FacetCount> bySource,
            @JsonProperty("by_kind") List<SearchResult.FacetCount> byKind,
            @JsonProperty("by_county") List<SearchResult.FacetCount> byCounty,
            @JsonProperty("by_theme") List<SearchResult.FacetCount> byTheme,
            @JsonProperty("by_genre") List<SearchResult.FacetCount> byGenre,
            @JsonProperty("digital_bytes") long digitalBytes,
            @JsonProperty("digital_tb") double digitalTb) {
    }
}
