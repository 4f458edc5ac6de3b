package org.shangdang.routes.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The published raw records in the order our copies changed: what a provider (OAI-PMH) pages through.
 *
 * <p>A row's {@code changed_at} is when OUR copy last changed (inserted, or payload, format or deleted flag
 * replaced, see {@code V3__raw_record_changed_at.sql}), never the source's datestamp, so a record harvested
 * today with an old source datestamp is still "new" to an incremental harvester of ours.
 *
 * <p>Published means: not rejected by the latest harvest that stored it (a {@code reject} row created at or
 * after the row's {@code harvested_at}, whether the crosswalk or the index refused it). Deleted records are
 * published, as deleted, for ever.
 *
 * <p>Order and paging: by {@code (changed_at, source_id, record_id)}, a unique key, resumed after a
 * {@link Position} (keyset paging): rows inserted or changed meanwhile get a later {@code changed_at} and so
 * never shift the rows of a list already being paged, and a list bounded above by a fixed instant
 * ({@link Window#upTo()}) holds each unchanged row exactly once however long the paging takes.
 *
 * <p>Thread-safe: it holds only the {@link DataSource}. Each call reads at most {@code limit} rows.
 */
public final class ChangeFeed {

    private static final String PUBLISHED = """
            NOT EXISTS (SELECT 1 FROM reject j WHERE j.source_id = r.source_id AND j.record_id = r.record_id
                        AND j.created_at >= r.harvested_at)""";

    private final JdbcClient jdbc;

    /** @param dataSource a database migrated with this module's Flyway scripts */
    public ChangeFeed(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Which changes a list holds.
     *
     * @param from changed at or after this instant; empty: since the beginning
     * @param before changed strictly before this instant (an {@code until} date's next second); empty: no bound
     * @param upTo changed at or before this instant: the list's fixed upper bound, taken at its first request
     * @param sourceIds only these sources; empty: every source
     */
    public record Window(Optional<Instant> from, Optional<Instant> before, Instant upTo, List<String> sourceIds) {

        public Window {
            from = from == null ? Optional.empty() : from;
            before = before == null ? Optional.empty() : before;
            Objects.requireNonNull(upTo, "upTo");
            sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
        }
    }

    /** Where a list was left off: the key of the last row returned. */
    public record Position(Instant changedAt, String sourceId, String recordId) {

        public Position {
            Objects.requireNonNull(changedAt, "changedAt");
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(recordId, "recordId");
        }
    }

    /**
     * One published raw record with the instant our copy last changed.
     *
     * @param raw the record as stored, deleted ones with {@link RecordStatus#DELETED} and an empty payload
     * @param changedAt when our copy last changed (microseconds)
     */
    public record Change(RawRecord raw, Instant changedAt) {

        public Change {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(changedAt, "changedAt");
        }

        public Position position() {
            return new Position(changedAt, raw.sourceId(), raw.recordId());
        }
    }

    /**
     * Up to {@code limit} published changes of the window after {@code after} (from the start when empty), in
     * list order.
     */
    public List<Change> page(Window window, Optional<Position> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1; got: " + limit);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT r.source_id, r.record_id, r.datestamp, r.format, r.payload,"
                + " r.deleted, r.changed_at FROM raw_record r WHERE ");
        sql.append(where(window, params));
        after.ifPresent(p -> {
            sql.append(" AND (r.changed_at > ? OR (r.changed_at = ? AND (r.source_id > ?"
                    + " OR (r.source_id = ? AND r.record_id > ?))))");
            OffsetDateTime at = timestamp(p.changedAt());
            params.addAll(List.of(at, at, p.sourceId(), p.sourceId(), p.recordId()));
        });
        sql.append(" ORDER BY r.changed_at, r.source_id, r.record_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(ChangeFeed::change).list();
    }

    /** How many published changes the window holds. */
    public long count(Window window) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM raw_record r WHERE " + where(window, params);
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** The published record with this source and id, deleted ones included; empty when unknown or rejected. */
    public Optional<Change> get(String sourceId, String recordId) {
        return jdbc.sql("SELECT r.source_id, r.record_id, r.datestamp, r.format, r.payload, r.deleted, r.changed_at"
                        + " FROM raw_record r WHERE r.source_id = ? AND r.record_id = ? AND " + PUBLISHED)
                .params(sourceId, recordId)
                .query(ChangeFeed::change)
                .optional();
    }

    /** When the earliest published copy changed; empty when nothing is stored. */
    public Optional<Instant> earliestChange() {
        return jdbc.sql("SELECT MIN(r.changed_at) FROM raw_record r WHERE " + PUBLISHED)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .single();
    }

    private static String where(Window window, List<Object> params) {
        StringBuilder where = new StringBuilder("r.changed_at <= ?");
        params.add(timestamp(window.upTo()));
        window.from().ifPresent(from -> {
            where.append(" AND r.changed_at >= ?");
            params.add(timestamp(from));
        });
        window.before().ifPresent(before -> {
            where.append(" AND r.changed_at < ?");
            params.add(timestamp(before));
        });
        if (!window.sourceIds().isEmpty()) {
            where.append(" AND r.source_id IN (").append(String.join(", ", window.sourceIds().stream().map(s -> "?").toList()))
                    .append(')');
            params.addAll(window.sourceIds());
        }
        return where.append(" AND ").append(PUBLISHED).toString();
    }

    private static Change change(ResultSet rs, int row) throws SQLException {
        RawRecord raw = new RawRecord(rs.getString("source_id"), rs.getString("record_id"),
                rs.getObject("datestamp", OffsetDateTime.class).toInstant(), RecordFormat.valueOf(rs.getString("format")),
                rs.getBytes("payload"), rs.getBoolean("deleted") ? RecordStatus.DELETED : RecordStatus.PRESENT);
        return new Change(raw, rs.getObject("changed_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
