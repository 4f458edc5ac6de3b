package org.shangdang.routes.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The circuit-breaker rows of the sources ({@code source_circuit}, created by {@code V4__source_circuit.sql}).
 * Thread-safe: it holds no state besides the {@link DataSource}; one harvest of a source runs at a time, so one
 * writer per row.
 */
public final class CircuitStore {

    private static final String UPSERT = """
            MERGE INTO source_circuit t
            USING (VALUES (?, CAST(? AS INTEGER), CAST(? AS TIMESTAMP WITH TIME ZONE),
                           CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR), CAST(? AS BIGINT),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s (source_id, consecutive_failures, opened_at, open_until, reason, last_job_id, updated_at)
            ON t.source_id = s.source_id
            WHEN MATCHED THEN UPDATE SET consecutive_failures = s.consecutive_failures, opened_at = s.opened_at,
                open_until = s.open_until, reason = s.reason, last_job_id = s.last_job_id, updated_at = s.updated_at
            WHEN NOT MATCHED THEN INSERT (source_id, consecutive_failures, opened_at, open_until, reason, last_job_id,
                    updated_at)
                VALUES (s.source_id, s.consecutive_failures, s.opened_at, s.open_until, s.reason, s.last_job_id,
                    s.updated_at)
            """;

    private final JdbcClient jdbc;

    /** @param dataSource a database migrated with this module's Flyway scripts */
    public CircuitStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * A source's row.
     *
     * @param consecutiveFailures failed jobs in a row
     * @param openedAt when the circuit broke; empty while closed
     * @param openUntil when its cool-down ends; empty while closed
     * @param reason why it broke; empty while closed
     * @param lastJobId the job that last changed the row
     */
    public record Row(String sourceId, int consecutiveFailures, Optional<Instant> openedAt, Optional<Instant> openUntil,
            Optional<String> reason, Optional<Long> lastJobId) {}

    /** The source's row; empty if it never failed. */
    public Optional<Row> row(String sourceId) {
        return jdbc.sql("SELECT source_id, consecutive_failures, opened_at, open_until, reason, last_job_id"
                        + " FROM source_circuit WHERE source_id = ?")
                .param(sourceId)
                .query((rs, n) -> new Row(rs.getString("source_id"), rs.getInt("consecutive_failures"),
                        Optional.ofNullable(rs.getObject("opened_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getObject("open_until", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getString("reason")),
                        Optional.ofNullable((Long) rs.getObject("last_job_id", Long.class))))
                .optional();
    }

    /** Replaces the source's row. */
    public void save(Row row) {
        jdbc.sql(UPSERT)
                .params(row.sourceId(), row.consecutiveFailures(), row.openedAt().map(CircuitStore::timestamp).orElse(null),
                        row.openUntil().map(CircuitStore::timestamp).orElse(null), row.reason().map(CircuitStore::clip)
                                .orElse(null), row.lastJobId().orElse(null), timestamp(Instant.now()))
                .update();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
}
