package org.shangdang.indexer.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.RecordFormat;

class SuggestIndexTest {

    private final SuggestIndex suggest = new SuggestIndex();

    @AfterEach
    void close() {
        suggest.close();
    }

    static CanonicalRecord record(String id, String title, List<String> creators, List<String> subjects) {
        CanonicalRecord.Builder builder = CanonicalRecord.builder("test", id)
                .format(RecordFormat.MARCXML)
                .title(title)
                .library("长治市图书馆")
                .datestamp(Instant.parse("2026-11-01T08:00:00Z"));
        creators.forEach(c -> builder.creator(Creator.of(c)));
        subjects.forEach(builder::subject);
        return builder.build();
    }

    private List<String> texts(String q) {
        return suggest.suggest(q, 10).stream().map(Suggestion::text).toList();
    }

    @Test
    void completesSimplifiedAndTraditionalCharactersAndShowsTheTermAsCatalogued() {
        suggest.upsert(List.of(
                record("1", "上党梆子传统剧目集成", List.of("长治市戏剧研究所"), List.of("上党梆子")),
                record("2", "長治地方志", List.of(), List.of())));
        suggest.refresh();

        assertThat(texts("上党")).containsExactlyInAnyOrder("上党梆子传统剧目集成", "上党梆子");
        assertThat(texts("上黨")).containsExactlyInAnyOrder("上党梆子传统剧目集成", "上党梆子");
        assertThat(texts("长治")).containsExactlyInAnyOrder("長治地方志", "长治市戏剧研究所");
        assertThat(texts("剧目")).isEmpty();
    }

    @Test
    void completesFullPinyinWithOrWithoutSpacesAndInitials() {
        suggest.upsert(List.of(record("1", "太行山风光", List.of("赵树理"), List.of("上党梆子"))));
        suggest.refresh();

        assertThat(texts("shangdang")).containsExactly("上党梆子");
        assertThat(texts("shang dang")).containsExactly("上党梆子");
        assertThat(texts("sdbz")).containsExactly("上党梆子");
        assertThat(texts("taihang")).containsExactly("太行山风光");
        assertThat(texts("zsl")).containsExactly("赵树理");
        Suggestion subject = suggest.suggest("sdbz", 5).get(0);
        assertThat(subject.kind()).isEqualTo(SuggestionKind.SUBJECT);
        assertThat(subject.pinyin()).isEqualTo("shang dang bang zi");
    }

    @Test
    void localReadingsOfPlaceNamesAreUsed() {
        suggest.upsert(List.of(
                record("1", "长子县志", List.of(), List.of()),
                record("2", "长治市志", List.of(), List.of())));
        suggest.refresh();

        assertThat(texts("zhangzi")).containsExactly("长子县志");
        assertThat(texts("changzhi")).containsExactly("长治市志");
        assertThat(texts("zzxz")).containsExactly("长子县志");
    }

    @Test
    void ranksByRecordsCarryingTheTermWithTitlesBeforeCreatorsBeforeSubjects() {
        suggest.upsert(List.of(
                record("1", "上党古戏台", List.of(), List.of("上党文化")),
                record("2", "上党民歌", List.of(), List.of("上党文化")),
                record("3", "上党民歌续集", List.of("上党文艺社"), List.of("上党文化")),
                record("4", "上党民歌三集", List.of("上党文艺社"), List.of())));
        suggest.refresh();

        List<Suggestion> found = suggest.suggest("上党", 10);

        // 上党文化: 3 records × subject weight 1 = 3; 上党文艺社: 2 × 2 = 4; each title: 1 × 3 = 3.
        assertThat(found.get(0).text()).isEqualTo("上党文艺社");
        assertThat(found.get(0).kind()).isEqualTo(SuggestionKind.CREATOR);
        assertThat(found.get(0).count()).isEqualTo(2);
        assertThat(found.stream().filter(s -> s.text().equals("上党文化")).findFirst().orElseThrow().count()).isEqualTo(3);
        assertThat(found).hasSize(6);
        assertThat(suggest.suggest("上党", 2)).hasSize(2);
    }

    @Test
    void aTermEqualToTheWholeQueryComesFirst() {
        suggest.upsert(List.of(
                record("1", "戏曲", List.of(), List.of()),
                record("2", "戏曲研究", List.of(), List.of("戏曲研究")),
                record("3", "戏曲研究二", List.of(), List.of("戏曲研究"))));
        suggest.refresh();

        assertThat(texts("戏曲").get(0)).isEqualTo("戏曲");
    }

    @Test
    void upsertReplacesARecordsTermsAndDeleteRemovesThem() {
        suggest.upsert(List.of(record("1", "太行风物", List.of(), List.of())));
        suggest.upsert(List.of(record("1", "太行风物", List.of(), List.of())));
        suggest.refresh();
        assertThat(suggest.suggest("太行", 5)).singleElement().extracting(Suggestion::count).isEqualTo(1);

        suggest.upsert(List.of(record("1", "太岳风物", List.of(), List.of())));
        suggest.refresh();
        assertThat(texts("太")).containsExactly("太岳风物");

        suggest.delete(List.of("test:1", "test:never-indexed"));
        suggest.refresh();
        assertThat(texts("太")).isEmpty();
        assertThat(suggest.stats().records()).isZero();
    }

    @Test
    void aTermNoRecordCarriedComesBackWhenARecordCarriesItAgain() {
        suggest.upsert(List.of(record("1", "屯留县志", List.of(), List.of("地方志"))));
        suggest.refresh();
        suggest.delete(List.of("test:1"));
        suggest.refresh();
        assertThat(texts("tlxz")).isEmpty();

        suggest.upsert(List.of(record("2", "屯留县志", List.of(), List.of("地方志")), record("3", "平顺县志", List.of(), List.of("地方志"))));
        suggest.refresh();

        assertThat(texts("tlxz")).containsExactly("屯留县志");
        assertThat(suggest.suggest("dfz", 5)).singleElement().extracting(Suggestion::count).isEqualTo(2);
        assertThat(suggest.stats().terms()).isEqualTo(3);
    }

    @Test
    void aTextThatIsBothTitleAndSubjectIsSuggestedOnce() {
        suggest.upsert(List.of(record("1", "上党梆子", List.of(), List.of("上党梆子"))));
        suggest.refresh();

        assertThat(suggest.suggest("sdbz", 5)).singleElement().extracting(Suggestion::kind).isEqualTo(SuggestionKind.TITLE);
    }

    @Test
    void changesShowOnlyAfterRefresh() {
        suggest.upsert(List.of(record("1", "沁源县志", List.of(), List.of())));
        assertThat(texts("沁源")).isEmpty();

        suggest.refresh();

        assertThat(texts("沁源")).containsExactly("沁源县志");
    }

    @Test
    void backgroundRefreshEventuallyShowsTheChanges() throws InterruptedException {
        suggest.upsert(List.of(record("1", "黎城县志", List.of(), List.of())));

        suggest.refreshInBackground();

        long deadline = System.currentTimeMillis() + 5_000;
        while (texts("黎城").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(texts("黎城")).containsExactly("黎城县志");
    }

    @Test
    void blankOrPunctuationOnlyQueriesSuggestNothing() {
        suggest.upsert(List.of(record("1", "沁县志", List.of(), List.of())));
        suggest.refresh();

        assertThat(suggest.suggest("", 5)).isEmpty();
        assertThat(suggest.suggest("  ，。", 5)).isEmpty();
    }

    @Test
    void hostileInputIsRefusedWithAMessageNamingTheValue() {
        assertThatThrownBy(() -> suggest.suggest("长".repeat(101), 5))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("got: 101");
        assertThatThrownBy(() -> suggest.suggest("长\u0000治", 5))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> suggest.suggest("长治", 0))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("got: 0");
        assertThatThrownBy(() -> suggest.suggest("长治", 21))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("got: 21");
    }
}
