package org.shangdang.indexer.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.IndexRebuild;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.SearchResult;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.ResourceKind;

/**
 * Zero-downtime re-index, the same on every engine: a new generation is loaded beside the live one and
 * swapped in atomically while searches keep answering, writes made meanwhile are not lost, an abandoned
 * rebuild leaves nothing behind. Each test has an index of its own. Subclasses open the engine.
 */
public abstract class RebuildContract {

    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");

    private SearchIndex index;

    /** Opens an empty index of the engine under test. */
    protected abstract SearchIndex openEmptyIndex();

    /** Closes the index and removes what it stored. */
    protected abstract void closeAndRemove(SearchIndex index) throws IOException;

    /** The generations the engine keeps on disk or in the cluster (directories, indices), for leak checks. */
    protected abstract List<String> storedGenerations();

    @BeforeEach
    void indexTheFixture() {
        index = openEmptyIndex();
        index.upsert(ContractFixture.records());
        index.commit();
    }

    @AfterEach
    void removeTheIndex() throws IOException {
        if (index != null) {
            closeAndRemove(index);
        }
    }

    @Test
    void searchesKeepAnsweringWhileANewGenerationIsBuiltAndSwappedIn() throws Exception {
        List<String> before = storedGenerations();
        List<CanonicalRecord> next = new ArrayList<>(ContractFixture.records().subList(1, ContractFixture.SIZE));
        next.add(record("changzhi-city", "rebuilt-1", "长治重建目录"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong answered = new AtomicLong();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (String q : List.of("长治", "")) {
            running.add(readers.submit(() -> {
                while (!done.get()) {
                    try {
                        SearchResult result = index.search(new SearchQuery(q, Map.of(), 1, 10));
                        if (result.total() == 0 || result.hits().isEmpty()) {
                            problems.add("empty result for q=" + q);
                        }
                        answered.incrementAndGet();
                    } catch (RuntimeException e) {
                        problems.add("q=" + q + ": " + e);
                    }
                }
            }));
        }

        long swapped;
        try (IndexRebuild rebuild = index.rebuild()) {
            for (int from = 0; from < next.size(); from += 10) {
                rebuild.upsert(next.subList(from, Math.min(next.size(), from + 10)));
                Thread.sleep(20);
            }
            assertThat(index.count()).as("the live generation while loading").isEqualTo(ContractFixture.SIZE);
            assertThat(index.get("changzhi-city:rebuilt-1")).isEmpty();
            swapped = rebuild.swap();
            Thread.sleep(200);
        } finally {
            done.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
        }

        assertThat(problems).isEmpty();
        assertThat(answered.get()).isGreaterThan(10);
        assertThat(swapped).isEqualTo(next.size());
        assertThat(index.count()).isEqualTo(next.size());
        assertThat(index.get("changzhi-city:rebuilt-1")).isPresent();
        assertThat(index.get(ContractFixture.records().get(0).id())).isEmpty();
        assertThat(SearchContract.ids(index.search(new SearchQuery("重建", Map.of(), 1, 10))))
                .containsExactly("changzhi-city:rebuilt-1");
        List<String> after = storedGenerations();
        assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
    }

    @Test
    void writesThroughTheLiveIndexDuringARebuildAreKeptByTheSwap() {
        CanonicalRecord harvested = record("zhangzi", "harvested-meanwhile", "长子新收录");

        try (IndexRebuild rebuild = index.rebuild()) {
            rebuild.upsert(ContractFixture.records());
            index.upsert(List.of(harvested));
            index.delete(List.of("zhangzi:1"));
            index.commit();
            assertThat(index.get(harvested.id())).contains(harvested);
            rebuild.swap();
        }

        assertThat(index.get(harvested.id())).contains(harvested);
        assertThat(index.get("zhangzi:1")).isEmpty();
        assertThat(index.count()).isEqualTo(ContractFixture.SIZE);
    }

    @Test
    void anAbandonedRebuildLeavesTheLiveIndexAsItWasAndNothingBehind() {
        List<String> before = storedGenerations();

        try (IndexRebuild rebuild = index.rebuild()) {
            rebuild.upsert(List.of(record("changzhi-city", "abandoned", "不该出现")));
            assertThatThrownBy(index::rebuild).isInstanceOf(IllegalStateException.class);
        }

        assertThat(index.count()).isEqualTo(ContractFixture.SIZE);
        assertThat(index.get("changzhi-city:abandoned")).isEmpty();
        assertThat(storedGenerations()).isEqualTo(before);
        // A closed rebuild cannot be swapped in, and a new one can start.
        try (IndexRebuild again = index.rebuild()) {
            again.upsert(ContractFixture.records());
            assertThat(again.swap()).isEqualTo(ContractFixture.SIZE);
            assertThatThrownBy(again::swap).isInstanceOf(IllegalStateException.class);
        }
        assertThat(index.count()).isEqualTo(ContractFixture.SIZE);
    }

    @Test
    void aRebuiltIndexReturnsEveryFieldOfTheRecordAsCatalogued() {
        CanonicalRecord full = CanonicalRecord.builder("changzhi-city", "full-1").format(RecordFormat.MARCXML)
                .kind(ResourceKind.RARE_BOOK).title("潞安府志 上册").year(1770).language("chi").library("长治市图书馆")
                .datestamp(STAMP).edition("乾隆三十五年刻本").volume("上册").fingerprint("ushi e.i, i-i- 3/4 1770")
                .theme("古籍").theme("方志").genre("上党梆子").fullText("潞安府，古上党郡也。")
                .rights("CC BY-NC 4.0").media(new MediaLink(MediaLink.Kind.IIIF_MANIFEST,
                        "https://iiif.example.org/luan/manifest.json", Optional.of("全书"), Optional.of("application/json"),
                        Optional.of(1024L)))
                .workId("work:luan-fuzhi").build();

        index.upsert(List.of(full));
        index.commit();
        assertThat(index.get(full.id())).contains(full);
        try (IndexRebuild rebuild = index.rebuild()) {
            rebuild.upsert(List.of(full));
            rebuild.swap();
        }

        assertThat(index.get(full.id())).contains(full);
        SearchResult.Hit hit = index.search(new SearchQuery("潞安府志", Map.of(), 1, 10, SearchQuery.Collapse.WORK))
                .hits().stream().filter(h -> h.id().equals(full.id())).findFirst().orElseThrow();
        assertThat(hit.workId()).isEqualTo("work:luan-fuzhi");
        assertThat(hit.workSize()).contains(1L);
    }

    private static CanonicalRecord record(String source, String id, String title) {
        return CanonicalRecord.builder(source, id).format(RecordFormat.OAI_DC).kind(ResourceKind.BOOK).title(title)
                .year(2024).language("chi").library("长治市图书馆").datestamp(STAMP).build();
    }
}
