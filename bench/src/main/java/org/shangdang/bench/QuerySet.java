package org.shangdang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.shangdang.fixtures.generate.city.CityCatalog;
import org.shangdang.fixtures.generate.city.CityLibrary;
import org.shangdang.fixtures.generate.city.CityRecord;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.analysis.Pinyin;

/**
 * The benchmark's query set, drawn from a {@link CityCatalog}: what readers of the city's libraries type, in the
 * shares of {@link Kind} (documented in {@code bench/README.md}). Query {@code i} depends only on the catalogue
 * and the seed, so the same catalogue and seed give the same queries in the same order.
 *
 * <p>Immutable and thread-safe.
 */
final class QuerySet {

    /** What a query is; {@code percent} is its share of the set. */
    enum Kind {
        WORD(26, "a 2–4 character word of a title or subject (上党梆子, 史话)"),
        TITLE_FRAGMENT(6, "2–4 consecutive characters of a title, wherever they fall"),
        TWO_WORDS(8, "two words of one record, space-separated (all must match)"),
        PHRASE(6, "3–6 characters of a title in double quotes"),
        TRADITIONAL(8, "a word in traditional characters (長治, 上黨梆子)"),
        PINYIN(6, "a word's full pinyin run together (shangdangbangzi)"),
        INITIALS(4, "a word's pinyin initials (sdbz)"),
        ISBN13(4, "an ISBN-13, digits only"),
        ISBN13_HYPHENATED(3, "an ISBN-13 with hyphens"),
        ISBN10(3, "an ISBN-10, hyphenated or not"),
        CREATOR(8, "a creator's name"),
        FACETED(10, "a facet filter (county, library, kind, year or source), with a word or blank text"),
        PAGED(6, "a frequent word, page 2–5"),
        NO_HIT(2, "text no record holds");

        final int percent;
        final String description;

        Kind(int percent, String description) {
            this.percent = percent;
            this.description = description;
        }
    }

    /**
     * One query.
     *
     * @param kind    what it stands for
     * @param text    the query text as typed
     * @param filters facet filters, empty for none
     * @param page    1-based page of 10 hits
     */
    record BenchQuery(Kind kind, String text, Map<Facet, List<String>> filters, int page) {

        BenchQuery {
            filters = Map.copyOf(filters);
        }

        SearchQuery toSearchQuery() {
            return new SearchQuery(text, filters, page, PAGE_SIZE);
        }

        /** The query string of {@code GET /api/search}. */
        String urlQuery() {
            StringBuilder query = new StringBuilder("q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
            filters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(filter -> filter.getValue().forEach(v ->
                    query.append('&').append(filter.getKey().param()).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
            if (page > 1) {
                query.append("&page=").append(page);
            }
            return query.toString();
        }
    }

    static final int PAGE_SIZE = 10;
    private static final List<String> NO_HIT_TEXT = List.of("量子纠缠", "火星殖民", "冰岛火山", "企鹅迁徙", "北极光摄影",
            "珊瑚礁生态", "撒哈拉沙漠", "亚马孙雨林", "xqzvw", "9780000000002");
    private static final List<String> FREQUENT = List.of("长治", "研究", "上党", "太行", "故事", "史话", "教程", "山西");
    private static final int ATTEMPTS = 200;

    private final List<BenchQuery> queries;

    private QuerySet(List<BenchQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /**
     * {@code count} queries from the catalogue's records.
     *
     * @param seed any value; the same catalogue and seed give the same list
     */
    static QuerySet generate(CityCatalog catalog, int count, long seed) {
        List<BenchQuery> queries = new ArrayList<>(count);
        int total = 0;
        for (Kind kind : Kind.values()) {
            total += kind.percent;
        }
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int draw = r.nextInt(total);
            Kind kind = Kind.WORD;
            for (Kind k : Kind.values()) {
                draw -= k.percent;
                if (draw < 0) {
                    kind = k;
                    break;
                }
            }
            queries.add(query(kind, catalog, r));
        }
        return new QuerySet(queries);
    }

    List<BenchQuery> queries() {
        return queries;
    }

    int size() {
        return queries.size();
    }

    /** Queries per kind, in {@link Kind} order. */
    Map<Kind, Long> countByKind() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        queries.forEach(q -> counts.merge(q.kind(), 1L, Long::sum));
        return counts;
    }

    /** Writes one query per line: kind, text, filters, page, and the URL query string. */
    void writeTsv(Path file) {
        StringBuilder tsv = new StringBuilder("kind\ttext\tfilters\tpage\turl_query\n");
        for (BenchQuery q : queries) {
            tsv.append(q.kind()).append('\t').append(q.text()).append('\t').append(q.filters()).append('\t')
                    .append(q.page()).append('\t').append(q.urlQuery()).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, tsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query set to " + file + ": " + e.getMessage(), e);
        }
    }

    private static BenchQuery query(Kind kind, CityCatalog catalog, SplittableRandom r) {
        return switch (kind) {
            case WORD -> plain(kind, word(catalog, r, w -> true));
            case TITLE_FRAGMENT -> plain(kind, fragment(record(catalog, r).title(), 2 + r.nextInt(3), r));
            case TWO_WORDS -> {
                CityRecord record = record(catalog, r);
                String first = shortWord(record.keywords().get(0), r);
                String second = record.keywords().size() > 1 ? shortWord(record.keywords().get(1), r)
                        : record.subjects().get(0).split("--")[0];
                yield plain(kind, first + " " + second);
            }
            case PHRASE -> plain(kind, "\"" + fragment(record(catalog, r).title(), 3 + r.nextInt(4), r) + "\"");
            case TRADITIONAL -> {
                String word = word(catalog, r, w -> !catalog.corpus().script().toTraditional(w).equals(w));
                yield plain(kind, catalog.corpus().script().toTraditional(word));
            }
            case PINYIN -> plain(kind, pinyin(word(catalog, r, QuerySet::allHan)).joined().get(0));
            case INITIALS -> plain(kind, pinyin(word(catalog, r, w -> allHan(w) && w.length() >= 2)).initials().get(0));
            case ISBN13 -> isbn(kind, catalog, r, i -> i.length() == 13);
            case ISBN13_HYPHENATED -> isbn(kind, catalog, r, i -> i.length() == 17);
            case ISBN10 -> isbn(kind, catalog, r, i -> i.replace("-", "").length() == 10);
            case CREATOR -> plain(kind, record(catalog, r).creators().get(0).name());
            case FACETED -> faceted(catalog, r);
            case PAGED -> new BenchQuery(kind, FREQUENT.get(r.nextInt(FREQUENT.size())), Map.of(), 2 + r.nextInt(4));
            case NO_HIT -> plain(kind, NO_HIT_TEXT.get(r.nextInt(NO_HIT_TEXT.size())));
        };
    }

    private static BenchQuery plain(Kind kind, String text) {
        return new BenchQuery(kind, text, Map.of(), 1);
    }

    private static CityRecord record(CityCatalog catalog, SplittableRandom r) {
        return catalog.record(r.nextLong(catalog.size()));
    }

    /** A keyword of a random record meeting the test, cut to at most 4 characters as readers type. */
    private static String word(CityCatalog catalog, SplittableRandom r, Predicate<String> test) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<String> keywords = record(catalog, r).keywords();
            String word = shortWord(keywords.get(r.nextInt(keywords.size())), r);
            if (test.test(word)) {
                return word;
            }
        }
        return "长治";
    }

    private static String shortWord(String keyword, SplittableRandom r) {
        return keyword.length() <= 4 ? keyword : keyword.substring(0, 2 + r.nextInt(3));
    }

    /** {@code length} consecutive characters of the title, fewer when it is shorter. */
    private static String fragment(String title, int length, SplittableRandom r) {
        if (title.length() <= length) {
            return title;
        }
        int start = r.nextInt(title.length() - length + 1);
        return title.substring(start, start + length);
    }

    private static Pinyin.Forms pinyin(String word) {
        return Pinyin.of(word).orElseThrow(() -> new IllegalStateException("no pinyin for " + word));
    }

    private static boolean allHan(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    /** An ISBN as some record catalogues it, in the form asked for; a no-hit query when none is found. */
    private static BenchQuery isbn(Kind kind, CityCatalog catalog, SplittableRandom r, Predicate<String> form) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> isbn = record(catalog, r).isbn();
            if (isbn.isPresent() && form.test(isbn.get())) {
                return plain(kind, isbn.get());
            }
        }
        return plain(Kind.NO_HIT, NO_HIT_TEXT.get(NO_HIT_TEXT.size() - 1));
    }

    private static BenchQuery faceted(CityCatalog catalog, SplittableRandom r) {
        CityRecord record = record(catalog, r);
        Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
        switch (r.nextInt(5)) {
            case 0 -> filters.put(Facet.COUNTY, List.of(CityLibrary.ALL.get(1 + r.nextInt(12)).county().orElseThrow()));
            case 1 -> filters.put(Facet.LIBRARY, List.of(record.library().name()));
            case 2 -> filters.put(Facet.KIND, List.of(r.nextInt(4) == 0 ? "rare_book" : "book"));
            case 3 -> filters.put(Facet.YEAR, List.of(String.valueOf(record.year())));
            default -> filters.put(Facet.SOURCE, List.of(record.sourceId()));
        }
        String text = r.nextInt(10) < 3 ? "" : shortWord(record.keywords().get(0), r);
        return new BenchQuery(Kind.FACETED, text, filters, 1);
    }
}
