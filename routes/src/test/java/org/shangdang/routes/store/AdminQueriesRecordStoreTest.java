package org.shangdang.routes.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

/** The record store queries behind the staff API: paged job history, latest jobs, stopped jobs, paged rejects. */
class AdminQueriesRecordStoreTest {

    private RecordStore store;

    @BeforeEach
    void migrateFreshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:admin-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new RecordStore(dataSource);
    }

    @Test
    void theHistoryIsPagedNewestFirstAndFilteredBySource() {
        // given five jobs of two sources
        long a1 = store.startJob("a", HarvestMode.FULL).id();
        long b1 = store.startJob("b", HarvestMode.FULL).id();
        long a2 = store.startJob("a", HarvestMode.INCREMENTAL).id();
        long a3 = store.startJob("a", HarvestMode.INCREMENTAL).id();
        long b2 = store.startJob("b", HarvestMode.INCREMENTAL).id();

        // when the history is read in pages of two
        List<Long> first = store.jobs(Optional.empty(), 0, 2).stream().map(JobStatus::id).toList();
        List<Long> third = store.jobs(Optional.empty(), 4, 2).stream().map(JobStatus::id).toList();
        List<Long> ofA = store.jobs(Optional.of("a"), 1, 10).stream().map(JobStatus::id).toList();

        // then
        assertThat(first).containsExactly(b2, a3);
        assertThat(third).containsExactly(a1);
        assertThat(ofA).containsExactly(a2, a1);
        assertThat(store.jobCount(Optional.empty())).isEqualTo(5);
        assertThat(store.jobCount(Optional.of("b"))).isEqualTo(2);
        assertThat(b1).isLessThan(a2);
    }

    @Test
    void theLatestJobOfASourceCanBeAskedForInGivenStatesAndAStoppedJobEndsStopped() {
        long completed = store.startJob("a", HarvestMode.FULL).id();
        store.finishJob(completed, JobState.COMPLETED, Optional.empty());
        long stopped = store.startJob("a", HarvestMode.FULL).id();

        JobStatus ended = store.finishJob(stopped, JobState.STOPPED, Optional.empty());

        assertThat(ended.state()).isEqualTo(JobState.STOPPED);
        assertThat(ended.endedAt()).isPresent();
        assertThat(store.latestJob("a").map(JobStatus::id)).contains(stopped);
        assertThat(store.latestJob("a", JobState.COMPLETED).map(JobStatus::id)).contains(completed);
        assertThat(store.latestJob("a", JobState.FAILED, JobState.RUNNING)).isEmpty();
        assertThat(store.latestJob("b")).isEmpty();
    }

    @Test
    void rejectsArePagedInTheOrderMetAndOneCanBeReadWithItsPayload() {
        long job = store.startJob("a", HarvestMode.FULL).id();
        Reject first = store.addReject(job, raw("r1", "<r1/>"), "r1: no title");
        store.addReject(job, raw("r2", "<r2/>"), "r2: no title");
        store.addReject(job, raw("r3", "<r3/>"), "r3: no title");
        store.upsertRaw(List.of(raw("r1", "<r1/>"), new RawRecord("a", "gone", Instant.EPOCH, RecordFormat.MARCXML,
                new byte[0], RecordStatus.DELETED)));

        List<String> secondPage = store.rejects(job, 2, 2).stream().map(Reject::recordId).toList();

        assertThat(secondPage).containsExactly("r3");
        assertThat(store.rejectCount(job)).isEqualTo(3);
        assertThat(store.reject(first.id())).contains(first);
        assertThat(new String(store.reject(first.id()).orElseThrow().payload(), StandardCharsets.UTF_8)).isEqualTo("<r1/>");
        assertThat(store.reject(999_999)).isEmpty();
        assertThat(store.deletedRawCount("a")).isEqualTo(1);
        assertThat(store.rawCount("a")).isEqualTo(2);
    }

    private static RawRecord raw(String id, String payload) {
        return new RawRecord("a", id, Instant.parse("2024-03-01T08:30:00Z"), RecordFormat.MARCXML,
                payload.getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);
    }
}
