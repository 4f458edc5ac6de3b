package org.shangdang.api.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.api.works.UnionWorks;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One-stop search and record lookup for portals and terminals. Read-only. */
@RestController
public class SearchController {

    private final SearchIndex index;
    private final UnionWorks works;

    public SearchController(SearchIndex index, UnionWorks works) {
        this.index = index;
        this.works = works;
    }

    /**
     * {@code GET /api/search?q=上党梆子&page=1&size=10&county=长子县&kind=book}: facet parameters may repeat
     * (values OR-ed within a facet, facets AND-ed). Hits are works by default ({@code collapse=work} or
     * {@code true}: one hit per work, id the work id, with its copies and libraries; page and size count works);
     * {@code collapse=none} or {@code false} lists every matching record.
     */
    @GetMapping("/api/search")
    public SearchResponse search(
            @RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "page", defaultValue = "1") String page,
            @RequestParam(name = "size", defaultValue = "10") String size,
            @RequestParam(name = "collapse", defaultValue = "work") String collapse,
            @RequestParam MultiValueMap<String, String> params) {
        int pageNumber = intParam("page", page);
        int pageSize = intParam("size", size);
        SearchQuery query = new SearchQuery(q, filters(params), pageNumber, pageSize, collapse(collapse));
        SearchResult result = index.search(query);
        Map<String, SearchResponse.WorkCounts> counts = new HashMap<>();
        if (result.works().isPresent()) {
            List<String> workIds = result.hits().stream().map(SearchResult.Hit::workId).toList();
            Map<String, List<Holding>> copies = new HashMap<>();
            Map<String, Set<String>> libraries = new HashMap<>();
            for (RecordHoldings member : works.holdingsOfAll(workIds)) {
                copies.computeIfAbsent(member.workIdOrSelf(), w -> new ArrayList<>()).addAll(member.holdings());
                // As on the work's page: a library whose record lists no copies holds the work too.
                Set<String> holders = libraries.computeIfAbsent(member.workIdOrSelf(), w -> new HashSet<>());
                holders.add(member.library());
                member.holdings().forEach(h -> holders.add(h.library()));
            }
            copies.forEach((work, holdings) -> counts.put(work, new SearchResponse.WorkCounts(holdings.size(),
                    libraries.get(work).size())));
        }
        return SearchResponse.of(result, pageNumber, pageSize, counts);
    }

    /**
     * The collapse mode of a {@code collapse} parameter: {@code work} or {@code true}, {@code none} or {@code false}.
     *
     * @throws InvalidQueryException naming any other value
     */
    public static SearchQuery.Collapse collapse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true" -> SearchQuery.Collapse.WORK;
            case "false" -> SearchQuery.Collapse.NONE;
            default -> {
                try {
                    yield SearchQuery.Collapse.fromParam(v);
                } catch (InvalidQueryException e) {
                    throw new InvalidQueryException("collapse must be 'work' (or 'true') or 'none' (or 'false'); got: '"
                            + abbreviate(value) + "'");
                }
            }
        };
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
