package org.shangdang.indexer.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shangdang.indexer.suggest.SuggestIndexTest.record;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.indexer.SearchQuery;
import org.shangdang.indexer.lucene.LuceneSearchIndex;

/** The suggestions follow a real Lucene index through upserts, deletes, commits and a restart. */
class SuggestingSearchIndexTest {

    @TempDir
    Path dir;

    private static List<String> texts(SuggestIndex suggest, String q) {
        return suggest.suggest(q, 10).stream().map(Suggestion::text).toList();
    }

    @Test
    void writesReachTheSuggestionsWhenCommittedAndNotBefore() throws Exception {
        try (SuggestingSearchIndex index = new SuggestingSearchIndex(
                LuceneSearchIndex.open(dir), new SuggestIndex(), SuggestRefresh.ON_COMMIT)) {
            index.upsert(List.of(record("1", "上党梆子选段", List.of("郝聘之"), List.of("上党梆子"))));
            assertThat(texts(index.suggestions(), "sdbz")).isEmpty();

            index.commit();

            assertThat(index.search(SearchQuery.of("上党梆子")).total()).isEqualTo(1);
            assertThat(texts(index.suggestions(), "sdbz")).containsExactlyInAnyOrder("上党梆子选段", "上党梆子");
            assertThat(texts(index.suggestions(), "hao")).containsExactly("郝聘之");

            index.delete(List.of("test:1"));
            index.commit();

            assertThat(texts(index.suggestions(), "sdbz")).isEmpty();
        }
    }

    @Test
    void anIndexWrittenBeforeIsReadBackAtStartUp() throws Exception {
        try (LuceneSearchIndex engine = LuceneSearchIndex.open(dir)) {
            engine.upsert(List.of(
                    record("1", "长子县志", List.of(), List.of("地方志")),
                    record("2", "長治風物", List.of("赵树理"), List.of())));
            engine.commit();
        }

        try (SuggestingSearchIndex reopened = new SuggestingSearchIndex(
                LuceneSearchIndex.open(dir), new SuggestIndex(), SuggestRefresh.ON_COMMIT)) {
            int read = reopened.loadFromEngine();

            assertThat(read).isEqualTo(2);
            assertThat(texts(reopened.suggestions(), "zhangzi")).containsExactly("长子县志");
            assertThat(texts(reopened.suggestions(), "长治")).containsExactly("長治風物");
            assertThat(texts(reopened.suggestions(), "dfz")).containsExactly("地方志");
        }
    }
}
