package org.shangdang.api.security;

/** What a credential may do. */
public enum Role {
    /** Staff: the staff API ({@code /api/admin/**}), the dashboard and the metrics, besides everything public. */
    STAFF,
    /** A reader's client, e.g. a portal: the public read-only API only; identifies the client for rate limits. */
    PUBLIC;

    /** The Spring Security authority of this role, e.g. {@code ROLE_STAFF}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
