package org.shangdang.routes.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record store: raw records as harvested, checkpoints, jobs and rejects, in the tables that
 * {@code db/migration/V1__record_store.sql} creates (run by Flyway before first use).
 *
 * <p>Thread-safe: it holds no state besides the {@link DataSource}. Writes of one source's raw records
 * and checkpoint are expected from one job at a time (the harvest routes guarantee it); concurrent
 * {@code MERGE}s of the same row may fail on PostgreSQL with a unique violation rather than wait.
 *
 * <p>Instants are stored as {@code TIMESTAMP WITH TIME ZONE} at microsecond precision (PostgreSQL's),
 * so they are truncated to microseconds on the way in.
 */
public final class RecordStore {

    /** Long enough for any useful message, short enough to show in a dashboard. */
    private static final int MAX_TEXT = 8000;

    private static final String UPSERT_RAW = """
            MERGE INTO raw_record t
            USING (VALUES (?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, CAST(? AS BYTEA), CAST(? AS BOOLEAN),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s (source_id, record_id, datestamp, format, payload, deleted, harvested_at)
            ON t.source_id = s.source_id AND t.record_id = s.record_id
            WHEN MATCHED THEN UPDATE SET datestamp = s.datestamp, format = s.format, payload = s.payload,
                deleted = s.deleted, harvested_at = s.harvested_at,
                changed_at = CASE WHEN t.payload <> s.payload OR t.format <> s.format OR t.deleted <> s.deleted
                    THEN s.harvested_at ELSE t.changed_at END
            WHEN NOT MATCHED THEN INSERT (source_id, record_id, datestamp, format, payload, deleted, harvested_at,
                    changed_at)
                VALUES (s.source_id, s.record_id, s.datestamp, s.format, s.payload, s.deleted, s.harvested_at,
                    s.harvested_at)
            """;

    private static final String UPSERT_CHECKPOINT = """
            MERGE INTO checkpoint t
            USING (VALUES (?, CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s (source_id, resumption_token, window_from, high_water_datestamp, updated_at)
            ON t.source_id = s.source_id
            WHEN MATCHED THEN UPDATE SET resumption_token = s.resumption_token, window_from = s.window_from,
                high_water_datestamp = s.high_water_datestamp, updated_at = s.updated_at
            WHEN NOT MATCHED THEN INSERT (source_id, resumption_token, window_from, high_water_datestamp, updated_at)
                VALUES (s.source_id, s.resumption_token, s.window_from, s.high_water_datestamp, s.updated_at)
            """;

    private static final String JOB_COLUMNS = "id, source_id, mode, state, seen, stored, indexed, rejected, deleted,"
            + " pages, started_at, ended_at, last_error";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;

    /** @param dataSource a database migrated with this module's Flyway scripts */
    public RecordStore(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.batch = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Inserts or replaces these raw records by (source, record id), in one transaction: storing the same
     * record twice leaves one row holding the later one. Deleted records keep a row with the deleted flag.
     * The row's {@code changed_at} (see {@link ChangeFeed}) moves to this harvest's time only when the payload,
     * format or deleted flag differ from the stored ones.
     */
    public void upsertRaw(List<RawRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        OffsetDateTime now = timestamp(Instant.now());
        transactions.executeWithoutResult(status -> batch.batchUpdate(UPSERT_RAW, records, 200,
                (PreparedStatement ps, RawRecord r) -> {
                    ps.setString(1, r.sourceId());
                    ps.setString(2, r.recordId());
                    ps.setObject(3, timestamp(r.datestamp()));
                    ps.setString(4, r.format().name());
                    ps.setBytes(5, r.payload());
                    ps.setBoolean(6, r.isDeleted());
                    ps.setObject(7, now);
                }));
    }

    /** The number of raw records stored for a source, deleted ones included. */
    public long rawCount(String sourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM raw_record WHERE source_id = ?")
                .param(sourceId).query(Long.class).single();
    }

    /** The stored raw record, deleted ones included (with {@link RecordStatus#DELETED} and an empty payload). */
    public Optional<RawRecord> raw(String sourceId, String recordId) {
        return jdbc.sql("SELECT source_id, record_id, datestamp, format, payload, deleted FROM raw_record"
                        + " WHERE source_id = ? AND record_id = ?")
                .params(sourceId, recordId)
                .query((rs, n) -> new RawRecord(rs.getString("source_id"), rs.getString("record_id"),
                        instant(rs, "datestamp"), RecordFormat.valueOf(rs.getString("format")),
                        rs.getBytes("payload"), rs.getBoolean("deleted") ? RecordStatus.DELETED : RecordStatus.PRESENT))
                .optional();
    }

    /**
     * Streams the stored raw records of one source, or of every source, deleted ones included, in
     * (source, record id) order and in batches of at most {@code batchSize}. Each batch is read by a query
     * of its own that starts after the previous batch's last key (keyset paging), so memory stays bounded
     * however many records the store holds, and no connection or cursor is held between batches; rows
     * written meanwhile are seen if their key lies ahead of the walk.
     *
     * @param sourceId one source, or empty for all
     * @param batch called with each batch in order, never with an empty one; what it throws ends the walk
     * @return how many records were streamed
     * @throws IllegalArgumentException when {@code batchSize} is not between 1 and 10000
     */
    public long forEachRawBatch(Optional<String> sourceId, int batchSize, Consumer<List<RawRecord>> batch) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000; got: " + batchSize);
        }
        long streamed = 0;
        Optional<RawRecord> last = Optional.empty();
        while (true) {
            List<RawRecord> records = rawBatchAfter(sourceId, last, batchSize);
            if (records.isEmpty()) {
                return streamed;
            }
            streamed += records.size();
            batch.accept(records);
            if (records.size() < batchSize) {
                return streamed;
            }
            last = Optional.of(records.get(records.size() - 1));
        }
    }

    private List<RawRecord> rawBatchAfter(Optional<String> sourceId, Optional<RawRecord> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT source_id, record_id, datestamp, format, payload, deleted"
                + " FROM raw_record WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        sourceId.ifPresent(id -> {
            sql.append(" AND source_id = ?");
            params.add(id);
        });
        after.ifPresent(last -> {
            // Spelled out rather than a row-value comparison, which not every database plans as an index range.
            sql.append(" AND (source_id > ? OR (source_id = ? AND record_id > ?))");
            params.add(last.sourceId());
            params.add(last.sourceId());
            params.add(last.recordId());
        });
        sql.append(" ORDER BY source_id, record_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(RecordStore::rawRecord).list();
    }

    private static RawRecord rawRecord(ResultSet rs, int row) throws SQLException {
        return new RawRecord(rs.getString("source_id"), rs.getString("record_id"), instant(rs, "datestamp"),
                RecordFormat.valueOf(rs.getString("format")), rs.getBytes("payload"),
                rs.getBoolean("deleted") ? RecordStatus.DELETED : RecordStatus.PRESENT);
    }

    /** The source's checkpoint; empty if it was never harvested. */
    public Optional<Checkpoint> checkpoint(String sourceId) {
        return jdbc.sql("SELECT source_id, resumption_token, window_from, high_water_datestamp FROM checkpoint"
                        + " WHERE source_id = ?")
                .param(sourceId)
                .query((rs, n) -> new Checkpoint(rs.getString("source_id"),
                        Optional.ofNullable(rs.getString("resumption_token")),
                        optionalInstant(rs, "window_from"), optionalInstant(rs, "high_water_datestamp")))
                .optional();
    }

    /** Replaces the source's checkpoint. */
    public void saveCheckpoint(Checkpoint checkpoint) {
        jdbc.sql(UPSERT_CHECKPOINT)
                .params(checkpoint.sourceId(), checkpoint.resumptionToken().orElse(null),
                        checkpoint.windowFrom().map(RecordStore::timestamp).orElse(null),
                        checkpoint.highWater().map(RecordStore::timestamp).orElse(null),
                        timestamp(Instant.now()))
                .update();
    }

    /** Records a new job, {@link JobState#RUNNING} with zero counters, and returns it with its id. */
    public JobStatus startJob(String sourceId, HarvestMode mode) {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO job (source_id, mode, state, seen, stored, indexed, rejected, deleted, pages, started_at)"
                        + " VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, ?)")
                .params(sourceId, mode.name(), JobState.RUNNING.name(), timestamp(startedAt))
                .update(keys, "id");
        long id = Objects.requireNonNull(keys.getKey(), "generated job id").longValue();
        return new JobStatus(id, sourceId, mode, JobState.RUNNING, 0, 0, 0, 0, 0, 0, startedAt,
                Optional.empty(), Optional.empty());
    }

    /** Writes the counters of a job; its state, times and error are left as they are. */
    public void updateJob(JobStatus status) {
        jdbc.sql("UPDATE job SET seen = ?, stored = ?, indexed = ?, rejected = ?, deleted = ?, pages = ? WHERE id = ?")
                .params(status.seen(), status.stored(), status.indexed(), status.rejected(), status.deleted(),
                        status.pages(), status.id())
                .update();
    }

    /**
     * Ends a job: sets its final state, its end time and, for a failure, the reason.
     *
     * @throws IllegalArgumentException if there is no such job, or {@code state} is not COMPLETED, FAILED or STOPPED
     */
    public JobStatus finishJob(long id, JobState state, Optional<String> lastError) {
        if (state != JobState.COMPLETED && state != JobState.FAILED && state != JobState.STOPPED) {
            throw new IllegalArgumentException("a job ends COMPLETED, FAILED or STOPPED; got: " + state + " for job " + id);
        }
        int updated = jdbc.sql("UPDATE job SET state = ?, ended_at = ?, last_error = ? WHERE id = ?")
                .params(state.name(), timestamp(Instant.now()), lastError.map(RecordStore::clip).orElse(null), id)
                .update();
        if (updated == 0) {
            throw new IllegalArgumentException("no job with id " + id);
        }
        return job(id).orElseThrow();
    }

    /**
     * Marks a job that has not ended {@link JobState#PAUSED} (waiting for the index) or {@link JobState#RUNNING}
     * again. Idempotent; a job that has already ended is left as it is.
     *
     * @throws IllegalArgumentException if {@code state} is neither RUNNING nor PAUSED
     */
    public void setRunningState(long id, JobState state) {
        if (state != JobState.RUNNING && state != JobState.PAUSED) {
            throw new IllegalArgumentException("a running job is RUNNING or PAUSED; got: " + state + " for job " + id);
        }
        jdbc.sql("UPDATE job SET state = ? WHERE id = ? AND state IN (?, ?)")
                .params(state.name(), id, JobState.RUNNING.name(), JobState.PAUSED.name())
                .update();
    }

    /**
     * Marks jobs still {@link JobState#RUNNING} or {@link JobState#PAUSED} as failed with this reason: at
     * start-up, they are left over from an application that stopped mid-harvest.
     *
     * @return how many jobs were marked
     */
    public int failInterruptedJobs(String reason) {
        return jdbc.sql("UPDATE job SET state = ?, ended_at = ?, last_error = ? WHERE state IN (?, ?)")
                .params(JobState.FAILED.name(), timestamp(Instant.now()), clip(reason), JobState.RUNNING.name(),
                        JobState.PAUSED.name())
                .update();
    }

    /** The job with this id, if any. */
    public Optional<JobStatus> job(long id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job WHERE id = ?")
                .param(id).query(RecordStore::jobStatus).optional();
    }

    /** The latest jobs, newest first. */
    public List<JobStatus> recentJobs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1; got: " + limit);
        }
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .query(RecordStore::jobStatus).list();
    }

    /** Keeps a record the job could not use, with the reason, and returns it with its id. */
    public Reject addReject(long jobId, RawRecord raw, String reason) {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String clipped = clip(reason);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO reject (job_id, source_id, record_id, reason, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(jobId, raw.sourceId(), raw.recordId(), clipped, raw.payload(), timestamp(createdAt))
                .update(keys, "id");
        long id = Objects.requireNonNull(keys.getKey(), "generated reject id").longValue();
        return new Reject(id, jobId, raw.sourceId(), raw.recordId(), clipped, raw.payload(), createdAt);
    }

    /** The records a job rejected, in the order it met them. */
    public List<Reject> rejects(long jobId) {
        return jdbc.sql("SELECT id, job_id, source_id, record_id, reason, payload, created_at FROM reject"
                        + " WHERE job_id = ? ORDER BY id")
                .param(jobId)
                .query((rs, n) -> new Reject(rs.getLong("id"), rs.getLong("job_id"), rs.getString("source_id"),
                        rs.getString("record_id"), rs.getString("reason"), rs.getBytes("payload"),
                        instant(rs, "created_at")))
                .list();
    }

    /**
     * One page of the job history, newest first.
     *
     * @param sourceId only this source's jobs; empty for every source
     * @param offset jobs to skip, at least 0
     * @param limit at most this many, at least 1
     */
    public List<JobStatus> jobs(Optional<String> sourceId, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1; got: " + offset + ", " + limit);
        }
        String where = sourceId.isPresent() ? " WHERE source_id = ?" : "";
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM job" + where + " ORDER BY id DESC OFFSET " + offset
                        + " ROWS FETCH FIRST " + limit + " ROWS ONLY")
                .params(sourceId.map(List::<Object>of).orElse(List.of()))
                .query(RecordStore::jobStatus).list();
    }

    /** How many jobs the history holds, of one source or (empty) of all. */
    public long jobCount(Optional<String> sourceId) {
        return sourceId.map(id -> jdbc.sql("SELECT COUNT(*) FROM job WHERE source_id = ?").param(id))
                .orElseGet(() -> jdbc.sql("SELECT COUNT(*) FROM job"))
                .query(Long.class).single();
    }

    /** The source's latest job in one of these states (any state when none is given); empty if none. */
    public Optional<JobStatus> latestJob(String sourceId, JobState... states) {
        StringBuilder sql = new StringBuilder("SELECT " + JOB_COLUMNS + " FROM job WHERE source_id = ?");
        List<Object> params = new ArrayList<>(List.of(sourceId));
        if (states.length > 0) {
            sql.append(" AND state IN (").append(String.join(", ", Collections.nCopies(states.length, "?")))
                    .append(')');
            for (JobState state : states) {
                params.add(state.name());
            }
        }
        sql.append(" ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(RecordStore::jobStatus).optional();
    }

    /** The record ids of a source's stored raw records that are not deleted, in record id order. */
    public List<String> liveRecordIds(String sourceId) {
        return jdbc.sql("SELECT record_id FROM raw_record WHERE source_id = ? AND deleted = FALSE ORDER BY record_id")
                .param(sourceId).query(String.class).list();
    }

    /** The number of raw records stored for a source that are deleted at the source. */
    public long deletedRawCount(String sourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM raw_record WHERE source_id = ? AND deleted = TRUE")
                .param(sourceId).query(Long.class).single();
    }

    /** One page of the records a job rejected, in the order it met them. */
    public List<Reject> rejects(long jobId, long offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1; got: " + offset + ", " + limit);
        }
        return jdbc.sql("SELECT id, job_id, source_id, record_id, reason, payload, created_at FROM reject"
                        + " WHERE job_id = ? ORDER BY id OFFSET " + offset + " ROWS FETCH FIRST " + limit + " ROWS ONLY")
                .param(jobId)
                .query(RecordStore::rejectRow)
                .list();
    }

    /** How many records a job rejected. */
    public long rejectCount(long jobId) {
        return jdbc.sql("SELECT COUNT(*) FROM reject WHERE job_id = ?").param(jobId).query(Long.class).single();
    }

    /** The reject with this id, if any. */
    public Optional<Reject> reject(long id) {
        return jdbc.sql("SELECT id, job_id, source_id, record_id, reason, payload, created_at FROM reject WHERE id = ?")
                .param(id)
                .query(RecordStore::rejectRow)
                .optional();
    }

    private static Reject rejectRow(ResultSet rs, int row) throws SQLException {
        return new Reject(rs.getLong("id"), rs.getLong("job_id"), rs.getString("source_id"), rs.getString("record_id"),
                rs.getString("reason"), rs.getBytes("payload"), instant(rs, "created_at"));
    }

    private static JobStatus jobStatus(ResultSet rs, int row) throws SQLException {
        return new JobStatus(rs.getLong("id"), rs.getString("source_id"), HarvestMode.valueOf(rs.getString("mode")),
                JobState.valueOf(rs.getString("state")), rs.getLong("seen"), rs.getLong("stored"),
                rs.getLong("indexed"), rs.getLong("rejected"), rs.getLong("deleted"), rs.getInt("pages"),
                instant(rs, "started_at"), optionalInstant(rs, "ended_at"),
                Optional.ofNullable(rs.getString("last_error")));
    }

    // Both H2 and the PostgreSQL driver map OffsetDateTime to TIMESTAMP WITH TIME ZONE; Instant only H2.
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
