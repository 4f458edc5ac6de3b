package org.shangdang.api.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client's rate on the public search endpoints ({@link RateLimitProperties}): over the limit, a
 * request is answered {@code 429 rate_limited} with {@code Retry-After} (seconds) and never reaches the index.
 * Every limited answer carries {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}.
 *
 * <p>Runs after the security filters, so a client that sent a valid API key is counted by its key, and staff are
 * not counted. Thread-safe.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimitProperties limits;
    private final JsonErrors errors;
    private final TokenBuckets byAddress;
    private final TokenBuckets byKey;
    private final Counter refused;

    public RateLimitFilter(RateLimitProperties limits, JsonErrors errors, MeterRegistry meters) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.byAddress = new TokenBuckets(limits.capacity(), limits.refillPerSecond(), System::nanoTime);
        this.byKey = new TokenBuckets(limits.keyCapacity(), limits.keyRefillPerSecond(), System::nanoTime);
        this.refused = Counter.builder("shangdang.http.rate.limited")
                .description("Requests to the public search endpoints refused with 429").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!limits.enabled() || "OPTIONS".equals(request.getMethod())) {
            return true;
        }
        String path = StaffPaths.pathOf(request);
        return limits.paths().stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Credentials.Identity identity = authentication != null
                && authentication.getPrincipal() instanceof Credentials.Identity i ? i : null;
        if (identity != null && identity.role() == Role.STAFF) {
            chain.doFilter(request, response);
            return;
        }
        TokenBuckets buckets = identity != null ? byKey : byAddress;
        String client = identity != null ? "key:" + identity.name() : "ip:" + request.getRemoteAddr();
        TokenBuckets.Decision decision = buckets.take(client);
        response.setHeader("X-RateLimit-Limit", Long.toString(buckets.capacity()));
        response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        errors.write(response, 429, "rate_limited", "too many requests from this client; retry after "
                + decision.retryAfterSeconds() + " s");
    }
}
