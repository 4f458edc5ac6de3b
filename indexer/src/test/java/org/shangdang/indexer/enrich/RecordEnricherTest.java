package org.shangdang.indexer.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RecordFormat;

class RecordEnricherTest {

    private static final RecordEnricher ENRICHER = RecordEnricher.builtIn();

    private static CanonicalRecord.Builder book(String title) {
        return CanonicalRecord.builder("changzhi-city", "b1").format(RecordFormat.MARCXML).title(title)
                .library("长治市图书馆").datestamp(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aCityRecordGetsTheCountyItsTitleNames() {
        assertThat(ENRICHER.enrich(book("武乡县志").build()).county()).contains("武乡县");
        assertThat(ENRICHER.enrich(book("沁州三弦书研究").build()).county()).contains("沁县");
        assertThat(ENRICHER.enrich(book("潞城市地名录").build()).county()).contains("潞城区");
    }

    @Test
    void theSourcesCountyIsKeptWhateverTheTextSays() {
        CanonicalRecord record = book("武乡秧歌选").county("长子县").build();

        assertThat(ENRICHER.enrich(record).county()).contains("长子县");
    }

    @Test
    void theTitleNamesTheCountyBeforeTheDescriptionDoes() {
        CanonicalRecord record = book("黎城县文物志").description("书中也记述了平顺县的古建筑。").build();

        assertThat(ENRICHER.enrich(record).county()).contains("黎城县");
    }

    @Test
    void anOrdinaryWordThatLooksLikeAPlaceGivesNoCounty() {
        // 长子 alone means "eldest son"; 上党 names the whole city.
        CanonicalRecord record = book("长子继承制研究").subject("上党").build();

        assertThat(ENRICHER.enrich(record).county()).isEmpty();
    }

    @Test
    void everyReadingThemeWhoseTermOccursIsAdded() {
        CanonicalRecord record = book("太行山的故事").description("从精卫填海、大禹治水的传说讲到八路军和太行精神。").build();

        assertThat(ENRICHER.enrich(record).themes()).containsExactly("神话", "红色文化");
    }

    @Test
    void themesMatchTraditionalAndFullWidthTextAndKeepThoseTheRecordHad() {
        CanonicalRecord record = book("上黨堆錦技藝").theme("古籍").fullText("黎侯虎ＡＢＣ").build();

        assertThat(ENRICHER.enrich(record).themes()).containsExactly("古籍", "民间艺术");
    }

    @Test
    void aRecordAboutAGenreGetsTheGenreAndTheSourcesGenreIsKept() {
        assertThat(ENRICHER.enrich(book("上党梆子传统剧目集成").build()).genre()).contains("上党梆子");
        assertThat(ENRICHER.enrich(book("西火秧歌唱腔").build()).genre()).contains("壶关秧歌");
        assertThat(ENRICHER.enrich(book("上党梆子与上党落子").genre("上党落子").build()).genre()).contains("上党落子");
    }

    @Test
    void aRecordTheVocabularyDoesNotCoverComesBackUnchanged() {
        CanonicalRecord record = book("红楼梦").build();

        assertThat(ENRICHER.enrich(record)).isSameAs(record);
    }

    @Test
    void enrichingTwiceGivesTheSameRecord() {
        CanonicalRecord once = ENRICHER.enrich(book("长子鼓书《精卫填海》").build());

        assertThat(ENRICHER.enrich(once)).isEqualTo(once);
        assertThat(once.county()).contains("长子县");
        assertThat(once.genre()).contains("长子鼓书");
        assertThat(once.themes()).containsExactly("神话");
    }

    @Test
    void anEditedVocabularyFileIsUsedInsteadOfTheBuiltInOne(@TempDir Path dir) throws IOException {
        // given a vocabulary with a theme of its own
        Path file = dir.resolve("vocabulary.yml");
        Files.writeString(file, """
                themes:
                  农耕文化: [羊头山, 稼穑]
                """, StandardCharsets.UTF_8);

        RecordEnricher custom = new RecordEnricher(EnrichmentVocabulary.load(file));

        CanonicalRecord record = custom.enrich(book("羊头山与神农稼穑").build());
        assertThat(record.themes()).containsExactly("农耕文化");
        assertThat(record.county()).isEmpty();
    }

    @Test
    void aVocabularyFileOfTheWrongShapeIsRefusedNamingTheFileAndEntry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yml");
        Files.writeString(file, "themes:\n  神话: 女娲补天\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EnrichmentVocabulary.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("themes.神话");
    }

    @Test
    void theBuiltInVocabularyHasTheTwelveCountiesAndFourThemesOfThePlan() {
        EnrichmentVocabulary vocabulary = EnrichmentVocabulary.builtIn();

        assertThat(vocabulary.counties()).hasSize(12).containsKeys("潞州区", "上党区", "屯留区", "潞城区", "襄垣县",
                "平顺县", "黎城县", "壶关县", "长子县", "武乡县", "沁县", "沁源县");
        assertThat(vocabulary.themes()).containsOnlyKeys("神话", "古建", "红色文化", "民间艺术");
        assertThat(vocabulary.themes().get("神话")).contains("女娲补天", "羿射九日", "神农稼穑", "精卫填海", "大禹治水");
        assertThat(vocabulary.genres()).containsKeys("上党梆子", "上党落子", "长子鼓书", "潞安鼓书", "襄垣鼓书",
                "沁州三弦书", "武乡秧歌", "壶关秧歌", "屯留道情");
    }
}
