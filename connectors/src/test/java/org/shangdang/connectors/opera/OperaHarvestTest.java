package org.shangdang.connectors.opera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.fixtures.OperaDatabaseFixture;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/** The JDBC connector against a real embedded H2 database seeded from the fixture SQL. */
class OperaHarvestTest {

    private OperaDatabaseUnderTest db;

    @BeforeEach
    void seedTheDatabase() throws SQLException {
        db = new OperaDatabaseUnderTest();
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        db.close();
    }

    @Test
    void fullHarvestReadsEveryWorkAndRecordingOnceInChangeOrderAcrossPages() {
        // when every change is read, five rows a page
        List<OperaPage> pages = pages(db.database(5), Optional.empty());

        // then 19 rows come in pages of 5, 5, 5, 4, oldest change first, the last page saying no more follow
        List<RawRecord> records = pages.stream().flatMap(p -> p.records().stream()).toList();
        assertThat(pages).extracting(p -> p.records().size()).containsExactly(5, 5, 5, 4);
        assertThat(pages).extracting(OperaPage::more).containsExactly(true, true, true, false);
        assertThat(records).hasSize(OperaDatabaseFixture.WORKS + OperaDatabaseFixture.RECORDINGS);
        assertThat(records).extracting(RawRecord::recordId).doesNotHaveDuplicates()
                .contains("work/w-sanguan", "work/w-jingwei", "recording/r-sanguan-1998", "recording/r-jingwei");
        assertThat(records).extracting(RawRecord::datestamp).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(records).allSatisfy(r -> assertThat(r.format()).isEqualTo(RecordFormat.OPERA_DB));
        assertThat(records.get(0).recordId()).isEqualTo("work/w-sanguan");
        assertThat(records.get(0).datestamp()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(pages.get(3).maxUpdatedAt()).isEqualTo(Instant.parse("2026-08-10T09:00:00Z"));
    }

    @Test
    void aWithdrawnRecordingIsADeletedRecordWithoutPayload() {
        List<RawRecord> records = records(db.database(50), Optional.empty());

        RawRecord withdrawn = find(records, "recording/r-xihuo-old");
        assertThat(withdrawn.status()).isEqualTo(RecordStatus.DELETED);
        assertThat(withdrawn.payload()).isEmpty();
        assertThat(records).filteredOn(RawRecord::isDeleted).hasSize(1);
    }

    @Test
    void aRecordingPayloadJoinsItsWorkGenreTroupePerformersLyricsAndMediaFiles() {
        RawRecord recording = find(records(db.database(50), Optional.empty()), "recording/r-sanguan-1998");

        String json = new String(recording.payload(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"recording\"", "\"title\":\"三关排宴（全剧）演出录像\"",
                "\"name\":\"上党梆子\"", "\"name\":\"长治市上党梆子剧院\"", "\"name\":\"郭金顺\"",
                "佘太君坐三关心中暗想", "sanguan-1998-part1.mp4", "\"bytes\":1843200000", "\"duration_seconds\":4210",
                "\"recorded_on\":\"1998-10-01\"");
    }

    @Test
    void incrementalHarvestFromTheHighWaterMarkReadsOnlyRowsChangedSince() throws SQLException {
        // given a completed full harvest and its high-water mark
        List<OperaPage> full = pages(db.database(5), Optional.empty());
        Instant highWater = full.get(full.size() - 1).maxUpdatedAt();
        // and then a work edited and a recording added in the database
        db.execute("UPDATE work SET synopsis = '长子县发鸠山精卫传说，新整理本。', updated_at = TIMESTAMP '2026-11-20 10:00:00'"
                + " WHERE id = 'w-jingwei'");
        db.execute("INSERT INTO recording (id, work_id, title, troupe_id, recorded_on, county, withdrawn, updated_at)"
                + " VALUES ('r-jingwei-2026', 'w-jingwei', '长子鼓书《精卫填海》新录音', 'zzqy', DATE '2026-11-18',"
                + " '长子县', FALSE, TIMESTAMP '2026-11-21 09:00:00')");

        // when the next harvest starts from the high-water mark
        List<RawRecord> changed = records(db.database(5), Optional.of(OperaPosition.changedSince(highWater)));

        // then it reads the two changes and the edited work's recording (its payload shows the work), and re-reads
        // only the row stamped exactly at the mark (a row committed later with the same updated_at would otherwise be
        // missed)
        assertThat(changed).extracting(RawRecord::recordId).containsExactly("recording/r-xihuo-old",
                "recording/r-jingwei", "work/w-jingwei", "recording/r-jingwei-2026");
        assertThat(new String(find(changed, "work/w-jingwei").payload(), StandardCharsets.UTF_8)).contains("新整理本");
    }

    @Test
    void correctingOnlyAPerformersNameReEmitsEveryWorkAndRecordingThatShowsThem() throws SQLException {
        // given a completed full harvest and its high-water mark
        List<OperaPage> full = pages(db.database(5), Optional.empty());
        Instant highWater = full.get(full.size() - 1).maxUpdatedAt();
        // and then only a performer's row corrected: 郭金顺 plays in 三关排宴, 天波楼 and 大禹治水 and three recordings
        db.execute("UPDATE performer SET name = '郭金舜', updated_at = TIMESTAMP '2026-11-22 10:00:00'"
                + " WHERE id = 'p-guojs'");

        // when the next harvest starts from the high-water mark
        List<RawRecord> changed = records(db.database(5), Optional.of(OperaPosition.changedSince(highWater)));

        // then every work and recording that shows the performer comes again, stamped with the correction's time,
        // with the new name, besides the row stamped exactly at the mark
        assertThat(changed).extracting(RawRecord::recordId).containsExactlyInAnyOrder("recording/r-xihuo-old",
                "work/w-sanguan", "work/w-tianbolou", "work/w-dayu",
                "recording/r-sanguan-1998", "recording/r-sanguan-aria", "recording/r-dayu-2019");
        assertThat(changed).filteredOn(r -> !r.recordId().equals("recording/r-xihuo-old")).allSatisfy(r -> {
            assertThat(r.datestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(new String(r.payload(), StandardCharsets.UTF_8)).contains("郭金舜").doesNotContain("郭金顺");
        });
    }

    @Test
    void correctingOnlyAGenreOrATroupeReEmitsTheWorksAndRecordingsThatReferToIt() throws SQLException {
        // given a completed full harvest and its high-water mark
        List<OperaPage> full = pages(db.database(5), Optional.empty());
        Instant highWater = full.get(full.size() - 1).maxUpdatedAt();
        // and then only the genre 长子鼓书 (精卫填海 and its recording) and the troupe of 端灯 corrected
        db.execute("UPDATE genre SET description = '长子县被誉为中国曲艺之乡。', updated_at = TIMESTAMP '2026-11-23 08:00:00'"
                + " WHERE id = 'zhangzi-gushu'");
        db.execute("UPDATE troupe SET name = '潞城区上党落子剧团', updated_at = TIMESTAMP '2026-11-23 09:00:00'"
                + " WHERE id = 'lcluozi'");

        // when the next harvest starts from the high-water mark
        List<RawRecord> changed = records(db.database(5), Optional.of(OperaPosition.changedSince(highWater)));

        // then exactly the rows that show the genre or the troupe come again, in change order
        assertThat(changed).extracting(RawRecord::recordId).containsExactly("recording/r-xihuo-old",
                "recording/r-jingwei", "work/w-jingwei", "recording/r-duandeng", "work/w-duandeng");
        assertThat(new String(find(changed, "work/w-duandeng").payload(), StandardCharsets.UTF_8))
                .contains("潞城区上党落子剧团");
    }

    @Test
    void aHarvestResumedFromAPageTokenReadsTheRestWithoutRepeatingAnyRow() {
        // given the first page of a harvest, committed with its token
        OperaPage first;
        try (OperaHarvest harvest = OperaHarvest.open(db.database(5), Optional.empty())) {
            first = harvest.next();
        }
        Optional<OperaPosition> resumeAt = first.token().flatMap(OperaPosition::parse);

        // when a new harvest resumes after it
        List<RawRecord> rest = records(db.database(5), resumeAt);

        // then it reads every other row, and none of the first page
        assertThat(rest).hasSize(OperaDatabaseFixture.WORKS + OperaDatabaseFixture.RECORDINGS - 5);
        assertThat(rest).extracting(RawRecord::recordId)
                .doesNotContainAnyElementsOf(first.records().stream().map(RawRecord::recordId).toList());
    }

    @Test
    void anUnreachableDatabaseIsASetupFailureNamingTheSourceAndUrl() {
        OperaDatabase missing = new OperaDatabase("shangdang-opera", "jdbc:h2:mem:nothing-here;IFEXISTS=TRUE",
                Optional.empty(), Optional.empty(), 10);

        assertThatThrownBy(() -> OperaHarvest.open(missing, Optional.empty()))
                .isInstanceOf(OperaDatabaseException.class)
                .hasMessageContaining("shangdang-opera")
                .hasMessageContaining("jdbc:h2:mem:nothing-here");
    }

    @Test
    void aTokenRoundTripsAndForeignTokensAreIgnored() {
        OperaPosition position = new OperaPosition(Instant.parse("2026-03-02T08:00:00Z"), "work", "w-sanguan");

        assertThat(OperaPosition.parse(position.token())).contains(position);
        assertThat(OperaPosition.parse("51")).isEmpty();
        assertThat(OperaPosition.parse("not-a-date|work|x")).isEmpty();
    }

    static List<OperaPage> pages(OperaDatabase database, Optional<OperaPosition> from) {
        List<OperaPage> pages = new ArrayList<>();
        try (OperaHarvest harvest = OperaHarvest.open(database, from)) {
            harvest.forEachRemaining(pages::add);
        }
        return pages;
    }

    static List<RawRecord> records(OperaDatabase database, Optional<OperaPosition> from) {
        return pages(database, from).stream().flatMap(p -> p.records().stream()).toList();
    }

    static RawRecord find(List<RawRecord> records, String recordId) {
        return records.stream().filter(r -> r.recordId().equals(recordId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + recordId + " in " + records));
    }
}
