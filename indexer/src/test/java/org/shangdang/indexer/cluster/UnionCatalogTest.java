package org.shangdang.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.indexer.cluster.TestRecords.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;

class UnionCatalogTest {

    private static Map<String, String> works(UnionCatalog catalog, List<CanonicalRecord> records) {
        Map<String, String> works = new HashMap<>();
        records.forEach(r -> works.put(r.id(), catalog.workOf(r.id()).orElseThrow()));
        return works;
    }

    private static UnionCatalog upsertAll(List<CanonicalRecord> records) {
        UnionCatalog catalog = new UnionCatalog();
        records.forEach(catalog::upsert);
        return catalog;
    }

    @Test
    void upsertingTheLabelledSetOneByOneInAnyOrderGivesTheBatchResult() {
        // given the labelled set, clustered in one batch
        List<CanonicalRecord> records = new ArrayList<>(LabelledSet.load().records());
        Map<String, String> batch = UnionCatalog.cluster(records);

        for (long seed : new long[] {1, 2, 3}) {
            // when upserted one by one in a shuffled order
            Collections.shuffle(records, new Random(seed));
            UnionCatalog incremental = upsertAll(records);

            // then every record is in the same work as in the batch
            assertThat(works(incremental, records)).as("seed " + seed).isEqualTo(batch);
        }
        Collections.reverse(records);
        assertThat(UnionCatalog.cluster(records)).isEqualTo(batch);
    }

    @Test
    void removingAndReaddingRecordsReturnsToTheBatchResult() {
        // given the labelled set upserted, then every third record removed and upserted again
        List<CanonicalRecord> records = LabelledSet.load().records();
        UnionCatalog catalog = upsertAll(records);
        for (int i = 0; i < records.size(); i += 3) {
            catalog.remove(records.get(i).id());
        }
        assertThat(catalog.size()).isEqualTo(records.size() - (records.size() + 2) / 3);
        for (int i = 0; i < records.size(); i += 3) {
            catalog.upsert(records.get(i));
        }

        // then
        assertThat(works(catalog, records)).isEqualTo(UnionCatalog.cluster(records));
    }

    @Test
    void theWorkIdIsTheSmallestMemberRecordId() {
        // given two libraries' records of one book
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("zhangzi-county:zz-1").title("上党梆子").isbn("7-203-06318-6").build());
        catalog.upsert(book("changzhi-city:cz-9").title("上党梆子").isbn("978-7-203-06318-6").build());

        // then
        assertThat(catalog.workOf("zhangzi-county:zz-1")).contains("changzhi-city:cz-9");
        assertThat(catalog.members("changzhi-city:cz-9")).containsExactly("changzhi-city:cz-9", "zhangzi-county:zz-1");
        assertThat(catalog.members("zhangzi-county:zz-1")).isEmpty();
        assertThat(catalog.workCount()).isEqualTo(1);
    }

    @Test
    void aRecordThatJoinsAWorkWithASmallerIdMovesEveryMember() {
        // given a work of two county records
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("wuxiang-county:wx-1").title("上党梆子").isbn("9787203063186").build());
        catalog.upsert(book("zhangzi-county:zz-1").title("上党梆子").isbn("9787203063186").build());

        // when the city library's record of the same book arrives
        ClusterChange change = catalog.upsert(book("changzhi-city:cz-1").title("上黨梆子").isbn("7203063186").build());

        // then the work is renamed after it and the change lists all three records
        assertThat(change.moves()).containsExactly(
                new ClusterChange.Move("changzhi-city:cz-1", Optional.empty(), Optional.of("changzhi-city:cz-1")),
                new ClusterChange.Move("wuxiang-county:wx-1", Optional.of("wuxiang-county:wx-1"), Optional.of("changzhi-city:cz-1")),
                new ClusterChange.Move("zhangzi-county:zz-1", Optional.of("wuxiang-county:wx-1"), Optional.of("changzhi-city:cz-1")));
        assertThat(change.affectedWorks()).containsExactly("changzhi-city:cz-1", "wuxiang-county:wx-1");
    }

    @Test
    void anUnrelatedRecordMovesNoOtherRecord() {
        // given the labelled set
        List<CanonicalRecord> records = LabelledSet.load().records();
        UnionCatalog catalog = upsertAll(records);
        Map<String, String> before = works(catalog, records);

        // when a record of another book arrives
        ClusterChange change = catalog.upsert(book("a:new").title("沁源民间剪纸").isbn("978-7-5457-9999-5").build());

        // then only that record is listed, and no other work id changed
        assertThat(change.recordIds()).containsExactly("a:new");
        assertThat(works(catalog, records)).isEqualTo(before);
    }

    @Test
    void upsertingTheSameRecordTwiceChangesNothingTheSecondTime() {
        // given
        UnionCatalog catalog = new UnionCatalog();
        CanonicalRecord record = book("a:1").title("上党梆子").isbn("9787203063186").build();

        // when
        ClusterChange first = catalog.upsert(record);
        ClusterChange second = catalog.upsert(record);

        // then
        assertThat(first.recordIds()).containsExactly("a:1");
        assertThat(second.isEmpty()).isTrue();
        assertThat(catalog.remove("absent:1").isEmpty()).isTrue();
    }

    @Test
    void removingTheRecordThatBridgedTwoRecordsSplitsTheWork() {
        // given A and C linked only through B: A–B by ISBN, B–C by title, creator and publisher
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("a:1").title("上党梆子").isbn("9787203063186").build());
        catalog.upsert(book("b:1").title("上党梆子").isbn("9787203063186").creator(Creator.of("栗建国")).publisher("山西人民出版社").build());
        catalog.upsert(book("c:1").title("上党梆子").creator(Creator.of("栗建国编著")).publisher("山西人民出版社").build());
        assertThat(catalog.members("a:1")).containsExactly("a:1", "b:1", "c:1");

        // when B is deleted at its source
        ClusterChange change = catalog.remove("b:1");

        // then
        assertThat(change.moves()).containsExactly(
                new ClusterChange.Move("b:1", Optional.of("a:1"), Optional.empty()),
                new ClusterChange.Move("c:1", Optional.of("a:1"), Optional.of("c:1")));
        assertThat(catalog.workOf("a:1")).contains("a:1");
        assertThat(catalog.workOf("b:1")).isEmpty();
        assertThat(catalog.members("a:1")).containsExactly("a:1");
    }

    @Test
    void aCorrectedIsbnMovesTheRecordToItsRightWork() {
        // given a record catalogued with another book's ISBN
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("a:1").title("上党梆子").isbn("9787203063186").build());
        catalog.upsert(book("a:2").title("上党梆子史话").isbn("978-7-5457-0543-0").build());
        catalog.upsert(book("b:1").title("上党梆子史话").isbn("9787203063186").build());
        assertThat(catalog.workOf("b:1")).contains("a:1");

        // when the source corrects it
        ClusterChange change = catalog.upsert(book("b:1").title("上党梆子史话").isbn("7-5457-0543-2").build());

        // then
        assertThat(change.moves()).containsExactly(new ClusterChange.Move("b:1", Optional.of("a:1"), Optional.of("a:2")));
        assertThat(catalog.members("a:1")).containsExactly("a:1");
        assertThat(catalog.members("a:2")).containsExactly("a:2", "b:1");
    }

    @Test
    void volumesOfASetWithOneIsbnStayApartEvenThroughALinkedRecord() {
        // given two libraries' 上册 and 下册 under the set's one ISBN
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("a:1").title("上党古戏台").volume("上册").isbn("978-7-5457-1890-4").build());
        catalog.upsert(book("a:2").title("上党古戏台").volume("下册").isbn("978-7-5457-1890-4").build());
        catalog.upsert(book("b:1").title("上党古戏台（上）").isbn("9787545718904").build());
        catalog.upsert(book("b:2").title("上党古戏台. 下册").isbn("7-5457-1890-9").build());

        // then
        assertThat(catalog.members("a:1")).containsExactly("a:1", "b:1");
        assertThat(catalog.members("a:2")).containsExactly("a:2", "b:2");
    }

    @Test
    void whyNamesTheRuleThatLinkedARecordAndTheVetoThatKeptAnotherOut() {
        // given a set's volumes under one ISBN
        UnionCatalog catalog = new UnionCatalog();
        catalog.upsert(book("a:1").title("上党古戏台").volume("上册").isbn("978-7-5457-1890-4").build());
        catalog.upsert(book("a:2").title("上党古戏台").volume("下册").isbn("978-7-5457-1890-4").build());
        catalog.upsert(book("b:1").title("上黨古戲臺（上）").isbn("7-5457-1890-9").build());

        // when
        Explanation why = catalog.why("b:1").orElseThrow();

        // then
        assertThat(why.workId()).isEqualTo("a:1");
        assertThat(why.members()).containsExactly("a:1", "b:1");
        assertThat(why.links()).containsExactly(
                new Explanation.Link("a:1", "b:1", MatchRule.SAME_ISBN, "same ISBN 9787545718904"));
        assertThat(why.keptApart()).extracting(Explanation.KeptApart::veto).containsOnly(Veto.DIFFERENT_VOLUME);
        assertThat(why.keptApart()).extracting(Explanation.KeptApart::reason).contains("different volume: 上 vs 下");
        assertThat(why.describe()).contains("same ISBN 9787545718904", "different volume");
        assertThat(catalog.why("absent:1")).isEmpty();
    }

    @Test
    void concurrentUpsertsGiveTheBatchResult() throws Exception {
        // given the labelled set split between four threads, as four harvests would deliver it
        List<CanonicalRecord> records = LabelledSet.load().records();
        UnionCatalog catalog = new UnionCatalog();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < records.size(); i += 4) {
                        catalog.upsert(records.get(i));
                        catalog.workOf(records.get(i).id());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        // then
        assertThat(works(catalog, records)).isEqualTo(UnionCatalog.cluster(records));
    }
}
