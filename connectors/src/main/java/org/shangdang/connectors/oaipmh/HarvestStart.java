package org.shangdang.connectors.oaipmh;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a harvest begins: a fresh list (all records, or those changed in {@code [from, until]}) or a saved
 * resumption token from an interrupted harvest.
 *
 * @param resumptionToken a token saved from an earlier page; when present the first request sends only it
 * @param from harvest records changed at or after this instant; when resuming, the checkpoint datestamp
 *             the list restarts from if the repository rejects the token
 * @param until harvest records changed at or before this instant
 */
public record HarvestStart(Optional<String> resumptionToken, Optional<Instant> from, Optional<Instant> until) {

    public HarvestStart {
        resumptionToken = resumptionToken == null ? Optional.empty() : resumptionToken;
        from = from == null ? Optional.empty() : from;
        until = until == null ? Optional.empty() : until;
        if (resumptionToken.isPresent() && resumptionToken.get().isBlank()) {
            throw new IllegalArgumentException("resumptionToken must not be blank; use Optional.empty() for none");
        }
        if (from.isPresent() && until.isPresent() && from.get().isAfter(until.get())) {
            throw new IllegalArgumentException("from must not be after until; got: from=" + from.get() + ", until=" + until.get());
        }
    }

    /** Every record the repository holds. */
    public static HarvestStart full() {
        return new HarvestStart(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Records changed at or after {@code from} (an incremental harvest from a checkpoint). */
    public static HarvestStart from(Instant from) {
        return new HarvestStart(Optional.empty(), Optional.of(Objects.requireNonNull(from, "from")), Optional.empty());
    }

    /**
     * Continue an interrupted list with a saved token.
     *
     * @param token the token of the last page that was fully processed
     * @param from the checkpoint datestamp to restart the list from should the token be rejected; empty
     *             restarts a full harvest
     */
    public static HarvestStart resume(String token, Optional<Instant> from) {
        return new HarvestStart(Optional.of(Objects.requireNonNull(token, "token")), from, Optional.empty());
    }
}
