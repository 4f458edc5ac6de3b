package org.shangdang.api.works;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.shangdang.api.availability.Copy;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;

/**
 * One work of the union catalog merged from its records ({@code GET /api/catalog/works/{id}}): the best
 * description the records give, and every copy of every library, grouped by library and branch.
 *
 * <p>The description is the best record's (the one with the most of ISBN, creators, publisher, year, subjects,
 * classification and description; ties to the lower id), a field it lacks taken from the first other record that
 * has it. ISBNs, subjects, classifications and languages are the union of all records'; ISBNs as valid ISBN-13s.
 *
 * @param id the work id (its smallest record id)
 * @param best the record the description comes from
 * @param records the work's records, by id
 * @param holdingCount copies in all (those the records itemise)
 * @param libraryCount libraries holding the work: those with a copy, and those whose record lists no copies
 * @param libraries per library (in name order), its branches and how many copies each holds (0 when its record
 *     itemises none)
 * @param holdings every copy, by library, branch and call number
 * @param why how the records were clustered, when the clustering knows the work
 */
public record CatalogWork(
        String id,
        String title,
        List<Creator> creators,
        Optional<String> publisher,
        Optional<String> place,
        Optional<Integer> year,
        Optional<String> edition,
        Optional<String> volume,
        String kind,
        List<String> isbns,
        List<String> subjects,
        List<Classification> classifications,
        List<String> languages,
        Optional<String> description,
        String best,
        List<Member> records,
        int holdingCount,
        int libraryCount,
        List<LibraryHoldings> libraries,
        List<HoldingView> holdings,
        Optional<Why> why) {

    /** Orders copies by library, branch (unnamed last), call number and barcode. */
    private static final Comparator<HoldingView> SHELF_ORDER = Comparator.comparing(HoldingView::library)
            .thenComparing(h -> h.branch().orElse("\uffff"))
            .thenComparing(h -> h.callNumber().orElse(""))
            .thenComparing(h -> h.barcode().orElse(""));

    /**
     * @param records the work's records (at least one)
     * @param copies the records' copies with their live status, as {@link org.shangdang.api.availability.AvailabilityLookup}
     *     gives them
     */
    static CatalogWork of(String workId, List<CanonicalRecord> records, Optional<Explanation> why, List<Copy> copies) {
        List<CanonicalRecord> byId = records.stream().sorted(Comparator.comparing(CanonicalRecord::id)).toList();
        CanonicalRecord best = byId.stream().max(Comparator.comparingInt(CatalogWork::completeness)
                .thenComparing(CanonicalRecord::id, Comparator.reverseOrder())).orElseThrow();
        List<HoldingView> holdings = copies.stream().map(HoldingView::of).sorted(SHELF_ORDER).toList();
        Map<String, Map<Optional<String>, Integer>> perLibrary = new java.util.TreeMap<>();
        // A library whose record lists no copies still holds the work: its catalogue describes it.
        byId.forEach(r -> perLibrary.computeIfAbsent(r.library(), l -> new LinkedHashMap<>()));
        for (HoldingView h : holdings) {
            perLibrary.computeIfAbsent(h.library(), l -> new LinkedHashMap<>()).merge(h.branch(), 1, Integer::sum);
        }
        List<LibraryHoldings> libraries = new ArrayList<>();
        perLibrary.forEach((library, branches) -> libraries.add(new LibraryHoldings(library,
                branches.values().stream().mapToInt(Integer::intValue).sum(),
                branches.entrySet().stream().map(e -> new BranchHoldings(e.getKey(), e.getValue())).toList())));
        Set<String> isbns = new LinkedHashSet<>();
        byId.forEach(r -> r.isbns().forEach(i -> Isbns.isbn13(i).ifPresent(isbns::add)));
        return new CatalogWork(workId, best.title(),
                best.creators().isEmpty() ? first(byId, r -> r.creators().isEmpty() ? null : r.creators()).orElse(List.of())
                        : best.creators(),
                best.publisher().or(() -> first(byId, r -> r.publisher().orElse(null))),
                best.place().or(() -> first(byId, r -> r.place().orElse(null))),
                best.year().or(() -> first(byId, r -> r.year().orElse(null))),
                best.edition(), best.volume(), best.kind().facetValue(), List.copyOf(isbns),
                union(byId, CanonicalRecord::subjects), union(byId, CanonicalRecord::classifications),
                union(byId, CanonicalRecord::languages),
                best.description().or(() -> first(byId, r -> r.description().orElse(null))),
                best.id(), byId.stream().map(Member::of).toList(), holdings.size(), libraries.size(), libraries,
                holdings, why.map(Why::of));
    }

    /**
     * The merged work as one canonical record: the best record's, with every ISBN, subject, class and copy, and a
     * holding of the library alone for each library whose record itemises no copies.
     *
     * @param bestRecord the record {@link #best()} names
     * @param copies every copy the work's records list
     */
    public CanonicalRecord asRecord(CanonicalRecord bestRecord, List<Holding> copies) {
        List<Holding> allHoldings = new ArrayList<>(copies);
        libraries.stream().filter(l -> l.copies() == 0).forEach(l -> allHoldings.add(new Holding(l.library(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        return new CanonicalRecord(bestRecord.id(), bestRecord.sourceId(), bestRecord.recordId(), bestRecord.format(),
                bestRecord.kind(), title, bestRecord.parallelTitles(), bestRecord.otherTitles(), creators, publisher,
                place, year, isbns, languages, subjects, classifications, description, bestRecord.notes(), allHoldings,
                bestRecord.library(), bestRecord.county(), bestRecord.datestamp(), edition, volume,
                bestRecord.fingerprint(), bestRecord.themes(), bestRecord.genre(), bestRecord.media(), Optional.empty(),
                bestRecord.rights(), Optional.of(id), bestRecord.event(), bestRecord.duration());
    }

    private static int completeness(CanonicalRecord r) {
        int score = 0;
        score += r.isbns().isEmpty() ? 0 : 1;
        score += r.creators().isEmpty() ? 0 : 1;
        score += r.publisher().isPresent() ? 1 : 0;
        score += r.year().isPresent() ? 1 : 0;
        score += r.subjects().isEmpty() ? 0 : 1;
        score += r.classifications().isEmpty() ? 0 : 1;
        score += r.description().isPresent() ? 1 : 0;
        return score;
    }

    private static <T> Optional<T> first(List<CanonicalRecord> records, Function<CanonicalRecord, T> value) {
        return records.stream().map(value).filter(v -> v != null).findFirst();
    }

    private static <T> List<T> union(List<CanonicalRecord> records, Function<CanonicalRecord, List<T>> values) {
        Set<T> all = new LinkedHashSet<>();
        records.forEach(r -> all.addAll(values.apply(r)));
        return List.copyOf(all);
    }

    /** One record of the work. */
    public record Member(String id, String library, Optional<String> county, String title) {

        static Member of(CanonicalRecord r) {
            return new Member(r.id(), r.library(), r.county(), r.title());
        }
    }

    /** A library's copies of the work. */
    public record LibraryHoldings(String library, int copies, List<BranchHoldings> branches) {}

    /** A branch's (or service point's) copies; an empty branch means the records do not say where. */
    public record BranchHoldings(Optional<String> branch, int copies) {}

    /**
     * One copy.
     *
     * @param record the record that lists the copy
     * @param availability whether it can be borrowed now
     */
    public record HoldingView(
            String library,
            Optional<String> branch,
            Optional<String> callNumber,
            Optional<String> barcode,
            String record,
            Availability availability) {

        static HoldingView of(Copy copy) {
            return new HoldingView(copy.library(), copy.location(), copy.callNumber(), copy.barcode(), copy.record(),
                    new Availability(copy.status(), copy.dueDate(), copy.servicePoint(), copy.detail()));
        }
    }

    /**
     * @param status {@code available}, {@code on_loan}, {@code in_transit}, {@code unavailable} or {@code unknown}
     * @param detail the library's own word, or why the status is unknown (library down, slow, not configured)
     */
    public record Availability(String status, Optional<LocalDate> dueDate, Optional<String> servicePoint,
            Optional<String> detail) {}

    /** Why the records are one work: the links that joined them and the records kept apart. */
    public record Why(List<WorkResponse.Link> links, List<WorkResponse.KeptApart> keptApart) {

        static Why of(Explanation explanation) {
            return new Why(WorkResponse.links(explanation), WorkResponse.keptApart(explanation));
        }
    }
}
