package org.shangdang.routes.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shangdang.connectors.files.FileValidators;
import org.shangdang.record.MediaMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code referenced_file} rows (created by {@code V6__referenced_file.sql}): per source and URL, the last fetch's
 * validators, outcome and what was read. Thread-safe: it holds no state besides the {@link DataSource}; one harvest
 * of a source runs at a time, so one writer per row. Upserts are idempotent.
 */
public final class ReferencedFileStore {

    /** The outcome of a file read and extracted; any other outcome is the reason it failed. */
    public static final String READ = "READ";
    private static final int MAX_DETAIL = 4000;

    private static final String UPSERT = """
            MERGE INTO referenced_file t
            USING (VALUES (CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(2000)), CAST(? AS VARCHAR(500)),
                           CAST(? AS VARCHAR(100)), CAST(? AS BIGINT), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR),
                           CAST(? AS VARCHAR), CAST(? AS VARCHAR(1000)), CAST(? AS VARCHAR(1000)), CAST(? AS BIGINT),
                           CAST(? AS TIMESTAMP WITH TIME ZONE)))
                AS s (source_id, url, etag, last_modified, bytes, outcome, detail, full_text, title, artist,
                      duration_ms, fetched_at)
            ON t.source_id = s.source_id AND t.url = s.url
            WHEN MATCHED THEN UPDATE SET etag = s.etag, last_modified = s.last_modified, bytes = s.bytes,
                outcome = s.outcome, detail = s.detail, full_text = s.full_text, title = s.title, artist = s.artist,
                duration_ms = s.duration_ms, fetched_at = s.fetched_at
            WHEN NOT MATCHED THEN INSERT (source_id, url, etag, last_modified, bytes, outcome, detail, full_text, title,
                    artist, duration_ms, fetched_at)
                VALUES (s.source_id, s.url, s.etag, s.last_modified, s.bytes, s.outcome, s.detail, s.full_text,
                    s.title, s.artist, s.duration_ms, s.fetched_at)
            """;

    private final JdbcClient jdbc;

    /** @param dataSource a database migrated with this module's Flyway scripts */
    public ReferencedFileStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * One file's row.
     *
     * @param outcome {@link #READ}, or the reason it failed ({@code ZIP_BOMB}, {@code TOO_LARGE}…)
     * @param detail why it failed; empty when read
     * @param text the text read from a document
     * @param media what was read from an audio or video file
     */
    public record Row(String sourceId, String url, FileValidators validators, String outcome, Optional<String> detail,
            Optional<String> text, Optional<MediaMetadata> media, Instant fetchedAt) {

        /** Whether the file was read. */
        public boolean isRead() {
            return READ.equals(outcome);
        }
    }

    /** The row of a source's file; empty if it was never fetched. */
    public Optional<Row> find(String sourceId, String url) {
        return jdbc.sql("SELECT * FROM referenced_file WHERE source_id = ? AND url = ?")
                .params(sourceId, url).query(ReferencedFileStore::row).optional();
    }

    /** The rows of these URLs of a source that were read; missing and failed ones are left out. */
    public List<Row> findRead(String sourceId, Collection<String> urls) {
        if (urls.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM referenced_file WHERE source_id = :source AND outcome = :read AND url IN (:urls)")
                .param("source", sourceId).param("read", READ).param("urls", List.copyOf(urls))
                .query(ReferencedFileStore::row).list();
    }

    /** Inserts or replaces a file's row. */
    public void save(Row row) {
        MediaMetadata media = row.media().orElse(new MediaMetadata(Optional.empty(), Optional.empty(), Optional.empty()));
        jdbc.sql(UPSERT).params(row.sourceId(), row.url(), row.validators().etag().orElse(null),
                        row.validators().lastModified().orElse(null), row.validators().bytes().orElse(null),
                        row.outcome(), row.detail().map(d -> d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) : d)
                                .orElse(null),
                        row.text().orElse(null), media.title().orElse(null), media.artist().orElse(null),
                        media.duration().map(Duration::toMillis).orElse(null),
                        OffsetDateTime.ofInstant(row.fetchedAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        long bytes = rs.getLong("bytes");
        Optional<Long> size = rs.wasNull() ? Optional.empty() : Optional.of(bytes);
        long millis = rs.getLong("duration_ms");
        Optional<Duration> duration = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
        MediaMetadata media = new MediaMetadata(Optional.ofNullable(rs.getString("title")),
                Optional.ofNullable(rs.getString("artist")), duration);
        return new Row(rs.getString("source_id"), rs.getString("url"),
                new FileValidators(Optional.ofNullable(rs.getString("etag")),
                        Optional.ofNullable(rs.getString("last_modified")), size),
                rs.getString("outcome"), Optional.ofNullable(rs.getString("detail")),
                Optional.ofNullable(rs.getString("full_text")), media.nothingRead() ? Optional.empty() : Optional.of(media),
                rs.getObject("fetched_at", OffsetDateTime.class).toInstant());
    }
}
