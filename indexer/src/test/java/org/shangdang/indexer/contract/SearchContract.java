package org.shangdang.indexer.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.indexer.analysis.ChineseFolding;
import org.shangdang.record.CanonicalRecord;

/**
 * The search contract every engine must keep, checked on {@link ContractFixture}: what readers are
 * promised (traditional = simplified, phrases, ISBNs, facets that ignore their own filter, stable
 * paging, highlights of the text as catalogued, refused queries). {@link EnginesAgreeIT} checks that
 * the engines answer every {@link ContractQueries} query alike. Subclasses open the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchContract {

    private SearchIndex index;

    /** Opens an empty index of the engine under test. */
    protected abstract SearchIndex openEmptyIndex();

    /** Closes the index and removes what it stored. */
    protected abstract void closeAndRemove(SearchIndex index) throws IOException;

    @BeforeAll
    void indexTheFixture() {
        index = openEmptyIndex();
        index.upsert(ContractFixture.records());
        index.commit();
    }

    @AfterAll
    void removeTheIndex() throws IOException {
        if (index != null) {
            closeAndRemove(index);
        }
    }

    static Set<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::id).collect(Collectors.toSet());
    }

    private SearchResult search(String q) {
        return index.search(new SearchQuery(q, Map.of(), 1, SearchQuery.MAX_SIZE));
    }

    private SearchResult search(String q, Map<Facet, List<String>> filters) {
        return index.search(new SearchQuery(q, filters, 1, SearchQuery.MAX_SIZE));
    }

    private static long count(SearchResult result, Facet facet, String value) {
        return result.facets().get(facet).stream().filter(c -> c.value().equals(value))
                .mapToLong(SearchResult.FacetCount::count).findFirst().orElse(0);
    }

    private List<String> lookedUp(Lookup lookup) {
        return index.lookup(lookup).stream().map(CanonicalRecord::id).toList();
    }

    @Test
    void aBarcodeFindsTheRecordOfItsCopyWhateverTheCaseAndSpaces() {
        assertThat(lookedUp(Lookup.barcode("C0003", 10))).containsExactly("changzhi-city:2");
        assertThat(lookedUp(Lookup.barcode(" c 0003 ", 10))).containsExactly("changzhi-city:2");
        assertThat(lookedUp(Lookup.barcode("１４０４２９０００１８０２", 10))).containsExactly("wuxiang:4");
        assertThat(lookedUp(Lookup.barcode("C000", 10))).as("a barcode matches whole, never as a prefix").isEmpty();
    }

    @Test
    void aCallNumberPrefixFindsTheLibrarysCopiesOnly() {
        assertThat(lookedUp(Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K292.53", 10)))
                .containsExactly("changzhi-city:2");
        assertThat(lookedUp(Lookup.callNumberPrefix("长子县图书馆", "k292.53", 10))).containsExactly("zhangzi:3");
        assertThat(lookedUp(Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K", 10)))
                .containsExactly("changzhi-city:10", "changzhi-city:2");
        assertThat(lookedUp(Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K265", 10)))
                .as("武乡's K265.4/12 is not on the city library's shelves").isEmpty();
    }

    @Test
    void anIsbnFindsItsRecordInEitherForm() {
        assertThat(lookedUp(Lookup.isbn("7-5440-1234-X", 10))).containsExactly("changzhi-city:1");
        assertThat(lookedUp(Lookup.isbn("9787544012348", 10))).containsExactly("changzhi-city:1");
        assertThat(lookedUp(Lookup.isbn("978-7-203-07654-3", 10))).containsExactly("changzhi-city:2");
        assertThat(lookedUp(Lookup.isbn("9787203076540", 10))).isEmpty();
    }

    @Test
    void aWorkLookupListsItsRecordsByIdUpToTheLimit() {
        assertThat(lookedUp(Lookup.works(List.of("work:shangdang-bangzi-jumu", "work:shen-jilan"), 10)))
                .containsExactly("changzhi-city:24", "changzhi-city:3", "pingshun:3", "shangdang-opera:1",
                        "shangdang-opera:2");
        assertThat(lookedUp(Lookup.works(List.of("work:shangdang-bangzi-jumu"), 2)))
                .containsExactly("changzhi-city:3", "shangdang-opera:1");
        assertThat(lookedUp(Lookup.works(List.of("changzhi-city:5"), 10))).as("a record alone is its own work")
                .containsExactly("changzhi-city:5");
    }

    @Test
    void aWorksCopiesComeBackAsCataloguedWithoutTheirRecords() {
        Lookup works = Lookup.works(List.of("work:shangdang-bangzi-jumu", "work:shen-jilan"), 10);
        Map<String, CanonicalRecord> catalogued = ContractFixture.records().stream()
                .collect(Collectors.toMap(CanonicalRecord::id, r -> r));

        List<RecordHoldings> ofWorks = index.holdings(works);
        List<RecordHoldings> shelved = index.holdings(Lookup.callNumberPrefix(ContractFixture.CITY_LIBRARY, "K", 10));

        assertThat(ofWorks).extracting(RecordHoldings::id).containsExactly("changzhi-city:24", "changzhi-city:3",
                "pingshun:3", "shangdang-opera:1", "shangdang-opera:2");
        assertThat(ofWorks).allSatisfy(h -> assertThat(h).isEqualTo(RecordHoldings.of(catalogued.get(h.id()))));
        assertThat(ofWorks).extracting(RecordHoldings::workIdOrSelf).containsOnly("work:shangdang-bangzi-jumu",
                "work:shen-jilan");
        assertThat(shelved).extracting(RecordHoldings::id).containsExactly("changzhi-city:10", "changzhi-city:2");
        assertThat(shelved).allSatisfy(h -> {
            assertThat(h.holdings()).as("copies of %s", h.id()).isNotEmpty();
            assertThat(h).isEqualTo(RecordHoldings.of(catalogued.get(h.id())));
        });
        assertThat(index.holdings(Lookup.barcode("C000", 10))).as("no copy, no entry").isEmpty();
    }

    @Test
    void holdsEveryFixtureRecordAsCatalogued() {
        assertThat(index.count()).isEqualTo(ContractFixture.SIZE);
        CanonicalRecord traditional = ContractFixture.records().get(0);
        assertThat(index.get(traditional.id())).contains(traditional);
        assertThat(index.get("changzhi-city:no-such-record")).isEmpty();
    }

    @Test
    void aRecordsEventAndRunningTimeComeBackAsStored() {
        CanonicalRecord performance = ContractFixture.records().stream()
                .filter(r -> r.id().equals("shangdang-opera:1")).findFirst().orElseThrow();

        CanonicalRecord stored = index.get(performance.id()).orElseThrow();

        assertThat(stored.event()).isPresent().isEqualTo(performance.event());
        assertThat(stored.duration()).hasValue(java.time.Duration.ofSeconds(4210));
        assertThat(stored).isEqualTo(performance);
    }

    @Test
    void traditionalAndSimplifiedFormsFindTheSameNonEmptyRecords() {
        for (List<String> pair : List.of(List.of("长治", "長治"), List.of("上党梆子", "上黨梆子"),
                List.of("八路军", "八路軍"), List.of("古建筑", "古建築"), List.of("神话传说", "神話傳說"))) {
            Set<String> simplified = ids(search(pair.get(0)));
            assertThat(simplified).as(pair.get(0)).isNotEmpty().isEqualTo(ids(search(pair.get(1))));
        }
        // Records catalogued in traditional script are found by the simplified form.
        assertThat(ids(search("长治"))).contains("changzhi-city:1", "changzhi-city:19", "changzhi-museum:5")
                .doesNotContain("zhangzi:1");
        assertThat(ids(search("上党梆子"))).contains("changzhi-city:3", "zhangzi:2", "shangdang-opera:2");
    }

    @Test
    void aPhraseFindsItsCharactersOnlyInSequence() {
        Set<String> phrase = ids(search("\"上党梆子\""));
        Set<String> words = ids(search("上党梆子"));

        assertThat(phrase).contains("changzhi-city:3", "changzhi-city:20", "zhangzi:2")
                // 上党地区梆子腔研究 has 上党 and 梆子, but not in sequence; 上党落子 and 梆子腔源流考 have one of them
                .doesNotContain("changzhi-city:21", "shangdang-opera:4", "shangdang-opera:5");
        assertThat(words).containsAll(phrase);
        // A word matches by its dictionary words (长治 / 文化) in any order; as a phrase it must be in sequence.
        assertThat(ids(search("长治文化"))).contains("changzhi-city:2");
        assertThat(ids(search("\"长治文化\""))).doesNotContain("changzhi-city:2");
        // Full-width curly quotes, as Chinese input methods type them, are quotes too.
        assertThat(ids(search("“上黨梆子”"))).isEqualTo(phrase);
    }

    @Test
    void everyWordMustMatch() {
        Set<String> both = ids(search("长治 历史"));

        assertThat(both).contains("changzhi-city:2");
        assertThat(ids(search("长治"))).containsAll(both);
        assertThat(ids(search("历史"))).containsAll(both);
        assertThat(search("长治 不存在的词").total()).isZero();
    }

    @Test
    void anIsbnFindsItsBookWhateverItsForm() {
        for (String isbn : List.of("978-7-203-07654-3", "9787203076543", "９７８７２０３０７６５４３")) {
            assertThat(search(isbn).hits()).as(isbn).first().extracting(SearchResult.Hit::id).isEqualTo("changzhi-city:2");
        }
        // Catalogued as ISBN-10 7-5440-1234-X, searched as its ISBN-13, and the other way round.
        assertThat(ids(search("978-7-5440-1234-8"))).containsExactly("changzhi-city:1");
        assertThat(ids(search("754401234x"))).containsExactly("changzhi-city:1");
        assertThat(ids(search("7203045678"))).containsExactly("changzhi-city:17");
        // Catalogued with spaces.
        assertThat(ids(search("9787537745212"))).containsExactly("wuxiang:6");
    }

    @Test
    void fullWidthLatinAndDigitsFindHalfWidthText() {
        // taihang is also the pinyin of 太行: the English record and every 太行 title or subject.
        assertThat(ids(search("Ｔａｉｈａｎｇ"))).contains("changzhi-city:16").isEqualTo(ids(search("taihang")))
                .isEqualTo(withPinyinSource("太行", Set.of("changzhi-city:16")));
        assertThat(ids(search("２０２４"))).containsExactly("changzhi-city:5");
        assertThat(ids(search("abc"))).containsExactly("changzhi-city:25");
    }

    /**
     * The records whose title, a creator or a subject holds the Chinese text (folded), plus the extra ids:
     * what a pinyin query should find, worked out from the catalogued text without pinyin.
     */
    private static Set<String> withPinyinSource(String chinese, Set<String> extra) {
        Set<String> expected = ContractFixture.records().stream().filter(r -> {
            List<String> values = new ArrayList<>();
            values.add(r.title());
            r.creators().forEach(c -> values.add(c.name()));
            values.addAll(r.subjects());
            return values.stream().anyMatch(v -> ChineseFolding.fold(v).contains(chinese));
        }).map(CanonicalRecord::id).collect(Collectors.toSet());
        expected.addAll(extra);
        return expected;
    }

    @Test
    void pinyinRunTogetherFindsTheTitlesCreatorsAndSubjectsWithThoseCharactersInSequence() {
        Set<String> opera = ids(search("shangdangbangzi"));

        assertThat(opera).isNotEmpty().isEqualTo(withPinyinSource("上党梆子", Set.of()))
                // no description in the fixture names 上党梆子, so pinyin finds what the Chinese phrase finds
                .isEqualTo(ids(search("\"上党梆子\"")))
                .isEqualTo(ids(search("ShangDangBangZi")))
                .isEqualTo(ids(search("\"shangdang bangzi\"")));
        assertThat(ids(search("shenjilan"))).containsExactlyInAnyOrder("changzhi-city:24", "pingshun:3");
        // 女娲: ü is typed u.
        assertThat(ids(search("nuwa"))).isEqualTo(withPinyinSource("女娲", Set.of())).contains("changzhi-city:7");
    }

    @Test
    void pinyinSyllablesMatchAsWordsOrInSequenceAsAPhrase() {
        Set<String> phrase = ids(search("\"shang dang\""));

        assertThat(phrase).isNotEmpty().isEqualTo(withPinyinSource("上党", Set.of()));
        assertThat(ids(search("\"dang shang\""))).isEmpty();
        // Syllables as separate words need not be in sequence: 上党地区梆子腔研究 has them all.
        assertThat(ids(search("shang dang bang zi"))).containsAll(ids(search("shangdangbangzi")))
                .contains("changzhi-city:21");
    }

    @Test
    void pinyinInitialsFindTheirCharacters() {
        // 长 is read chang, as in 长治 (not zhang, as in 长子).
        // Initials are ambiguous by nature: 長治上黨門 (chang zhi shang) starts with czs too.
        assertThat(ids(search("czs"))).isEqualTo(withPinyinSource("长治市", Set.of("changzhi-museum:5")))
                .contains("changzhi-city:1");
        assertThat(ids(search("sdbz"))).isEqualTo(ids(search("shangdangbangzi")));
    }

    @Test
    void pinyinFindsTraditionalAndSimplifiedTitlesAndCombinesWithChineseWords() {
        Set<String> changzhi = ids(search("changzhi"));

        assertThat(changzhi).isEqualTo(withPinyinSource("长治", Set.of()))
                .contains("changzhi-city:1", "changzhi-city:19", "changzhi-museum:5").doesNotContain("zhangzi:1");
        assertThat(ids(search("长治"))).containsAll(changzhi);
        assertThat(ids(search("zhangzi"))).isEqualTo(withPinyinSource("长子", Set.of())).contains("zhangzi:1", "zhangzi:7");
        assertThat(ids(search("bangzi 剧目"))).contains("changzhi-city:3", "shangdang-opera:2")
                .isEqualTo(ids(search("梆子 剧目")));
    }

    @Test
    void aBlankQueryFindsEveryRecordAndCountsEveryFacetValue() {
        SearchResult all = search("");

        assertThat(all.total()).isEqualTo(ContractFixture.SIZE);
        assertThat(all.facets().get(Facet.SOURCE)).hasSize(9);
        assertThat(all.facets().get(Facet.YEAR)).hasSize(19);
        long withYear = ContractFixture.records().stream().filter(r -> r.year().isPresent()).count();
        assertThat(all.facets().get(Facet.YEAR).stream().mapToLong(SearchResult.FacetCount::count).sum()).isEqualTo(withYear);
        assertThat(count(all, Facet.COUNTY, "长子县")).isEqualTo(7);
        assertThat(count(all, Facet.LANGUAGE, "eng")).isEqualTo(3);
        assertThat(count(all, Facet.LANGUAGE, "chi")).isEqualTo(ContractFixture.SIZE - 1);
    }

    @Test
    void themeAndGenreAreFacetsThatCountAndFilterLikeTheOthers() {
        SearchResult all = search("");

        assertThat(count(all, Facet.THEME, "神话")).isEqualTo(5);
        assertThat(count(all, Facet.THEME, "古建")).isEqualTo(4);
        assertThat(count(all, Facet.THEME, "民间艺术")).isEqualTo(3);
        assertThat(count(all, Facet.GENRE, "上党梆子")).isEqualTo(6);
        assertThat(count(all, Facet.GENRE, "长子鼓书")).isEqualTo(1);
        // A record with two themes is found once when either is asked for.
        assertThat(search("", Map.of(Facet.THEME, List.of("古建", "民间艺术"))).total()).isEqualTo(5);
        SearchResult myths = search("", Map.of(Facet.THEME, List.of("神话")));
        assertThat(myths.total()).isEqualTo(5);
        assertThat(count(myths, Facet.THEME, "红色文化")).isEqualTo(5);
        assertThat(search("", Map.of(Facet.GENRE, List.of("上党梆子"), Facet.KIND, List.of("audio"))).total()).isEqualTo(1);
    }

    @Test
    void statsCountEveryFacetValueAsABlankSearchDoesAndSumTheMediaBytes() {
        IndexStats stats = index.stats();
        SearchResult all = search("");

        assertThat(stats.records()).isEqualTo(ContractFixture.SIZE);
        for (Facet facet : Facet.values()) {
            assertThat(valueCounts(stats.facets().get(facet))).as("%s", facet)
                    .isEqualTo(valueCounts(all.facets().get(facet)));
        }
        assertThat(stats.facets().get(Facet.COUNTY).get(0)).isEqualTo(new SearchResult.FacetCount("长子县", 7));
        assertThat(stats.mediaBytes()).isEqualTo(ContractFixture.MEDIA_BYTES);
    }

    private static Map<String, Long> valueCounts(List<SearchResult.FacetCount> counts) {
        return counts.stream().collect(Collectors.toMap(SearchResult.FacetCount::value, SearchResult.FacetCount::count));
    }

    @Test
    void aFacetsOwnFilterDoesNotNarrowItsOwnCounts() {
        SearchResult zhangzi = search("", Map.of(Facet.COUNTY, List.of("长子县")));

        assertThat(zhangzi.total()).isEqualTo(7);
        // The county facet still offers the other counties, with their full counts.
        assertThat(count(zhangzi, Facet.COUNTY, "武乡县")).isEqualTo(6);
        // Every other facet counts only 长子县's records.
        assertThat(zhangzi.facets().get(Facet.KIND).stream().mapToLong(SearchResult.FacetCount::count).sum()).isEqualTo(7);
    }

    @Test
    void valuesOfOneFacetAreOredAndFacetsAreAnded() {
        assertThat(search("", Map.of(Facet.COUNTY, List.of("长子县", "武乡县"))).total()).isEqualTo(13);
        assertThat(ids(search("", Map.of(Facet.COUNTY, List.of("武乡县"), Facet.KIND, List.of("video")))))
                .containsExactly("wuxiang:1");
    }

    @Test
    void pagingWalksEveryRecordOnceInIdOrderWhenScoresAreEqual() {
        List<String> walked = new ArrayList<>();
        for (int page = 1; page <= 7; page++) {
            index.search(new SearchQuery("", Map.of(), page, 10)).hits().forEach(h -> walked.add(h.id()));
        }

        assertThat(walked).hasSize(ContractFixture.SIZE).doesNotHaveDuplicates();
        List<String> sorted = new ArrayList<>(walked);
        Collections.sort(sorted);
        assertThat(walked).isEqualTo(sorted);
        assertThat(index.search(new SearchQuery("", Map.of(), 8, 10)).hits()).isEmpty();
    }

    @Test
    void textWithNothingSearchableFindsNothing() {
        assertThat(search("，。！").total()).isZero();
    }

    @Test
    void highlightsMarkTheMatchInTheTextAsCatalogued() {
        Map<String, SearchResult.Hit> hits = search("长治").hits().stream()
                .collect(Collectors.toMap(SearchResult.Hit::id, h -> h));

        assertThat(hits.get("changzhi-city:1").title()).isEqualTo("長治市圖書館志");
        assertThat(hits.get("changzhi-city:1").highlights().get("title")).containsExactly("<em>長治</em>市圖書館志");
        assertThat(hits.get("changzhi-city:8").highlights().get("title"))
                .containsExactly("<em>长治</em> &lt;b&gt;老照片&lt;/b&gt; &amp; 记忆");
        assertThat(search("").hits()).allSatisfy(h -> assertThat(h.highlights()).isEmpty());
    }

    @Test
    void queriesBeyondTheLimitsAreRefused() {
        String manyWords = IntStream.range(0, 33).mapToObj(i -> "词" + i).collect(Collectors.joining(" "));
        List<String> manyCounties = IntStream.range(0, 51).mapToObj(i -> "县" + i).toList();

        assertThatThrownBy(() -> search(manyWords)).isInstanceOf(InvalidQueryException.class).hasMessageContaining("33");
        assertThatThrownBy(() -> index.search(new SearchQuery("长治", Map.of(), 101, 100)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("10100");
        assertThatThrownBy(() -> search("", Map.of(Facet.COUNTY, manyCounties)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("51");
    }

    @Test
    void collapsingListsEachWorkOnceOnPagesThatCountWorks() {
        List<SearchResult.Hit> walked = new ArrayList<>();
        SearchResult first = null;
        for (int page = 1; page <= 3; page++) {
            SearchResult result = index.search(new SearchQuery("", Map.of(), page, 25, SearchQuery.Collapse.WORK));
            first = first == null ? result : first;
            walked.addAll(result.hits());
        }

        assertThat(first.total()).isEqualTo(ContractFixture.SIZE);
        assertThat(first.works()).contains((long) ContractFixture.WORKS);
        assertThat(walked).hasSize(ContractFixture.WORKS);
        assertThat(walked.stream().map(SearchResult.Hit::workId)).doesNotHaveDuplicates();
        assertThat(walked.stream().mapToLong(h -> h.workSize().orElseThrow()).sum()).isEqualTo(ContractFixture.SIZE);
        // Every record scores alike: a work is shown by its lowest id, and works come in that order.
        SearchResult.Hit opera = walked.stream().filter(h -> h.workId().equals("work:shangdang-bangzi-jumu")).findFirst().orElseThrow();
        assertThat(opera.id()).isEqualTo("changzhi-city:3");
        assertThat(opera.workSize()).contains(3L);
        assertThat(walked.stream().map(SearchResult.Hit::id).toList()).isSorted();
        assertThat(index.search(new SearchQuery("", Map.of(), 4, 25, SearchQuery.Collapse.WORK)).works())
                .contains((long) ContractFixture.WORKS);
        // Not collapsed: every record is a hit of its own work, and no work size is claimed.
        assertThat(search("").hits()).allSatisfy(h -> assertThat(h.workSize()).isEmpty());
        assertThat(search("").works()).isEmpty();
    }

    @ParameterizedTest(name = "q={0}")
    @MethodSource("collapsedTexts")
    void aCollapsedSearchIsTheRecordSearchGroupedByWork(String q) {
        Map<Facet, List<String>> filters = q.equals("上党梆子") ? Map.of(Facet.SOURCE, List.of("shangdang-opera")) : Map.of();
        SearchResult records = search(q, filters);
        SearchResult works = index.search(new SearchQuery(q, filters, 1, SearchQuery.MAX_SIZE, SearchQuery.Collapse.WORK));

        Map<String, Long> expectedSizes = records.hits().stream()
                .collect(Collectors.groupingBy(SearchResult.Hit::workId, Collectors.counting()));
        // The records' hits are best first, so a work's first record among them is the one that shows it.
        Map<String, String> expectedShown = new java.util.HashMap<>();
        records.hits().forEach(h -> expectedShown.putIfAbsent(h.workId(), h.id()));
        assertThat(works.total()).isEqualTo(records.total());
        assertThat(works.works()).contains((long) expectedSizes.size());
        assertThat(works.hits().stream().collect(Collectors.toMap(SearchResult.Hit::workId, h -> h.workSize().orElseThrow())))
                .isEqualTo(expectedSizes);
        assertThat(works.hits()).allSatisfy(h -> assertThat(h.id()).isEqualTo(expectedShown.get(h.workId())));
        // Facets count records whether or not hits are collapsed.
        assertThat(works.facets()).isEqualTo(records.facets());
    }

    @ParameterizedTest(name = "q={0}")
    @MethodSource("collapsedTexts")
    void aHitsOnlySearchAnswersTheSameHitsAndCountsWithoutFacetsOrHighlights(String q) {
        Map<Facet, List<String>> filters = q.equals("上党梆子") ? Map.of(Facet.SOURCE, List.of("shangdang-opera")) : Map.of();
        for (SearchQuery.Collapse collapse : SearchQuery.Collapse.values()) {
            SearchQuery full = new SearchQuery(q, filters, 1, 20, collapse);
            SearchResult expected = index.search(full);

            SearchResult actual = index.search(full.withDetail(SearchQuery.Detail.HITS));

            assertThat(actual.total()).as("total of %s", collapse).isEqualTo(expected.total());
            assertThat(actual.works()).as("works of %s", collapse).isEqualTo(expected.works());
            assertThat(actual.hits()).as("hits of %s", collapse).isEqualTo(expected.hits().stream()
                    .map(h -> new SearchResult.Hit(h.id(), h.title(), h.creators(), h.year(), h.kind(), h.source(),
                            Map.of(), h.workId(), h.workSize()))
                    .toList());
            assertThat(actual.facets()).as("facets of %s", collapse).containsOnlyKeys(Facet.values())
                    .allSatisfy((facet, counts) -> assertThat(counts).isEmpty());
            // Not vacuous: the full answer has what the hits-only one leaves out.
            assertThat(expected.facets().get(Facet.KIND)).isNotEmpty();
            if (q.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                assertThat(expected.hits()).anySatisfy(h -> assertThat(h.highlights()).isNotEmpty());
            }
        }
    }

    static Stream<String> collapsedTexts() {
        // Texts whose hits include records of the clustered works; 上党梆子 is searched within one source.
        return Stream.of("", "长治", "上党梆子", "方志", "八路军", "精卫", "申纪兰", "shangdangbangzi");
    }

    static Stream<ContractQueries.Case> contractQueries() {
        return ContractQueries.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractQueries")
    void answersEveryContractQueryWithFixtureRecordsAndAllFacets(ContractQueries.Case c) {
        SearchResult result = index.search(c.query());

        Set<String> known = ContractFixture.records().stream().map(CanonicalRecord::id).collect(Collectors.toSet());
        assertThat(known).containsAll(ids(result));
        assertThat(result.hits()).hasSizeLessThanOrEqualTo(c.query().size());
        assertThat(result.total()).isGreaterThanOrEqualTo(result.hits().size());
        assertThat(result.facets().keySet()).containsExactlyInAnyOrder(Facet.values());
    }
}
