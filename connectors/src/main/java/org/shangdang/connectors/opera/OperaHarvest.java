package org.shangdang.connectors.opera;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pull-style harvest of an opera/quyi database: pages of works (剧目/曲目) and recordings changed after a
 * {@link OperaPosition}, oldest change first, each as a {@link RecordFormat#OPERA_DB} raw record whose payload
 * is the row with everything the crosswalk needs joined in (genre, troupe, cast, lyrics; for a recording
 * its work, performers and media files) as JSON. Record ids are {@code work/<id>} and {@code recording/<id>};
 * the datestamp is {@code updated_at} read as UTC; a withdrawn row is a deleted record.
 *
 * <p>The change time of a work is the latest {@code updated_at} of the work, its genre, its troupe and its
 * performers; of a recording, the latest of the recording, its work's genre, its troupe and its performers (a
 * NULL {@code updated_at} of a genre, troupe or performer counts as never changed). So correcting a performer's
 * or a genre's name re-emits every work and recording that shows it, while the editors still touch
 * {@code work.updated_at} or {@code recording.updated_at} when a row's own cast list, lyrics or media change (the
 * schema's contract). Pages are read by keyset on {@code (change time, entity, id)}, so rows changed during the
 * harvest are picked up by the next one, never skipped. The change time is computed, so every page scans both
 * tables: fine for a thematic database of thousands of rows. Plain JDBC with portable SQL (H2, PostgreSQL,
 * MySQL 8).
 *
 * <p>Not thread-safe. Holds one read-only connection from {@link #open} until {@link #close()}, which is
 * idempotent. A database failure throws {@link OperaDatabaseException}.
 */
public final class OperaHarvest implements Iterator<OperaPage>, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Stands in for a NULL {@code updated_at}: GREATEST returns NULL for a NULL argument on MySQL. */
    private static final String NEVER = "TIMESTAMP '1970-01-01 00:00:00'";
    private static final String CHANGES = "SELECT entity, id, updated_at, withdrawn FROM ("
            + " SELECT 'recording' AS entity, r.id, GREATEST(r.updated_at,"
            // A recording's payload holds its work's title and lyrics: editing only the work changes the recording.
            + " COALESCE(w.updated_at, " + NEVER + "),"
            + " COALESCE(g.updated_at, " + NEVER + "), COALESCE(t.updated_at, " + NEVER + "),"
            + " COALESCE((SELECT MAX(p.updated_at) FROM recording_performer rp JOIN performer p"
            + " ON p.id = rp.performer_id WHERE rp.recording_id = r.id), " + NEVER + ")) AS updated_at, r.withdrawn"
            + " FROM recording r LEFT JOIN work w ON w.id = r.work_id LEFT JOIN genre g ON g.id = w.genre_id"
            + " LEFT JOIN troupe t ON t.id = r.troupe_id"
            + " UNION ALL SELECT 'work' AS entity, w.id, GREATEST(w.updated_at,"
            + " COALESCE(g.updated_at, " + NEVER + "), COALESCE(t.updated_at, " + NEVER + "),"
            + " COALESCE((SELECT MAX(p.updated_at) FROM work_performer wp JOIN performer p"
            + " ON p.id = wp.performer_id WHERE wp.work_id = w.id), " + NEVER + ")) AS updated_at, w.withdrawn"
            + " FROM work w LEFT JOIN genre g ON g.id = w.genre_id LEFT JOIN troupe t ON t.id = w.troupe_id) changes";
    private static final String AFTER = " WHERE updated_at > ? OR (updated_at = ? AND (entity > ? OR (entity = ? AND id > ?)))";
    private static final String ORDER = " ORDER BY updated_at, entity, id LIMIT ?";

    private final OperaDatabase database;
    private final Connection connection;
    private Optional<OperaPosition> position;
    private boolean exhausted;
    private OperaPage pending;

    private OperaHarvest(OperaDatabase database, Connection connection, Optional<OperaPosition> from) {
        this.database = database;
        this.connection = connection;
        this.position = from;
    }

    /**
     * Connects and prepares to read every change after {@code from} (every row when empty); no page is read
     * until {@link #hasNext()}.
     *
     * @throws OperaDatabaseException when the database cannot be connected to
     */
    public static OperaHarvest open(OperaDatabase database, Optional<OperaPosition> from) {
        Objects.requireNonNull(database, "database");
        Properties credentials = new Properties();
        database.user().ifPresent(u -> credentials.setProperty("user", u));
        database.password().ifPresent(p -> credentials.setProperty("password", p));
        try {
            Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials);
            connection.setReadOnly(true);
            return new OperaHarvest(database, connection, Objects.requireNonNull(from, "from"));
        } catch (SQLException e) {
            throw failure(database, "cannot connect to " + database.jdbcUrl(), e);
        }
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !exhausted) {
            pending = readPage();
            if (pending == null) {
                exhausted = true;
            }
        }
        return pending != null;
    }

    @Override
    public OperaPage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("opera database of source " + database.sourceId() + ": no more changes");
        }
        OperaPage page = pending;
        pending = null;
        position = Optional.of(page.last());
        if (!page.more()) {
            exhausted = true;
        }
        return page;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("cannot close the connection", e);
        }
    }

    private OperaPage readPage() {
        List<Change> changes = new ArrayList<>();
        String sql = CHANGES + (position.isPresent() ? AFTER : "") + ORDER;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (position.isPresent()) {
                OperaPosition p = position.get();
                LocalDateTime at = LocalDateTime.ofInstant(p.updatedAt(), ZoneOffset.UTC);
                statement.setObject(i++, at);
                statement.setObject(i++, at);
                statement.setString(i++, p.entity());
                statement.setString(i++, p.entity());
                statement.setString(i++, p.id());
            }
            statement.setInt(i, database.pageSize());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    changes.add(new Change(rows.getString(1), rows.getString(2),
                            rows.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC), rows.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the changes after " + position.map(OperaPosition::token).orElse("the start"), e);
        }
        if (changes.isEmpty()) {
            return null;
        }
        List<RawRecord> records = new ArrayList<>();
        Instant max = Instant.MIN;
        for (Change change : changes) {
            records.add(record(change));
            max = change.updatedAt().isAfter(max) ? change.updatedAt() : max;
        }
        Change last = changes.get(changes.size() - 1);
        return new OperaPage(records, new OperaPosition(last.updatedAt(), last.entity(), last.id()), max,
                changes.size() == database.pageSize());
    }

    private RawRecord record(Change change) {
        String recordId = change.entity() + "/" + change.id();
        if (change.withdrawn()) {
            return new RawRecord(database.sourceId(), recordId, change.updatedAt(), RecordFormat.OPERA_DB, new byte[0],
                    RecordStatus.DELETED);
        }
        try {
            ObjectNode json = change.entity().equals("work") ? work(change.id()) : recording(change.id());
            return new RawRecord(database.sourceId(), recordId, change.updatedAt(), RecordFormat.OPERA_DB,
                    JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8), RecordStatus.PRESENT);
        } catch (SQLException e) {
            throw failure("cannot read " + recordId, e);
        }
    }

    private ObjectNode work(String id) throws SQLException {
        ObjectNode work = JSON.createObjectNode().put("type", "work").put("id", id);
        String genreId = null;
        String troupeId = null;
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT title, genre_id, troupe_id, synopsis, period, updated_at FROM work WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    work.put("title", r.getString(1));
                    genreId = r.getString(2);
                    troupeId = r.getString(3);
                    work.put("synopsis", r.getString(4));
                    work.put("period", r.getString(5));
                }
            }
        }
        genre(genreId).ifPresent(g -> work.set("genre", g));
        troupe(troupeId).ifPresent(t -> work.set("troupe", t));
        ArrayNode cast = work.putArray("cast");
        try (PreparedStatement s = connection.prepareStatement("SELECT p.name, p.role_type, wp.role_name FROM"
                + " work_performer wp JOIN performer p ON p.id = wp.performer_id WHERE wp.work_id = ? ORDER BY p.id")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    cast.addObject().put("name", r.getString(1)).put("role_type", r.getString(2))
                            .put("role_name", r.getString(3));
                }
            }
        }
        work.set("texts", texts(id));
        return work;
    }

    private ArrayNode texts(String workId) throws SQLException {
        ArrayNode texts = JSON.createArrayNode();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT kind, heading, content FROM work_text WHERE work_id = ? ORDER BY seq")) {
            s.setString(1, workId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    texts.addObject().put("kind", r.getString(1)).put("heading", r.getString(2))
                            .put("content", r.getString(3));
                }
            }
        }
        return texts;
    }

    private ObjectNode recording(String id) throws SQLException {
        ObjectNode recording = JSON.createObjectNode().put("type", "recording").put("id", id);
        String workId = null;
        String troupeId = null;
        try (PreparedStatement s = connection.prepareStatement("SELECT work_id, title, troupe_id, recorded_on, venue,"
                + " county, description FROM recording WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    workId = r.getString(1);
                    recording.put("title", r.getString(2));
                    troupeId = r.getString(3);
                    LocalDate on = r.getObject(4, LocalDate.class);
                    recording.put("recorded_on", on == null ? null : on.toString());
                    recording.put("venue", r.getString(5));
                    recording.put("county", r.getString(6));
                    recording.put("description", r.getString(7));
                }
            }
        }
        if (workId != null) {
            try (PreparedStatement s = connection.prepareStatement("SELECT title, genre_id FROM work WHERE id = ?")) {
                s.setString(1, workId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        recording.putObject("work").put("id", workId).put("title", r.getString(1));
                        genre(r.getString(2)).ifPresent(g -> recording.set("genre", g));
                    }
                }
            }
            recording.set("texts", texts(workId));
        }
        troupe(troupeId).ifPresent(t -> recording.set("troupe", t));
        ArrayNode performers = recording.putArray("performers");
        try (PreparedStatement s = connection.prepareStatement("SELECT p.name, p.role_type FROM recording_performer rp"
                + " JOIN performer p ON p.id = rp.performer_id WHERE rp.recording_id = ? ORDER BY p.id")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    performers.addObject().put("name", r.getString(1)).put("role_type", r.getString(2));
                }
            }
        }
        ArrayNode media = recording.putArray("media");
        try (PreparedStatement s = connection.prepareStatement("SELECT url, label, format, mime_type, duration_seconds,"
                + " bytes FROM media_file WHERE recording_id = ? ORDER BY seq")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ObjectNode file = media.addObject().put("url", r.getString(1)).put("label", r.getString(2))
                            .put("format", r.getString(3)).put("mime_type", r.getString(4));
                    long duration = r.getLong(5);
                    file.put("duration_seconds", r.wasNull() ? null : duration);
                    long bytes = r.getLong(6);
                    file.put("bytes", r.wasNull() ? null : bytes);
                }
            }
        }
        return recording;
    }

    private Optional<ObjectNode> genre(String genreId) throws SQLException {
        if (genreId == null) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT name, category, county, ich_level, ich_batch, description FROM genre WHERE id = ?")) {
            s.setString(1, genreId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(JSON.createObjectNode().put("name", r.getString(1)).put("category", r.getString(2))
                        .put("county", r.getString(3)).put("ich_level", r.getString(4))
                        .put("ich_batch", r.getString(5)).put("description", r.getString(6)));
            }
        }
    }

    private Optional<ObjectNode> troupe(String troupeId) throws SQLException {
        if (troupeId == null) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT name, county FROM troupe WHERE id = ?")) {
            s.setString(1, troupeId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(JSON.createObjectNode().put("name", r.getString(1)).put("county", r.getString(2)))
                        : Optional.empty();
            }
        }
    }

    private OperaDatabaseException failure(String what, SQLException e) {
        return failure(database, what, e);
    }

    private static OperaDatabaseException failure(OperaDatabase database, String what, SQLException e) {
        return new OperaDatabaseException("opera database of source " + database.sourceId() + ": " + what
                + " (SQL state " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    private record Change(String entity, String id, Instant updatedAt, boolean withdrawn) {}
}
