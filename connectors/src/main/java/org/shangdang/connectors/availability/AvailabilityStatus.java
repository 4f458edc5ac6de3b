package org.shangdang.connectors.availability;

/** Whether a copy can be borrowed now, as its library's system says. */
public enum AvailabilityStatus {
    /** On the shelf and loanable. */
    AVAILABLE,
    /** Lent out; {@link CopyAvailability#dueDate()} says until when, if the library tells. */
    ON_LOAN,
    /** Travelling between branches or service points. */
    IN_TRANSIT,
    /** Not loanable now: lost, missing, in repair, withdrawn, reference only, on the hold shelf for someone else… */
    UNAVAILABLE,
    /** Not known: the endpoint is down, slow or garbled, does not know the barcode, or uses a status we do not. */
    UNKNOWN
}
