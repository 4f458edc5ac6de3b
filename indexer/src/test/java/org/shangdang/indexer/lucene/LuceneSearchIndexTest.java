package org.shangdang.indexer.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.shangdang.indexer.Facet;
import org.shangdang.indexer.IndexFields;
import org.shangdang.indexer.IndexStats;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Classification;
import org.shangdang.record.Creator;
import org.shangdang.record.Holding;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;
import tools.jackson.databind.json.JsonMapper;

class LuceneSearchIndexTest {

    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");
    private static final String CITY = "长治市图书馆";

    @TempDir
    Path dir;

    private LuceneSearchIndex index;

    @BeforeEach
    void indexTheCatalogue() {
        index = LuceneSearchIndex.open(dir.resolve("index"));
        index.upsert(catalogue());
        index.commit();
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    /** A dozen records across four sources, some catalogued in traditional script. */
    private static List<CanonicalRecord> catalogue() {
        return List.of(
                book("changzhi-city", "1", "長治市圖書館志", 1985)
                        .creator(Creator.of("長治市圖書館", "編"))
                        .subject("圖書館史")
                        .description("記述長治市圖書館自民國以來的沿革。")
                        .isbn("7-5440-1234-X")
                        .holding(new Holding(CITY, Optional.of("地方文献室"), Optional.of("G259.2/1"),
                                Optional.empty(), Optional.of("C0001"), Optional.empty(), Optional.empty()))
                        .classification(new Classification(Classification.CLC, "G259.2"))
                        .build(),
                book("changzhi-city", "2", "长治历史文化", 2010)
                        .creator(Creator.of("李明", "著"))
                        .subject("地方史")
                        .isbn("978-7-203-07654-3")
                        .publisher("山西人民出版社")
                        .build(),
                book("changzhi-city", "3", "上黨梆子劇目選", 1990).subject("上黨梆子").build(),
                book("changzhi-city", "4", "中国古代建筑", 2001).publisher("北京大学出版社").build(),
                book("changzhi-city", "5", "长治年鉴 2024", 2024).build(),
                book("changzhi-city", "6", "太行精神", 2021).language("eng").build(),
                book("changzhi-city", "7", "女娲补天", 2019).creator(Creator.of("王红")).build(),
                book("changzhi-city", "8", "长治 <b>老照片</b> & 记忆", 2015).build(),
                county("zhangzi", "1", "长子鼓书选", 2015, "长子县", ResourceKind.AUDIO).build(),
                county("zhangzi", "2", "上党梆子唱腔集", 1985, "长子县", ResourceKind.SCORE)
                        .subject("上党梆子").subject("戏曲").build(),
                county("wuxiang", "1", "武乡秧歌", 2018, "武乡县", ResourceKind.VIDEO).build(),
                county("lucheng", "1", "潞城縣志", 1985, "潞城区", ResourceKind.BOOK).build());
    }

    private static CanonicalRecord.Builder book(String source, String id, String title, int year) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.MARCXML).kind(ResourceKind.BOOK)
                .title(title).year(year).language("chi").library(CITY).datestamp(STAMP);
    }

    private static CanonicalRecord.Builder county(String source, String id, String title, int year, String county,
            ResourceKind kind) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.OAI_DC).kind(kind).title(title).year(year)
                .language("chi").library(county + "图书馆").county(county).datestamp(STAMP);
    }

    private SearchResult search(String q) {
        return index.search(new SearchQuery(q, Map.of(), 1, 20));
    }

    private SearchResult search(String q, Map<Facet, List<String>> filters) {
        return index.search(new SearchQuery(q, filters, 1, 20));
    }

    private static Set<String> ids(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::id).collect(Collectors.toSet());
    }

    private static long countOf(SearchResult result, Facet facet, String value) {
        return result.facets().get(facet).stream().filter(c -> c.value().equals(value))
                .mapToLong(SearchResult.FacetCount::count).findFirst().orElse(0);
    }

    @Test
    void anIndexWrittenBeforeStoredHoldingsStillListsCopies() throws IOException {
        // given an index written as before the holdings were stored apart: whole records only
        Path old = dir.resolve("old");
        JsonMapper json = JsonMapper.builder().build();
        FacetsConfig facets = IndexFields.newFacetsConfig();
        try (Analyzer analyzer = IndexFields.newIndexAnalyzer();
                IndexWriter writer = new IndexWriter(FSDirectory.open(old), new IndexWriterConfig(analyzer))) {
            for (CanonicalRecord record : catalogue()) {
                Document doc = IndexFields.toDocument(record, json);
                doc.removeFields(IndexFields.HOLDINGS);
                writer.addDocument(facets.build(doc));
            }
        }
        CanonicalRecord withCopy = catalogue().get(0);

        // when its copies are looked up by barcode
        List<RecordHoldings> found;
        try (LuceneSearchIndex reopened = LuceneSearchIndex.open(old)) {
            found = reopened.holdings(Lookup.barcode("C0001", 10));
        }

        // then they come from the whole stored record
        assertThat(found).containsExactly(RecordHoldings.of(withCopy));
        assertThat(found.get(0).holdings()).extracting(Holding::barcode).containsExactly(Optional.of("C0001"));
    }

    @Test
    void statsForgetDeletedAndReplacedRecordsAndTheirMediaBytes() {
        // given a recording with two files, then the same recording re-harvested with one, and a record deleted
        CanonicalRecord.Builder recording = county("wuxiang", "2", "送军鞋", 2015, "武乡县", ResourceKind.VIDEO)
                .theme("红色文化").genre("武乡秧歌");
        index.upsert(List.of(recording
                .media(new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/a.mp4", Optional.empty(),
                        Optional.of("video/mp4"), Optional.of(700L)))
                .media(new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/b.mp4", Optional.empty(),
                        Optional.of("video/mp4"), Optional.of(300L)))
                .build()));
        index.commit();
        long before = index.stats().mediaBytes();
        index.upsert(List.of(county("wuxiang", "2", "送军鞋", 2015, "武乡县", ResourceKind.VIDEO).theme("红色文化")
                .genre("武乡秧歌").media(new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/a.mp4",
                        Optional.empty(), Optional.of("video/mp4"), Optional.of(700L))).build()));
        index.delete(List.of("changzhi-city:1"));
        index.commit();

        // then only the live documents count
        IndexStats stats = index.stats();
        assertThat(before).isEqualTo(1000);
        assertThat(stats.mediaBytes()).isEqualTo(700);
        assertThat(stats.records()).isEqualTo(12);
        assertThat(stats.facets().get(Facet.SOURCE)).contains(new SearchResult.FacetCount("changzhi-city", 7));
        assertThat(stats.facets().get(Facet.THEME)).containsExactly(new SearchResult.FacetCount("红色文化", 1));
        assertThat(stats.facets().get(Facet.GENRE)).containsExactly(new SearchResult.FacetCount("武乡秧歌", 1));
    }

    @Test
    void traditionalAndSimplifiedQueriesFindTheSameRecords() {
        SearchResult traditional = search("長治");
        SearchResult simplified = search("长治");

        assertThat(ids(simplified)).isNotEmpty().isEqualTo(ids(traditional))
                .contains("changzhi-city:1", "changzhi-city:2", "changzhi-city:5", "changzhi-city:8")
                .doesNotContain("zhangzi:1", "wuxiang:1");
        assertThat(simplified.total()).isEqualTo(traditional.total());
    }

    @Test
    void simplifiedQueryFindsATraditionalTitleByItsWords() {
        assertThat(ids(search("潞城县志"))).containsExactly("lucheng:1");
        assertThat(ids(search("上党梆子"))).containsExactlyInAnyOrder("changzhi-city:3", "zhangzi:2");
    }

    @Test
    void fullWidthDigitsFindAsciiDigits() {
        assertThat(ids(search("２０２４"))).containsExactly("changzhi-city:5");
        assertThat(ids(search("长治年鉴２０２４"))).containsExactly("changzhi-city:5");
        assertThat(ids(search("长治年鉴 ２０２４"))).containsExactly("changzhi-city:5");
    }

    @Test
    void isbnFindsTheRecordWithOrWithoutHyphens() {
        assertThat(search("978-7-203-07654-3").hits()).first().extracting(SearchResult.Hit::id).isEqualTo("changzhi-city:2");
        assertThat(search("9787203076543").hits()).first().extracting(SearchResult.Hit::id).isEqualTo("changzhi-city:2");
    }

    @Test
    void isbn13FindsABookCataloguedWithItsIsbn10() {
        // given 7-5440-1234-X catalogued; its ISBN-13 is 978-7-5440-1234-8
        assertThat(ids(search("978-7-5440-1234-8"))).containsExactly("changzhi-city:1");
        assertThat(ids(search("754401234x"))).containsExactly("changzhi-city:1");
    }

    @Test
    void everyWordMustMatch() {
        assertThat(ids(search("上党梆子 唱腔"))).containsExactly("zhangzi:2");
        assertThat(ids(search("上党梆子 鼓书"))).isEmpty();
    }

    @Test
    void wordFoundInsideALongerDictionaryWord() {
        // the publisher 北京大学出版社 is one dictionary word 北京大学; 北京 matches through bigrams
        assertThat(ids(search("北京"))).containsExactly("changzhi-city:4");
    }

    @Test
    void phraseMatchesOnlyInOrder() {
        assertThat(ids(search("\"梆子唱腔\""))).containsExactly("zhangzi:2");
        assertThat(ids(search("\"唱腔梆子\""))).isEmpty();
        assertThat(ids(search("“梆子唱腔”"))).containsExactly("zhangzi:2");
    }

    @Test
    void blankQueryReturnsEveryRecordInIdOrder() {
        SearchResult all = search("  ");

        assertThat(all.total()).isEqualTo(12);
        List<String> ids = all.hits().stream().map(SearchResult.Hit::id).toList();
        assertThat(ids).hasSize(12).isSorted();
    }

    @Test
    void facetsCountTheMatchingRecords() {
        SearchResult all = search("");

        assertThat(countOf(all, Facet.SOURCE, "changzhi-city")).isEqualTo(8);
        assertThat(countOf(all, Facet.SOURCE, "zhangzi")).isEqualTo(2);
        assertThat(countOf(all, Facet.YEAR, "1985")).isEqualTo(3);
        assertThat(countOf(all, Facet.COUNTY, "长子县")).isEqualTo(2);
        assertThat(countOf(all, Facet.LIBRARY, CITY)).isEqualTo(8);
        assertThat(countOf(all, Facet.LANGUAGE, "chi")).isEqualTo(12);
        assertThat(countOf(all, Facet.LANGUAGE, "eng")).isEqualTo(1);
        assertThat(countOf(all, Facet.KIND, "book")).isEqualTo(9);
        assertThat(all.facets().get(Facet.SOURCE).get(0).value()).isEqualTo("changzhi-city");

        SearchResult opera = search("梆子");
        assertThat(countOf(opera, Facet.YEAR, "1985")).isEqualTo(1);
        assertThat(countOf(opera, Facet.YEAR, "1990")).isEqualTo(1);
        assertThat(countOf(opera, Facet.SOURCE, "wuxiang")).isZero();
    }

    @Test
    void facetFilterNarrowsHitsButItsOwnCountsStayWide() {
        SearchResult zhangzi = search("", Map.of(Facet.SOURCE, List.of("zhangzi")));

        assertThat(ids(zhangzi)).containsExactlyInAnyOrder("zhangzi:1", "zhangzi:2");
        assertThat(zhangzi.total()).isEqualTo(2);
        // its own facet ignores the filter, so the reader can widen
        assertThat(countOf(zhangzi, Facet.SOURCE, "changzhi-city")).isEqualTo(8);
        assertThat(countOf(zhangzi, Facet.SOURCE, "wuxiang")).isEqualTo(1);
        // other facets follow the filter
        assertThat(countOf(zhangzi, Facet.KIND, "book")).isZero();
        assertThat(countOf(zhangzi, Facet.KIND, "audio")).isEqualTo(1);
        assertThat(countOf(zhangzi, Facet.YEAR, "1985")).isEqualTo(1);
    }

    @Test
    void filterValuesAreOredWithinAFacetAndAndedAcrossFacets() {
        assertThat(ids(search("", Map.of(Facet.SOURCE, List.of("zhangzi", "wuxiang")))))
                .containsExactlyInAnyOrder("zhangzi:1", "zhangzi:2", "wuxiang:1");
        assertThat(ids(search("", Map.of(Facet.SOURCE, List.of("zhangzi"), Facet.YEAR, List.of("1985")))))
                .containsExactly("zhangzi:2");
        assertThat(ids(search("上党梆子", Map.of(Facet.KIND, List.of("book"))))).containsExactly("changzhi-city:3");
    }

    @Test
    void highlightsMarkTheTraditionalFormOfASimplifiedQuery() {
        SearchResult result = search("长治");

        SearchResult.Hit hit = result.hits().stream().filter(h -> h.id().equals("changzhi-city:1")).findFirst().orElseThrow();
        assertThat(hit.highlights().get("title")).containsExactly("<em>長治</em>市圖書館志");
        assertThat(hit.highlights().get("description")).singleElement().asString().contains("<em>長治</em>");
        assertThat(hit.highlights()).doesNotContainKey("subjects");
    }

    @Test
    void highlightsEscapeHtmlInTheRecord() {
        SearchResult.Hit hit = search("老照片").hits().get(0);

        assertThat(hit.id()).isEqualTo("changzhi-city:8");
        assertThat(hit.title()).isEqualTo("长治 <b>老照片</b> & 记忆");
        assertThat(hit.highlights().get("title")).containsExactly("长治 &lt;b&gt;<em>老照片</em>&lt;/b&gt; &amp; 记忆");
    }

    @Test
    void hitsCarryTheDisplayFields() {
        SearchResult.Hit hit = search("唱腔").hits().get(0);

        assertThat(hit.id()).isEqualTo("zhangzi:2");
        assertThat(hit.title()).isEqualTo("上党梆子唱腔集");
        assertThat(hit.year()).contains(1985);
        assertThat(hit.kind()).isEqualTo("score");
        assertThat(hit.source()).isEqualTo("zhangzi");
    }

    @Test
    void pagesDoNotOverlapAndCoverEveryHit() {
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            SearchResult result = index.search(new SearchQuery("", Map.of(), page, 5));
            assertThat(result.total()).isEqualTo(12);
            result.hits().forEach(h -> paged.add(h.id()));
        }
        List<String> onePage = index.search(new SearchQuery("", Map.of(), 1, 50)).hits().stream()
                .map(SearchResult.Hit::id).toList();

        assertThat(paged).doesNotHaveDuplicates().isEqualTo(onePage).hasSize(12);
    }

    @Test
    void pagingBeyondTheWindowIsRejected() {
        assertThatThrownBy(() -> index.search(new SearchQuery("长治", Map.of(), 101, 100)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("10000");
    }

    @Test
    void upsertingTwiceKeepsOneDocumentWithTheNewContent() {
        CanonicalRecord renamed = book("changzhi-city", "7", "精卫填海", 2019).build();

        index.upsert(List.of(renamed));
        index.upsert(List.of(renamed));
        index.commit();

        assertThat(index.count()).isEqualTo(12);
        assertThat(ids(search("精卫"))).containsExactly("changzhi-city:7");
        assertThat(ids(search("女娲"))).isEmpty();
    }

    @Test
    void writesAreInvisibleUntilCommitted() {
        index.upsert(List.of(book("changzhi-city", "99", "黎侯虎", 2020).build()));
        index.delete(List.of("wuxiang:1"));

        assertThat(index.count()).isEqualTo(12);
        assertThat(ids(search("黎侯虎"))).isEmpty();

        index.commit();
        assertThat(ids(search("黎侯虎"))).containsExactly("changzhi-city:99");
        assertThat(index.get("wuxiang:1")).isEmpty();
    }

    @Test
    void deletedRecordIsGoneFromSearchAndGet() {
        assertThat(index.get("wuxiang:1")).isPresent();

        index.delete(List.of("wuxiang:1", "no-such:record"));
        index.commit();

        assertThat(index.get("wuxiang:1")).isEmpty();
        assertThat(ids(search("秧歌"))).isEmpty();
        assertThat(index.count()).isEqualTo(11);
        assertThat(countOf(search(""), Facet.SOURCE, "wuxiang")).isZero();
    }

    @Test
    void getReturnsTheRecordAsIndexed() {
        CanonicalRecord original = catalogue().get(0);

        assertThat(index.get("changzhi-city:1")).contains(original);
    }

    @Test
    void committedDataSurvivesReopeningAndUncommittedWritesDoNot() throws IOException {
        index.upsert(List.of(book("changzhi-city", "100", "沁州三弦书", 2020).build()));
        index.close();

        try (LuceneSearchIndex reopened = LuceneSearchIndex.open(dir.resolve("index"))) {
            assertThat(reopened.count()).isEqualTo(12);
            assertThat(reopened.get("changzhi-city:1")).contains(catalogue().get(0));
            assertThat(reopened.get("changzhi-city:100")).isEmpty();
            assertThat(ids(reopened.search(SearchQuery.of("長治")))).contains("changzhi-city:1");
        }
    }

    @Test
    void closedIndexRefusesCalls() throws IOException {
        index.close();
        index.close();

        assertThatThrownBy(() -> index.search(SearchQuery.of("长治"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyIndexAnswersWithNoHitsAndEmptyFacets() throws IOException {
        try (LuceneSearchIndex empty = LuceneSearchIndex.open(dir.resolve("empty"))) {
            SearchResult result = empty.search(SearchQuery.of(""));

            assertThat(result.total()).isZero();
            assertThat(result.facets()).containsOnlyKeys(Facet.values());
            assertThat(empty.count()).isZero();
            assertThat(empty.get("changzhi-city:1")).isEmpty();
        }
    }

    @Test
    void hostileQueriesGiveResultsOrInvalidQueryException() {
        List<String> hostile = List.of("\"", "\"\"\"", "*:*", "((((", "a OR ".repeat(100), "📚🀄 长治",
                "\u0001\u0007长\u001b治", "\u0000", "\uD800", "长治\"", "- + && || ! ^ ~ ? \\ /", "title:长治",
                "长治市图书馆".repeat(83), "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg");
        for (String q : hostile) {
            try {
                SearchResult result = search(q);
                assertThat(result.total()).isGreaterThanOrEqualTo(0);
            } catch (InvalidQueryException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                fail("q=" + q.substring(0, Math.min(40, q.length())) + " threw " + e, e);
            }
        }
        assertThat(ids(search("📚🀄 长治"))).isEmpty();
        assertThat(ids(search("\u0001长治\u0007"))).contains("changzhi-city:1");
    }

    @Test
    void punctuationOnlyQueryFindsNothing() {
        assertThat(search("*:*").total()).isZero();
    }

    @Test
    void concurrentWritesAndSearchesDoNotFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        index.upsert(List.of(book("load", thread + "-" + i, "长治戏曲 " + i, 2000 + i).build()));
                        search("长治");
                        if (i % 10 == 0) {
                            index.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        index.commit();

        assertThat(index.count()).isEqualTo(12 + 100);
        assertThat(countOf(search("戏曲"), Facet.SOURCE, "load")).isEqualTo(100);
    }
}
