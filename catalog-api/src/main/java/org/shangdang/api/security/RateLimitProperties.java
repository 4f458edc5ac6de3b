package org.shangdang.api.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client token buckets on the public search endpoints ({@code shangdang.rate-limit}): a client may burst up to
 * {@code capacity} requests, then {@code refill-per-second} a second; beyond that it gets 429 with Retry-After.
 * A client is its API key when it sends a valid one, else its IP address (behind a reverse proxy set
 * {@code server.forward-headers-strategy=native} so that is the reader's address). Staff credentials are not limited.
 *
 * @param enabled {@code false} turns limiting off (benchmarks do); default {@code true}
 * @param capacity burst per IP address; default 600
 * @param refillPerSecond sustained requests per second per IP address; default 100
 * @param keyCapacity burst per public API key (a portal serving many readers); default 3000
 * @param keyRefillPerSecond sustained requests per second per public API key; default 500
 * @param paths the limited path prefixes; default the search, suggest, record, work, SRU, OAI-PMH, union-catalog
 *     and terminal endpoints
 */
@ConfigurationProperties("shangdang.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("600") long capacity,
        @DefaultValue("100") double refillPerSecond,
        @DefaultValue("3000") long keyCapacity,
        @DefaultValue("500") double keyRefillPerSecond,
        @DefaultValue({"/api/search", "/api/suggest", "/api/records", "/api/works", "/sru", "/oai", "/api/catalog",
                "/api/terminal"}) List<String> paths) {

    public RateLimitProperties {
        if (capacity < 1 || keyCapacity < 1) {
            throw new IllegalArgumentException("shangdang.rate-limit.capacity and key-capacity must be >= 1; got: "
                    + capacity + ", " + keyCapacity);
        }
        if (!(refillPerSecond > 0) || !(keyRefillPerSecond > 0)) {
            throw new IllegalArgumentException("shangdang.rate-limit.refill-per-second and key-refill-per-second must be"
                    + " > 0; got: " + refillPerSecond + ", " + keyRefillPerSecond);
        }
        paths = paths == null ? List.of() : List.copyOf(paths);
    }
}
