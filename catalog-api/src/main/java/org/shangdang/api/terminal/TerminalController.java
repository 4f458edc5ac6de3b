package org.shangdang.api.terminal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.availability.AvailabilityController;
import org.shangdang.api.availability.AvailabilityLookup;
import org.shangdang.api.availability.Copy;
import org.shangdang.api.catalog.CatalogController;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.api.works.UnionWorks;
import org.shangdang.connectors.availability.AvailabilityStatus;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The self-service terminal API: compact answers for small screens and slow links. A search lists works
 * (pinyin, initials, ISBNs and barcodes typed or scanned all work as queries do on {@code /api/search}), each with
 * its copies and how many can be borrowed now; lookups by ISBN scan and barcode; a work's copies with the
 * terminal's own branch first. A library whose system is down or slow makes its copies {@code unknown}; the
 * terminal still gets its answer. Read-only.
 */
@RestController
public class TerminalController {

    private static final String AVAILABLE = AvailabilityStatus.AVAILABLE.name().toLowerCase(java.util.Locale.ROOT);

    private final SearchIndex index;
    private final UnionWorks works;
    private final AvailabilityLookup availability;

    public TerminalController(SearchIndex index, UnionWorks works, AvailabilityLookup availability) {
        this.index = Objects.requireNonNull(index, "index");
        this.works = Objects.requireNonNull(works, "works");
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /** {@code GET /api/terminal/search?q=czs&page=1&size=10}: one entry per work. */
    @GetMapping("/api/terminal/search")
    public TerminalSearch search(@RequestParam(name = "q", defaultValue = "") String q,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "size", defaultValue = "10") int size) {
        if (size > 50) {
            throw new InvalidQueryException("size must be between 1 and 50 on a terminal; got: " + size);
        }
        // A terminal shows neither facets nor highlights: not computing them is most of a search's cost.
        SearchResult result = index.search(new SearchQuery(q, Map.of(), page, size, SearchQuery.Collapse.WORK,
                SearchQuery.Detail.HITS));
        List<String> workIds = result.hits().stream().map(SearchResult.Hit::workId).toList();
        // The hits describe the works; their members are read for their copies only.
        List<RecordHoldings> members = works.holdingsOfAll(workIds);
        Map<String, int[]> counts = count(members, availability.copiesOf(members));
        List<TerminalWork> hits = new ArrayList<>();
        for (SearchResult.Hit hit : result.hits()) {
            int[] c = counts.getOrDefault(hit.workId(), new int[3]);
            hits.add(new TerminalWork(hit.workId(), hit.title(), hit.creators().stream().findFirst(), hit.year(),
                    hit.kind(), c[0], c[1], c[2]));
        }
        return new TerminalSearch(result.works().orElse((long) hits.size()), page, size, hits);
    }

    /** {@code GET /api/terminal/isbn/{isbn}}: the works with a scanned or typed ISBN. */
    @GetMapping("/api/terminal/isbn/{isbn}")
    public TerminalWorks isbn(@PathVariable("isbn") String isbn) {
        String isbn13 = CatalogController.parseIsbn(isbn);
        List<String> workIds = index.lookup(Lookup.isbn(isbn13, Lookup.MAX_LIMIT)).stream()
                .map(CanonicalRecord::workIdOrSelf).distinct().sorted().limit(20).toList();
        if (workIds.isEmpty()) {
            throw new NotFoundException("no work with ISBN " + isbn13);
        }
        Map<String, TerminalWork> byWork = summarise(works.membersOfAll(workIds));
        return new TerminalWorks(isbn13, workIds.stream().map(byWork::get).filter(Objects::nonNull).toList());
    }

    /** {@code GET /api/terminal/barcode/{barcode}}: the scanned copy, where it belongs and its status. */
    @GetMapping("/api/terminal/barcode/{barcode}")
    public TerminalCopyOf barcode(@PathVariable("barcode") String barcode) {
        CatalogController.CopyFound found = CatalogController.findCopy(index, barcode);
        List<CanonicalRecord> members = works.members(found.record().workIdOrSelf());
        List<Copy> copies = availability.copies(members);
        Copy copy = copies.stream().filter(c -> c.barcode().map(IndexFields::barcodeKey)
                .filter(found.key()::equals).isPresent()).findFirst().orElseThrow(
                        () -> new NotFoundException("no copy with barcode '" + barcode + "'"));
        TerminalWork work = summarise(members, copies).get(found.record().workIdOrSelf());
        return new TerminalCopyOf(TerminalCopy.of(copy), work);
    }

    /**
     * {@code GET /api/terminal/availability?work=<id>&at=<branch>}: every copy of the work, those at the terminal's
     * branch first, then its library's others, then the rest.
     */
    @GetMapping("/api/terminal/availability")
    public TerminalAvailability availability(@RequestParam("work") String workId,
            @RequestParam(name = "at", required = false) String at) {
        AvailabilityController.checkAt(at);
        List<RecordHoldings> members = workId == null || workId.isBlank() ? List.of()
                : works.holdingsOfAll(List.of(workId));
        if (members.isEmpty()) {
            throw new NotFoundException("no work with id '" + workId + "'");
        }
        List<Copy> copies = availability.copiesOf(members);
        if (at != null && !at.isBlank()) {
            copies = AvailabilityLookup.placeFirst(copies, at);
        }
        return new TerminalAvailability(workId, Optional.ofNullable(at).map(String::strip).filter(a -> !a.isEmpty()),
                copies.stream().map(TerminalCopy::of).toList());
    }

    private Map<String, TerminalWork> summarise(List<CanonicalRecord> members) {
        return summarise(members, availability.copies(members));
    }

    /** Per work: its best-described record's title, creator, year and kind, with counts of its copies. */
    private static Map<String, TerminalWork> summarise(List<CanonicalRecord> members, List<Copy> copies) {
        Map<String, CanonicalRecord> first = new HashMap<>();
        for (CanonicalRecord r : members) {
            first.putIfAbsent(r.workIdOrSelf(), r);
        }
        Map<String, int[]> counts = count(members.stream().map(RecordHoldings::of).toList(), copies);
        Map<String, TerminalWork> byWork = new HashMap<>();
        first.forEach((work, r) -> {
            int[] c = counts.getOrDefault(work, new int[3]);
            byWork.put(work, new TerminalWork(work, r.title(), r.creators().stream().map(cr -> cr.name()).findFirst(),
                    r.year(), r.kind().facetValue(), c[0], c[1], c[2]));
        });
        return byWork;
    }

    /** Per work: its copies, those available and those of unknown status. */
    private static Map<String, int[]> count(List<RecordHoldings> members, List<Copy> copies) {
        Map<String, String> workOfRecord = new HashMap<>();
        for (RecordHoldings r : members) {
            workOfRecord.put(r.id(), r.workIdOrSelf());
        }
        Map<String, int[]> counts = new HashMap<>();
        for (Copy copy : copies) {
            int[] c = counts.computeIfAbsent(workOfRecord.get(copy.record()), w -> new int[3]);
            c[0]++;
            c[1] += copy.status().equals(AVAILABLE) ? 1 : 0;
            c[2] += copy.status().equals(Copy.UNKNOWN) ? 1 : 0;
        }
        return counts;
    }

    /**
     * A work on a terminal's screen.
     *
     * @param id the work id (for {@code /api/terminal/availability?work=})
     * @param holdings its copies in every library
     * @param available those that can be borrowed now
     * @param unknown those whose library did not answer (down, slow, or no status service)
     */
    public record TerminalWork(String id, String title, Optional<String> creator, Optional<Integer> year, String kind,
            int holdings, int available, int unknown) {}

    /** @param total matching works */
    public record TerminalSearch(long total, int page, int size, List<TerminalWork> hits) {}

    /** @param isbn the ISBN-13 looked up */
    public record TerminalWorks(String isbn, List<TerminalWork> works) {}

    /** A scanned copy and its work. */
    public record TerminalCopyOf(TerminalCopy copy, TerminalWork work) {}

    /** @param at the terminal's place, whose copies come first */
    public record TerminalAvailability(String work, Optional<String> at, List<TerminalCopy> copies) {}

    /**
     * One copy, compact.
     *
     * @param status {@code available}, {@code on_loan}, {@code in_transit}, {@code unavailable} or {@code unknown}
     * @param detail why it is unknown, or the library's own word
     */
    public record TerminalCopy(String library, Optional<String> branch, Optional<String> callNumber,
            Optional<String> barcode, String status, Optional<LocalDate> due, Optional<String> servicePoint,
            Optional<String> detail) {

        static TerminalCopy of(Copy copy) {
            return new TerminalCopy(copy.library(), copy.location(), copy.callNumber(), copy.barcode(), copy.status(),
                    copy.dueDate(), copy.servicePoint(), copy.detail());
        }
    }
}
