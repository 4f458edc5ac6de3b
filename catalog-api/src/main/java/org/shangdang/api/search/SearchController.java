package org.shangdang.api.search;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.record.CanonicalRecord;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One-stop search and record lookup for portals and terminals. Read-only. */
@RestController
public class SearchController {

    private final SearchIndex index;

    public SearchController(SearchIndex index) {
        this.index = index;
    }

    /**
     * {@code GET /api/search?q=上党梆子&page=1&size=10&county=长子县&kind=book&collapse=work}: facet parameters
     * may repeat (values OR-ed within a facet, facets AND-ed); {@code collapse=work} lists one hit per work
     * (page and size then count works), {@code collapse=none} (the default) every record.
     */
    @GetMapping("/api/search")
    public SearchResponse search(
            @RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "page", defaultValue = "1") String page,
            @RequestParam(name = "size", defaultValue = "10") String size,
            @RequestParam(name = "collapse", defaultValue = "none") String collapse,
            @RequestParam MultiValueMap<String, String> params) {
        int pageNumber = intParam("page", page);
        int pageSize = intParam("size", size);
        SearchQuery query = new SearchQuery(q, filters(params), pageNumber, pageSize, SearchQuery.Collapse.fromParam(collapse));
        return SearchResponse.of(index.search(query), pageNumber, pageSize);
    }

    /** {@code GET /api/records/{id}}: the full canonical record; ids may contain {@code /} (handle identifiers). */
    @GetMapping("/api/records/{*id}")
    public CanonicalRecord record(@PathVariable("id") String path) {
        String id = path.startsWith("/") ? path.substring(1) : path;
        return index.get(id).orElseThrow(() -> new NotFoundException("no record with id '" + id + "'"));
    }

    private static Map<Facet, List<String>> filters(MultiValueMap<String, String> params) {
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        for (Facet facet : Facet.values()) {
            List<String> values = params.get(facet.param());
            if (values != null) {
                List<String> present = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
                if (!present.isEmpty()) {
                    filters.put(facet, present);
                }
            }
        }
        return filters;
    }

    private static int intParam(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be a whole number; got: '" + abbreviate(value) + "'");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
