package org.shangdang.api.sru;

import java.time.Year;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.indexer.analysis.Isbns;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;

/**
 * Runs a CQL query on the {@link SearchIndex}.
 *
 * <p>What the search contract ({@link SearchQuery}: words and phrases that must all match anywhere, plus facet
 * filters) can say is sent to it as is, and paged there:
 * <ul>
 *   <li>{@code cql.serverChoice}, {@code cql.anywhere}, {@code cql.keywords} (and a bare term) with {@code =} or
 *       {@code all}: every word; {@code adj}: the phrase; {@code any}: one of the words (an {@code or}).
 *   <li>{@code dc.date} {@code =}/{@code ==} a year: the year facet; {@code <}, {@code <=}, {@code >},
 *       {@code >=}, {@code within "y1 y2"}: the years as a facet filter when at most
 *       {@link SearchLimits#MAX_FILTER_VALUES}, else a check of each candidate's year.
 *   <li>{@code cql.allRecords = 1}: every record.
 * </ul>
 * What it cannot say is narrowed here: {@code dc.title}, {@code dc.creator}, {@code dc.subject} search the words
 * everywhere, then keep the records whose field holds them (the catalogued characters, folded as the index folds
 * them: traditional = simplified, full-width = half-width, case; pinyin is not matched in a fielded search);
 * {@code ==} keeps a field value equal to the term; {@code bath.isbn} keeps records with that ISBN (10 or 13 digits,
 * hyphens ignored). {@code or} and {@code not} (and {@code and} of narrowed parts) combine result sets. Such a
 * query reads at most {@link SearchLimits#MAX_WINDOW} candidates per part; more is diagnostic 60 (too many
 * matching records). Ranking is by relevance for a query the index runs whole, else by the order of the
 * candidates of the leftmost part.
 *
 * <p>Diagnostics: unknown context set 15, unknown index 16, relation not supported for the index 19, unsupported
 * relation modifier 20 (only {@code relevant}, {@code ignoreCase}, {@code ignoreAccents} are accepted: the index
 * folds case and width anyway), empty term 27, masking ({@code *}, {@code ?}) 28, anchoring ({@code ^}) 31, a
 * date or ISBN that is not one 36, {@code prox} 37, a boolean modifier 46. Thread-safe.
 */
public final class CqlSearch {

    private static final int PAGE = SearchQuery.MAX_SIZE;
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(-\\d{2}(-\\d{2})?)?");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{4})\\s+(\\d{4})\\s*");
    private static final Set<String> ACCEPTED_MODIFIERS = Set.of("relevant", "ignorecase", "ignoreaccents");
    private static final Set<String> CONTEXT_SETS = Set.of("cql", "dc", "bath");

    private final SearchIndex index;

    public CqlSearch(SearchIndex index) {
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * One page of a query's result.
     *
     * @param total how many records match
     * @param ids the canonical ids of the records from {@code startRecord}, at most {@code maximumRecords}
     */
    public record Result(long total, List<String> ids) {
        public Result {
            ids = List.copyOf(ids);
        }
    }

    /**
     * @param startRecord 1-based position of the first record to return
     * @param maximumRecords how many at most, 0 to count only
     * @throws SruDiagnostic when the query cannot be run as asked
     */
    public Result search(CqlNode query, int startRecord, int maximumRecords) {
        Plan plan = plan(query);
        try {
            if (plan instanceof Conjunct c && c.checks().isEmpty()) {
                return direct(c, startRecord, maximumRecords);
            }
            List<String> ids = new ArrayList<>(evaluate(plan));
            int from = Math.min(ids.size(), startRecord - 1);
            int to = Math.min(ids.size(), from + maximumRecords);
            return new Result(ids.size(), ids.subList(from, to));
        } catch (InvalidQueryException e) {
            throw new SruDiagnostic(SruDiagnostic.QUERY_SYNTAX_ERROR, "", "the index cannot run this query: "
                    + e.getMessage());
        }
    }

    private Result direct(Conjunct c, int startRecord, int maximumRecords) {
        if (c.none()) {
            return new Result(0, List.of());
        }
        if (maximumRecords == 0) {
            return new Result(index.search(query(c, 1, 1)).total(), List.of());
        }
        int first = startRecord - 1;
        int last = Math.min(first + maximumRecords, SearchLimits.MAX_WINDOW) - 1;
        if (first > last) {
            long total = index.search(query(c, 1, 1)).total();
            if (startRecord > total) {
                return new Result(total, List.of());
            }
            throw new SruDiagnostic(SruDiagnostic.FIRST_RECORD_OUT_OF_RANGE, String.valueOf(startRecord),
                    "records beyond position " + SearchLimits.MAX_WINDOW + " cannot be retrieved; narrow the query");
        }
        List<String> ids = new ArrayList<>();
        long total = 0;
        for (int page = first / PAGE + 1; page <= last / PAGE + 1; page++) {
            SearchResult result = index.search(query(c, page, PAGE));
            total = result.total();
            List<SearchResult.Hit> hits = result.hits();
            for (int i = 0; i < hits.size(); i++) {
                int position = (page - 1) * PAGE + i;
                if (position >= first && position <= last) {
                    ids.add(hits.get(i).id());
                }
            }
            if (hits.size() < PAGE) {
                break;
            }
        }
        return new Result(total, ids);
    }

    private Set<String> evaluate(Plan plan) {
        if (plan instanceof Conjunct c) {
            return candidates(c);
        }
        if (plan instanceof Union u) {
            Set<String> ids = evaluate(u.left());
            ids.addAll(evaluate(u.right()));
            return ids;
        }
        if (plan instanceof Intersection i) {
            Set<String> ids = evaluate(i.left());
            ids.retainAll(evaluate(i.right()));
            return ids;
        }
        Difference d = (Difference) plan;
        Set<String> ids = evaluate(d.left());
        ids.removeAll(evaluate(d.right()));
        return ids;
    }

    /** The ids matching a conjunct, in rank order, checks applied; at most {@link SearchLimits#MAX_WINDOW} candidates. */
    private Set<String> candidates(Conjunct c) {
        Set<String> ids = new LinkedHashSet<>();
        if (c.none()) {
            return ids;
        }
        for (int page = 1; ; page++) {
            SearchResult result = index.search(query(c, page, PAGE));
            if (result.total() > SearchLimits.MAX_WINDOW) {
                throw new SruDiagnostic(SruDiagnostic.TOO_MANY_MATCHING_RECORDS, String.valueOf(SearchLimits.MAX_WINDOW),
                        "a part of the query that the index cannot run whole matches " + result.total()
                                + " records, more than " + SearchLimits.MAX_WINDOW + " can be narrowed; add words");
            }
            for (SearchResult.Hit hit : result.hits()) {
                if (c.checks().isEmpty()) {
                    ids.add(hit.id());
                } else {
                    index.get(hit.id()).filter(r -> c.checks().stream().allMatch(check -> check.test(r)))
                            .ifPresent(r -> ids.add(r.id()));
                }
            }
            if (result.hits().size() < PAGE || (long) page * PAGE >= result.total()) {
                return ids;
            }
        }
    }

    private static SearchQuery query(Conjunct c, int page, int size) {
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        c.filters().forEach((facet, values) -> filters.put(facet, List.copyOf(values)));
        return new SearchQuery(String.join(" ", c.parts()), filters, page, size);
    }

    // ---- translation --------------------------------------------------------------------------------------

    private Plan plan(CqlNode node) {
        if (node instanceof CqlNode.Clause clause) {
            return clause(clause);
        }
        CqlNode.Bool bool = (CqlNode.Bool) node;
        if (bool.op() == CqlNode.Op.PROX) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_BOOLEAN, "prox", "proximity is not supported");
        }
        if (!bool.modifiers().isEmpty()) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_BOOLEAN_MODIFIER, bool.modifiers().get(0).name(),
                    "boolean modifiers are not supported");
        }
        Plan left = plan(bool.left());
        Plan right = plan(bool.right());
        return switch (bool.op()) {
            case AND -> left instanceof Conjunct l && right instanceof Conjunct r ? l.and(r) : new Intersection(left, right);
            case OR -> new Union(left, right);
            default -> new Difference(left, right);
        };
    }

    private Plan clause(CqlNode.Clause clause) {
        String index = clause.index();
        int dot = index.indexOf('.');
        String set = dot < 0 ? "dc" : index.substring(0, dot);
        String name = dot < 0 ? index : index.substring(dot + 1);
        if (!CONTEXT_SETS.contains(set)) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_CONTEXT_SET, set, "context set " + set
                    + " is not supported; use cql, dc or bath");
        }
        for (CqlNode.Modifier modifier : clause.modifiers()) {
            if (!ACCEPTED_MODIFIERS.contains(modifier.name())) {
                throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RELATION_MODIFIER, modifier.name(),
                        "relation modifier /" + modifier.name() + " is not supported");
            }
        }
        String relation = clause.relation().equals("exact") ? "==" : clause.relation();
        String qualified = set + "." + name;
        if (qualified.equals("cql.allrecords")) {
            return Conjunct.ALL;
        }
        if (clause.masked()) {
            throw new SruDiagnostic(SruDiagnostic.MASKING_NOT_SUPPORTED, clause.term(), "masking characters (* and ?)"
                    + " are not supported; escape them with \\ to search them literally");
        }
        if (clause.anchored()) {
            throw new SruDiagnostic(SruDiagnostic.ANCHORING_NOT_SUPPORTED, clause.term(), "anchoring (^) is not supported");
        }
        if (clause.term().isBlank()) {
            throw new SruDiagnostic(SruDiagnostic.EMPTY_TERM, "", "an empty term is not supported");
        }
        return switch (qualified) {
            case "cql.serverchoice", "cql.anywhere", "cql.keywords" -> text(qualified, relation, clause.term(), Optional.empty());
            case "dc.title" -> text(qualified, relation, clause.term(), Optional.of(CqlSearch::titles));
            case "dc.creator" -> text(qualified, relation, clause.term(),
                    Optional.of(r -> r.creators().stream().map(Creator::name).toList()));
            case "dc.subject" -> text(qualified, relation, clause.term(), Optional.of(CanonicalRecord::subjects));
            case "dc.date" -> date(relation, clause.term());
            case "bath.isbn" -> isbn(relation, clause.term());
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_INDEX, qualified, "index " + qualified
                    + " is not supported; use cql.serverChoice, cql.anywhere, dc.title, dc.creator, dc.subject,"
                    + " dc.date or bath.isbn");
        };
    }

    private static Plan text(String index, String relation, String term, Optional<Function<CanonicalRecord, List<String>>> field) {
        List<String> words = words(term);
        if (words.isEmpty()) {
            throw new SruDiagnostic(SruDiagnostic.EMPTY_TERM, term, "the term has no searchable characters");
        }
        return switch (relation) {
            case "=", "all" -> new Conjunct(words, Map.of(), field.map(f -> List.of(containsAll(f, words))).orElse(List.of()));
            case "any" -> words.stream()
                    .<Plan>map(w -> new Conjunct(List.of(w), Map.of(), field.map(f -> List.of(containsAll(f, List.of(w))))
                            .orElse(List.of())))
                    .reduce(Union::new).orElseThrow();
            case "adj" -> new Conjunct(List.of(phrase(words)), Map.of(),
                    field.map(f -> List.of(containsPhrase(f, String.join("", words)))).orElse(List.of()));
            case "==" -> {
                if (field.isEmpty()) {
                    throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RELATION, relation, "relation == (exact) needs"
                            + " a field: use dc.title, dc.creator or dc.subject; " + index + " supports =, all, any, adj");
                }
                yield new Conjunct(List.of(phrase(words)), Map.of(), List.of(equalsValue(field.get(), term)));
            }
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RELATION, relation, "relation " + relation
                    + " is not supported for " + index + "; use =, all, any, adj" + (field.isPresent() ? " or ==" : ""));
        };
    }

    private static Plan date(String relation, String term) {
        if (relation.equals("within")) {
            Matcher m = RANGE.matcher(term);
            if (!m.matches()) {
                throw new SruDiagnostic(SruDiagnostic.INVALID_TERM_FORMAT, term, "dc.date within needs two years,"
                        + " e.g. \"1990 2000\"; got: " + term);
            }
            return years(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        Matcher m = YEAR.matcher(term.strip());
        if (!m.matches()) {
            throw new SruDiagnostic(SruDiagnostic.INVALID_TERM_FORMAT, term, "dc.date takes a year (YYYY, or a date"
                    + " YYYY-MM-DD of which the year is used); got: " + term);
        }
        int year = Integer.parseInt(m.group(1));
        return switch (relation) {
            case "=", "==" -> years(year, year);
            case "<" -> years(Integer.MIN_VALUE, year - 1);
            case "<=" -> years(Integer.MIN_VALUE, year);
            case ">" -> years(year + 1, Integer.MAX_VALUE);
            case ">=" -> years(year, Integer.MAX_VALUE);
            default -> throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RELATION, relation, "relation " + relation
                    + " is not supported for dc.date; use =, ==, <, <=, >, >= or within");
        };
    }

    /** Years in [low, high]: a year filter when they are few and bounded, else a check of each record's year. */
    private static Plan years(int low, int high) {
        int latest = Year.now().getValue() + 1;
        int from = Math.max(low, 0);
        int to = Math.min(high, latest);
        if (from > to) {
            return Conjunct.NONE;
        }
        if (low != Integer.MIN_VALUE && to - from + 1 <= SearchLimits.MAX_FILTER_VALUES) {
            Set<String> values = new LinkedHashSet<>();
            for (int y = from; y <= to; y++) {
                values.add(String.valueOf(y));
            }
            return new Conjunct(List.of(), Map.of(Facet.YEAR, values), List.of());
        }
        Check inRange = new Check(r -> r.year().map(y -> y >= low && y <= high).orElse(false));
        return new Conjunct(List.of(), Map.of(), List.of(inRange));
    }

    private static Plan isbn(String relation, String term) {
        if (!Set.of("=", "==", "all", "any", "adj").contains(relation)) {
            throw new SruDiagnostic(SruDiagnostic.UNSUPPORTED_RELATION, relation, "relation " + relation
                    + " is not supported for bath.isbn; use = or ==");
        }
        String normalised = Isbns.normalise(term);
        if (normalised.length() != 10 && normalised.length() != 13) {
            throw new SruDiagnostic(SruDiagnostic.INVALID_TERM_FORMAT, term, "bath.isbn takes an ISBN of 10 or 13"
                    + " digits; got: " + term);
        }
        Set<String> wanted = new HashSet<>();
        wanted.add(normalised);
        Isbns.toIsbn13(normalised).ifPresent(wanted::add);
        Check has = new Check(r -> r.isbns().stream().map(Isbns::normalise)
                .flatMap(i -> Stream.concat(Stream.of(i), Isbns.toIsbn13(i).stream()))
                .anyMatch(wanted::contains));
        return new Conjunct(List.of(normalised), Map.of(), List.of(has));
    }

    private static List<String> titles(CanonicalRecord r) {
        List<String> titles = new ArrayList<>();
        titles.add(r.title());
        titles.addAll(r.parallelTitles());
        titles.addAll(r.otherTitles());
        return titles;
    }

    /** The term's words; quotes are dropped since they would change the meaning of the index's query text. */
    private static List<String> words(String term) {
        return Stream.of(term.replaceAll("[\"“”＂]", " ").strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static String phrase(List<String> words) {
        return "\"" + String.join(" ", words) + "\"";
    }

    private static Check containsAll(Function<CanonicalRecord, List<String>> field, List<String> words) {
        List<String> folded = words.stream().map(CqlSearch::fold).toList();
        return new Check(r -> {
            String values = field.apply(r).stream().map(CqlSearch::fold).collect(Collectors.joining("\u0000"));
            return folded.stream().allMatch(values::contains);
        });
    }

    private static Check containsPhrase(Function<CanonicalRecord, List<String>> field, String phrase) {
        String folded = fold(phrase);
        return new Check(r -> field.apply(r).stream().map(CqlSearch::fold).anyMatch(v -> v.contains(folded)));
    }

    private static Check equalsValue(Function<CanonicalRecord, List<String>> field, String term) {
        String folded = fold(term);
        return new Check(r -> field.apply(r).stream().map(CqlSearch::fold).anyMatch(folded::equals));
    }

    /** Folded as the index folds (case, width, traditional → simplified), white space removed. */
    private static String fold(String text) {
        return ChineseFolding.fold(text).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    // ---- plans --------------------------------------------------------------------------------------------

    private sealed interface Plan permits Conjunct, Union, Intersection, Difference {}

    /** Words/phrases that must all match, facet filters, checks on the record; {@code none} matches nothing. */
    private record Conjunct(List<String> parts, Map<Facet, Set<String>> filters, List<Check> checks, boolean none)
            implements Plan {

        static final Conjunct ALL = new Conjunct(List.of(), Map.of(), List.of());
        static final Conjunct NONE = new Conjunct(List.of(), Map.of(), List.of(), true);

        Conjunct(List<String> parts, Map<Facet, Set<String>> filters, List<Check> checks) {
            this(parts, filters, checks, false);
        }

        Conjunct {
            parts = List.copyOf(parts);
            filters = Map.copyOf(filters);
            checks = List.copyOf(checks);
        }

        Conjunct and(Conjunct other) {
            Map<Facet, Set<String>> merged = new LinkedHashMap<>(filters);
            boolean empty = none || other.none;
            for (Map.Entry<Facet, Set<String>> f : other.filters.entrySet()) {
                Set<String> mine = merged.get(f.getKey());
                if (mine == null) {
                    merged.put(f.getKey(), f.getValue());
                } else {
                    Set<String> both = new LinkedHashSet<>(mine);
                    both.retainAll(f.getValue());
                    empty |= both.isEmpty();
                    merged.put(f.getKey(), both);
                }
            }
            List<String> allParts = new ArrayList<>(parts);
            other.parts.stream().filter(p -> !allParts.contains(p)).forEach(allParts::add);
            List<Check> allChecks = new ArrayList<>(checks);
            allChecks.addAll(other.checks);
            return new Conjunct(allParts, merged, allChecks, empty);
        }
    }

    private record Union(Plan left, Plan right) implements Plan {}

    private record Intersection(Plan left, Plan right) implements Plan {}

    private record Difference(Plan left, Plan right) implements Plan {}

    private record Check(Predicate<CanonicalRecord> test) {
        boolean test(CanonicalRecord record) {
            return test.test(record);
        }
    }
}
