package org.shangdang.api.availability;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.shangdang.connectors.availability.AvailabilityStatus;

/**
 * One copy with its live status, as {@code GET /api/availability} lists it.
 *
 * @param record the record that lists the copy
 * @param status {@code available}, {@code on_loan}, {@code in_transit}, {@code unavailable} or {@code unknown}
 * @param detail the library's own status word, or why the status is unknown
 */
public record Copy(
        String record,
        String library,
        Optional<String> location,
        @JsonProperty("call_number") Optional<String> callNumber,
        Optional<String> barcode,
        String status,
        @JsonProperty("due_date") Optional<LocalDate> dueDate,
        @JsonProperty("service_point") Optional<String> servicePoint,
        Optional<String> detail,
        @JsonProperty("checked_at") Optional<Instant> checkedAt) {

    /** The {@link #status} word of a copy the library's system did not or could not answer for. */
    public static final String UNKNOWN = AvailabilityLookup.statusWord(AvailabilityStatus.UNKNOWN);

    /** Whether the copy is in this place: its library, branch or service point names it. */
    public boolean isAt(String place) {
        return library.contains(place) || location.filter(l -> l.contains(place)).isPresent()
                || servicePoint.filter(s -> s.contains(place)).isPresent();
    }
}
