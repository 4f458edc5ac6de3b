package org.shangdang.indexer.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.indexer.RecordHeadings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.SearchLimits;
import org.shangdang.indexer.suggest.SuggestIndex;
import org.shangdang.indexer.suggest.SuggestRefresh;
import org.shangdang.indexer.suggest.SuggestingSearchIndex;
import org.shangdang.indexer.suggest.Suggestion;
import org.shangdang.indexer.suggest.SuggestionKind;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;

/**
 * What every engine promises about {@link SearchIndex#scanHeadings}, on an index larger than the search
 * window ({@link SearchLimits#MAX_WINDOW}): every record once, none deleted, headings as catalogued, and
 * so suggestions that know every title after a restart. Subclasses open the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScanContract {

    /** More records than a search can page to; the last {@link #LAST} carry a title no other record has. */
    static final int RECORDS = SearchLimits.MAX_WINDOW + 50;
    static final int LAST = 50;
    private static final Instant STAMP = Instant.parse("2026-11-01T08:00:00Z");
    private static final String TRADITIONAL = "changzhi-city:traditional";
    private static final String DELETED = "changzhi-city:deleted";

    /** Opens an empty index of the engine under test. */
    protected abstract SearchIndex openEmptyIndex();

    /** Opens the index {@link #openEmptyIndex()} opened once more, as a restarted service does. */
    protected abstract SearchIndex reopen();

    /** Removes what the index stored; every index opened is closed by then. */
    protected abstract void remove() throws IOException;

    @BeforeAll
    void indexMoreRecordsThanTheSearchWindow() throws IOException {
        try (SearchIndex index = openEmptyIndex()) {
            List<CanonicalRecord> batch = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                boolean last = i >= RECORDS - LAST;
                batch.add(record(String.format("%05d", i), last ? "沁水县志稿本" : "长治地方文献 第" + i + "辑",
                        List.of("长治市图书馆编"), List.of("地方文献")));
                if (batch.size() == 1000) {
                    index.upsert(batch);
                    batch.clear();
                }
            }
            batch.add(record("traditional", "上黨梆子唱腔集", List.of("郝聘之"), List.of("上党梆子", "戲曲音樂")));
            batch.add(record("deleted", "黎城县已撤销记录", List.of(), List.of()));
            index.upsert(batch);
            index.commit();
            index.delete(List.of(DELETED));
            index.commit();
        }
    }

    @AfterAll
    void removeTheIndex() throws IOException {
        remove();
    }

    private static CanonicalRecord record(String id, String title, List<String> creators, List<String> subjects) {
        CanonicalRecord.Builder builder = CanonicalRecord.builder("changzhi-city", id).format(RecordFormat.MARCXML)
                .title(title).library("长治市图书馆").datestamp(STAMP);
        creators.forEach(c -> builder.creator(Creator.of(c)));
        subjects.forEach(builder::subject);
        return builder.build();
    }

    @Test
    void everyRecordIsScannedOnceInBoundedBatchesAndADeletedOneIsNot() throws IOException {
        List<Integer> batchSizes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int[] scanned = {0};
        try (SearchIndex index = reopen()) {
            index.scanHeadings(1000, batch -> {
                batchSizes.add(batch.size());
                batch.forEach(h -> ids.add(h.id()));
                scanned[0] += batch.size();
            });
        }

        assertThat(scanned[0]).isEqualTo(RECORDS + 1);
        assertThat(ids).hasSize(RECORDS + 1).contains("changzhi-city:" + (RECORDS - 1), TRADITIONAL).doesNotContain(DELETED);
        assertThat(batchSizes).allMatch(size -> size >= 1 && size <= 1000);
    }

    @Test
    void headingsAreReadAsCatalogued() throws IOException {
        List<RecordHeadings> found = new ArrayList<>();
        try (SearchIndex index = reopen()) {
            index.scanHeadings(500, batch -> batch.stream().filter(h -> h.id().equals(TRADITIONAL)).forEach(found::add));
        }

        assertThat(found).containsExactly(
                new RecordHeadings(TRADITIONAL, "上黨梆子唱腔集", List.of("郝聘之"), List.of("上党梆子", "戲曲音樂")));
    }

    @Test
    void aRestartedServiceSuggestsATitleOnlyTheLastRecordsCarry() throws IOException {
        try (SuggestingSearchIndex restarted = new SuggestingSearchIndex(reopen(), new SuggestIndex(), SuggestRefresh.ON_COMMIT)) {
            int read = restarted.loadFromEngine();

            assertThat(read).isEqualTo(RECORDS + 1);
            List<Suggestion> found = restarted.suggestions().suggest("qsxz", 5);
            assertThat(found).extracting(Suggestion::text).containsExactly("沁水县志稿本");
            assertThat(found.get(0).count()).isEqualTo(LAST);
            assertThat(found.get(0).kind()).isEqualTo(SuggestionKind.TITLE);
            assertThat(restarted.suggestions().suggest("沁水", 5)).extracting(Suggestion::text).containsExactly("沁水县志稿本");
            assertThat(restarted.suggestions().suggest("上党梆子", 5)).extracting(Suggestion::text)
                    .containsExactlyInAnyOrder("上党梆子", "上黨梆子唱腔集");
            assertThat(restarted.suggestions().suggest("黎城", 5)).as("a deleted record's title").isEmpty();
        }
    }
}
