package org.shangdang.connectors.opera;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A place in the database's change list, which is ordered by {@code (updated_at, entity, id)}: a harvest
 * reads the rows strictly after it. Its {@link #token()} is what a checkpoint stores.
 *
 * @param updatedAt the {@code updated_at} of the last row read (UTC)
 * @param entity {@code recording} or {@code work} of that row; empty to take every row changed at
 *     {@code updatedAt} or later
 * @param id the row's id; empty with an empty entity
 */
public record OperaPosition(Instant updatedAt, String entity, String id) {

    public OperaPosition {
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Every row changed at this instant or later. Incremental harvests start here from the high-water mark,
     * re-reading the rows of that very instant: a row committed later with the same {@code updated_at} is
     * not missed, and reading a row twice only upserts it again.
     */
    public static OperaPosition changedSince(Instant since) {
        return new OperaPosition(since, "", "");
    }

    /** {@code <instant>|<entity>|<id>}, e.g. {@code 2026-03-02T08:00:00Z|work|w-sanguan}. */
    public String token() {
        return updatedAt + "|" + entity + "|" + id;
    }

    /** The position a {@link #token()} names; empty for anything else (a token another protocol left). */
    public static Optional<OperaPosition> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\|", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OperaPosition(Instant.parse(parts[0]), parts[1], parts[2]));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
