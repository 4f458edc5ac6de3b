package org.shangdang.connectors.availability;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The availability of one copy.
 *
 * @param libraryId the library asked
 * @param barcode the copy's barcode
 * @param status what it comes to
 * @param dueDate when a copy {@link AvailabilityStatus#ON_LOAN} is due back, if the library says
 * @param servicePoint where the copy is (or is going to, when in transit), if the library says
 * @param detail the library's own status word ({@code lost}, {@code in_repair}…) or, for
 *               {@link AvailabilityStatus#UNKNOWN}, why it is not known ({@code timed out after 1500 ms})
 * @param checkedAt when the library's answer was received (or the lookup failed)
 * @param cached whether the answer came from the client's cache rather than a request just made
 */
public record CopyAvailability(String libraryId, String barcode, AvailabilityStatus status, Optional<LocalDate> dueDate,
        Optional<String> servicePoint, Optional<String> detail, Instant checkedAt, Freshness cached) {

    /** Whether an answer was fetched for this lookup or served from the cache. */
    public enum Freshness {
        LIVE,
        CACHED
    }

    public CopyAvailability {
        Objects.requireNonNull(libraryId, "libraryId");
        Objects.requireNonNull(barcode, "barcode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(cached, "cached");
        dueDate = dueDate == null ? Optional.empty() : dueDate;
        servicePoint = servicePoint == null ? Optional.empty() : servicePoint.filter(s -> !s.isBlank());
        detail = detail == null ? Optional.empty() : detail.filter(s -> !s.isBlank());
    }

    /** An UNKNOWN answer with its reason. */
    public static CopyAvailability unknown(String libraryId, String barcode, String reason, Instant at) {
        return new CopyAvailability(libraryId, barcode, AvailabilityStatus.UNKNOWN, Optional.empty(), Optional.empty(),
                Optional.of(reason), at, Freshness.LIVE);
    }

    CopyAvailability withFreshness(Freshness freshness) {
        return new CopyAvailability(libraryId, barcode, status, dueDate, servicePoint, detail, checkedAt, freshness);
    }
}
