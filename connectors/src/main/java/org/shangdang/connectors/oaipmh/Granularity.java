package org.shangdang.connectors.oaipmh;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The finest datestamp granularity a repository supports (OAI-PMH 2.0 §3.3.2); selective-harvest
 * arguments ({@code from}, {@code until}) must be sent at that granularity.
 */
public enum Granularity {
    /** {@code YYYY-MM-DD}: every repository supports it. */
    DAY("YYYY-MM-DD"),
    /** {@code YYYY-MM-DDThh:mm:ssZ}, UTC. */
    SECOND("YYYY-MM-DDThh:mm:ssZ");

    private static final DateTimeFormatter SECOND_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");

    private final String pattern;

    Granularity(String pattern) {
        this.pattern = pattern;
    }

    /** The pattern as Identify states it, e.g. {@code YYYY-MM-DD}. */
    public String pattern() {
        return pattern;
    }

    /**
     * Formats an instant (UTC) at this granularity. At {@code DAY} the time is dropped, so a {@code from}
     * argument widens to the whole day: a harvest may see a record again, never miss one.
     */
    public String format(Instant instant) {
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        return switch (this) {
            case DAY -> utc.toLocalDate().toString();
            case SECOND -> SECOND_FORMAT.format(utc.truncatedTo(ChronoUnit.SECONDS));
        };
    }

    /** The granularity an Identify {@code <granularity>} value names; empty for anything else. */
    public static Optional<Granularity> fromPattern(String pattern) {
        String trimmed = pattern.trim();
        for (Granularity g : values()) {
            if (g.pattern.equals(trimmed)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a datestamp at either granularity: {@code 2024-03-01} (start of that day, UTC) or
     * {@code 2024-03-01T08:30:00Z}. Fractional seconds and explicit offsets, which some repositories send
     * against the protocol, are accepted too.
     *
     * @return the instant, or empty if the text is no such datestamp
     */
    public static Optional<Instant> parseDatestamp(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.length() == 10) {
                return Optional.of(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
