package org.shangdang.connectors.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Creator;
import org.shangdang.record.MediaLink;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.RecordStatus;
import org.shangdang.record.ResourceKind;
import org.shangdang.record.SourceInfo;

/** Works and recordings harvested from the fixture database, mapped by the standard crosswalks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperaRecordCrosswalkTest {

    private static final SourceInfo OPERA = new SourceInfo("shangdang-opera", "长治戏曲曲艺专题库", "长治市群众艺术馆",
            Optional.empty());

    private List<RawRecord> harvested;

    @BeforeAll
    void harvestTheFixtureDatabase() throws SQLException {
        try (OperaDatabaseUnderTest db = new OperaDatabaseUnderTest()) {
            harvested = OperaHarvestTest.records(db.database(100), Optional.empty());
        }
    }

    private CanonicalRecord mapped(String recordId) throws RecordRejectedException {
        return Crosswalks.standard().map(OperaHarvestTest.find(harvested, recordId), OPERA);
    }

    @Test
    void aWorkIsRepertoireWithItsGenreHomeCountyCastTroupeAndLyricsAsFullText() throws RecordRejectedException {
        CanonicalRecord work = mapped("work/w-jingwei");

        assertThat(work.id()).isEqualTo("shangdang-opera:work/w-jingwei");
        assertThat(work.kind()).isEqualTo(ResourceKind.REPERTOIRE);
        assertThat(work.format()).isEqualTo(RecordFormat.OPERA_DB);
        assertThat(work.title()).isEqualTo("精卫填海");
        assertThat(work.genre()).contains("长子鼓书");
        assertThat(work.subjects()).contains("长子鼓书", "曲艺");
        assertThat(work.county()).contains("长子县");
        assertThat(work.creators()).contains(Creator.of("申福全", "说书"), Creator.of("长子县曲艺团", "演出"));
        assertThat(work.fullText()).hasValueSatisfying(t -> assertThat(t).contains("发鸠山上有神鸟"));
        assertThat(work.description()).hasValueSatisfying(d -> assertThat(d).contains("化为精卫鸟"));
        assertThat(work.notes()).contains("非物质文化遗产代表性项目：国家级，2011");
        assertThat(work.library()).isEqualTo("长治市群众艺术馆");
        assertThat(work.datestamp()).isEqualTo(Instant.parse("2026-05-08T08:15:00Z"));
    }

    @Test
    void theCastShowsThePartPlayed() throws RecordRejectedException {
        assertThat(mapped("work/w-sanguan").creators()).startsWith(Creator.of("郭金顺", "饰杨延辉"));
    }

    @Test
    void aRecordingWithVideoFilesIsVideoWithEveryFileLinkedWithItsSize() throws RecordRejectedException {
        CanonicalRecord recording = mapped("recording/r-sanguan-1998");

        assertThat(recording.kind()).isEqualTo(ResourceKind.VIDEO);
        assertThat(recording.genre()).contains("上党梆子");
        assertThat(recording.county()).contains("潞州区");
        assertThat(recording.year()).contains(1998);
        assertThat(recording.place()).contains("长治市人民剧场");
        assertThat(recording.subjects()).contains("上党梆子", "戏曲", "三关排宴");
        assertThat(recording.media()).containsExactly(
                new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/opera/sanguan-1998-part1.mp4",
                        Optional.of("上本"), Optional.of("video/mp4"), Optional.of(1_843_200_000L)),
                new MediaLink(MediaLink.Kind.VIDEO, "https://media.example.cn/opera/sanguan-1998-part2.mp4",
                        Optional.of("下本"), Optional.of("video/mp4"), Optional.of(1_742_800_000L)));
        assertThat(recording.notes()).contains("上本：mp4 1:10:10");
        assertThat(recording.fullText()).hasValueSatisfying(t -> assertThat(t).contains("佘太君坐三关"));
    }

    @Test
    void aRecordingWithOnlyAudioFilesIsAudio() throws RecordRejectedException {
        CanonicalRecord recording = mapped("recording/r-jingwei");

        assertThat(recording.kind()).isEqualTo(ResourceKind.AUDIO);
        assertThat(recording.media()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MediaLink.Kind.AUDIO);
            assertThat(m.mimeType()).contains("audio/flac");
        });
        assertThat(recording.creators()).contains(Creator.of("牛建英", "表演"));
    }

    @Test
    void aWorkWithoutTroupeTakesTheGenresHomeCounty() throws RecordRejectedException {
        assertThat(mapped("work/w-houyi").county()).contains("屯留区");
        assertThat(mapped("work/w-shennong").county()).contains("上党区");
    }

    @Test
    void aPayloadThatIsNotOperaJsonIsRejectedNamingTheRecord() {
        RawRecord broken = new RawRecord("shangdang-opera", "work/w-x", Instant.parse("2026-01-01T00:00:00Z"),
                RecordFormat.OPERA_DB, "<work/>".getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);
        RawRecord untitled = new RawRecord("shangdang-opera", "work/w-y", Instant.parse("2026-01-01T00:00:00Z"),
                RecordFormat.OPERA_DB, "{\"type\":\"work\",\"id\":\"w-y\"}".getBytes(StandardCharsets.UTF_8),
                RecordStatus.PRESENT);

        assertThatThrownBy(() -> Crosswalks.standard().map(broken, OPERA))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("shangdang-opera:work/w-x");
        assertThatThrownBy(() -> Crosswalks.standard().map(untitled, OPERA))
                .isInstanceOf(RecordRejectedException.class).hasMessageContaining("w-y has no title");
    }
}
