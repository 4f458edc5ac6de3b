package org.shangdang.record;

import java.time.Instant;
import java.util.Optional;

/**
 * When and where an activity takes place (a 活动 of a culture cloud, a lecture given on site): what a reader needs
 * to go there.
 *
 * <p>Every part may be absent, but an event has at least one ({@link #of} returns empty otherwise). Blank texts
 * are absent. An end before the start is kept as the source states it.
 *
 * @param start when it starts
 * @param end when it ends
 * @param venue the venue's name, e.g. {@code 长治市图书馆 一楼学术报告厅}
 * @param address the venue's address
 */
public record Event(Optional<Instant> start, Optional<Instant> end, Optional<String> venue, Optional<String> address) {

    public Event {
        start = start == null ? Optional.empty() : start;
        end = end == null ? Optional.empty() : end;
        venue = venue == null ? Optional.empty() : venue.map(String::strip).filter(v -> !v.isEmpty());
        address = address == null ? Optional.empty() : address.map(String::strip).filter(a -> !a.isEmpty());
        if (start.isEmpty() && end.isEmpty() && venue.isEmpty() && address.isEmpty()) {
            throw new IllegalArgumentException("an event needs a start, an end, a venue or an address");
        }
    }

    /** The event of these parts; empty when none is present. */
    public static Optional<Event> of(Optional<Instant> start, Optional<Instant> end, Optional<String> venue,
            Optional<String> address) {
        boolean any = start.isPresent() || end.isPresent() || venue.filter(v -> !v.isBlank()).isPresent()
                || address.filter(a -> !a.isBlank()).isPresent();
        return any ? Optional.of(new Event(start, end, venue, address)) : Optional.empty();
    }
}
