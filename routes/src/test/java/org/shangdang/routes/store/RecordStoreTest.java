package org.shangdang.routes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;

class RecordStoreTest {

    private static final Instant MARCH = Instant.parse("2024-03-01T08:30:00Z");

    private RecordStore store;

    @BeforeEach
    void migrateFreshDatabase() {
        store = new RecordStore(migratedDataSource());
    }

    /** A new, empty database with the record store's tables: H2 in PostgreSQL mode, migrated by Flyway. */
    protected DataSource migratedDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:store-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        return dataSource;
    }

    @Test
    void upsertingTheSameRecordTwiceKeepsOneRowWithTheLaterVersion() {
        // given a stored record
        store.upsertRaw(List.of(raw("a", MARCH, "<first/>", RecordStatus.PRESENT), raw("b", MARCH, "<b/>", RecordStatus.PRESENT)));

        // when the source serves it again, changed, and then deleted another
        Instant april = Instant.parse("2024-04-01T00:00:00Z");
        store.upsertRaw(List.of(raw("a", april, "<second/>", RecordStatus.PRESENT), raw("b", april, "", RecordStatus.DELETED)));

        // then
        assertThat(store.rawCount("changzhi-city")).isEqualTo(2);
        RawRecord a = store.raw("changzhi-city", "a").orElseThrow();
        assertThat(new String(a.payload(), StandardCharsets.UTF_8)).isEqualTo("<second/>");
        assertThat(a.datestamp()).isEqualTo(april);
        assertThat(store.raw("changzhi-city", "b").orElseThrow().status()).isEqualTo(RecordStatus.DELETED);
        assertThat(store.rawCount("zhangzi-county")).isZero();
    }

    @Test
    void checkpointRoundTripsAndIsReplaced() {
        // given no checkpoint yet
        assertThat(store.checkpoint("changzhi-city")).isEmpty();

        // when one is saved mid-list, then replaced at the end of the list
        store.saveCheckpoint(new Checkpoint("changzhi-city", Optional.of("token-2"), Optional.of(MARCH), Optional.empty()));
        Checkpoint midList = store.checkpoint("changzhi-city").orElseThrow();
        store.saveCheckpoint(new Checkpoint("changzhi-city", Optional.empty(), Optional.empty(), Optional.of(MARCH)));

        // then
        assertThat(midList).isEqualTo(new Checkpoint("changzhi-city", Optional.of("token-2"), Optional.of(MARCH), Optional.empty()));
        assertThat(store.checkpoint("changzhi-city")).contains(
                new Checkpoint("changzhi-city", Optional.empty(), Optional.empty(), Optional.of(MARCH)));
    }

    @Test
    void jobCountersAndEndStateAreRecorded() {
        // given a started job
        JobStatus started = store.startJob("changzhi-city", HarvestMode.FULL);
        assertThat(started.state()).isEqualTo(JobState.RUNNING);

        // when its counters are updated and it fails
        store.updateJob(new JobStatus(started.id(), "changzhi-city", HarvestMode.FULL, JobState.RUNNING,
                100, 100, 98, 1, 1, 2, started.startedAt(), Optional.empty(), Optional.empty()));
        JobStatus failed = store.finishJob(started.id(), JobState.FAILED, Optional.of("source unreachable"));

        // then
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.seen()).isEqualTo(100);
        assertThat(failed.indexed()).isEqualTo(98);
        assertThat(failed.pages()).isEqualTo(2);
        assertThat(failed.startedAt()).isEqualTo(started.startedAt());
        assertThat(failed.endedAt()).isPresent();
        assertThat(failed.lastError()).contains("source unreachable");
        assertThat(store.job(started.id())).contains(failed);
    }

    @Test
    void recentJobsAreNewestFirstAndInterruptedOnesCanBeFailed() {
        // given two jobs, the second still running
        JobStatus first = store.startJob("changzhi-city", HarvestMode.FULL);
        store.finishJob(first.id(), JobState.COMPLETED, Optional.empty());
        JobStatus second = store.startJob("zhangzi-county", HarvestMode.INCREMENTAL);

        // when the application restarts
        int interrupted = store.failInterruptedJobs("interrupted: the application stopped");

        // then
        assertThat(interrupted).isEqualTo(1);
        assertThat(store.recentJobs(10)).extracting(JobStatus::id).containsExactly(second.id(), first.id());
        assertThat(store.job(second.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(store.job(first.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThatThrownBy(() -> store.finishJob(999, JobState.COMPLETED, Optional.empty()))
                .hasMessageContaining("999");
    }

    @Test
    void pausedJobReturnsToRunningAndIsFailedWhenInterrupted() {
        // given a running job that pauses and resumes, and one that stays paused
        JobStatus resumed = store.startJob("changzhi-city", HarvestMode.FULL);
        store.setRunningState(resumed.id(), JobState.PAUSED);
        assertThat(store.job(resumed.id()).orElseThrow().state()).isEqualTo(JobState.PAUSED);
        store.setRunningState(resumed.id(), JobState.RUNNING);
        JobStatus paused = store.startJob("zhangzi-county", HarvestMode.FULL);
        store.setRunningState(paused.id(), JobState.PAUSED);
        JobStatus ended = store.startJob("changzhi-city", HarvestMode.INCREMENTAL);
        store.finishJob(ended.id(), JobState.COMPLETED, Optional.empty());

        // when an ended job is marked paused, and the application restarts
        store.setRunningState(ended.id(), JobState.PAUSED);
        int interrupted = store.failInterruptedJobs("interrupted: the application stopped");

        // then the ended job kept its end, and both unfinished jobs, paused or running, are failed
        assertThat(store.job(ended.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        assertThat(interrupted).isEqualTo(2);
        assertThat(store.job(resumed.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThat(store.job(paused.id()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        assertThatThrownBy(() -> store.setRunningState(paused.id(), JobState.COMPLETED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMPLETED");
        assertThatThrownBy(() -> store.finishJob(paused.id(), JobState.PAUSED, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PAUSED");
    }

    @Test
    void rejectsKeepReasonAndPayloadPerJob() {
        // given a job
        JobStatus job = store.startJob("changzhi-city", HarvestMode.FULL);
        RawRecord bad = raw("oai:changzhi:bad", MARCH, "<record>no title</record>", RecordStatus.PRESENT);

        // when a record is rejected
        Reject reject = store.addReject(job.id(), bad, "changzhi-city:oai:changzhi:bad: no title (200$a empty)");

        // then
        assertThat(store.rejects(job.id())).containsExactly(reject);
        assertThat(reject.recordId()).isEqualTo("oai:changzhi:bad");
        assertThat(new String(reject.payload(), StandardCharsets.UTF_8)).isEqualTo("<record>no title</record>");
        assertThat(store.rejects(job.id() + 1)).isEmpty();
    }

    private static RawRecord raw(String id, Instant datestamp, String payload, RecordStatus status) {
        return new RawRecord("changzhi-city", id, datestamp, RecordFormat.MARCXML,
                payload.getBytes(StandardCharsets.UTF_8), status);
    }
}
