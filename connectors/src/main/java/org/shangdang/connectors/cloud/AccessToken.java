package org.shangdang.connectors.cloud;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token and when the cloud said it expires. {@link #toString()} hides the value.
 *
 * @param value the token
 * @param expiresAt issue time plus the announced lifetime
 */
record AccessToken(String value, Instant expiresAt) {

    /** Tokens are renewed this long before they expire, so that a page request never races the expiry. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the token should be renewed before the next request at {@code now}. */
    boolean dueForRenewal(Instant now) {
        return !now.isBefore(expiresAt.minus(RENEW_BEFORE));
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
