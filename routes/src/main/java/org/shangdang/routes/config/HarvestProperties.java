package org.shangdang.routes.config;

import java.time.Duration;
import java.time.ZoneId;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How harvests run, for every source ({@code shangdang.harvest}).
 *
 * @param onStartup {@code true} harvests every enabled source incrementally, one after another, once the application is ready; default {@code false}
 * @param pageCommitEvery commit the index (and then checkpoint) after this many pages, at least 1; default 1
 * @param scheduleTimeZone the time zone of the sources' cron schedules; default {@code Asia/Shanghai}
 * @param retry how requests to a source are retried before the job fails
 * @param http HTTP client settings
 * @param indexUnavailable how long ingestion pauses while the index cannot be reached before the job fails
 */
@ConfigurationProperties("shangdang.harvest")
public record HarvestProperties(
        @DefaultValue("false") boolean onStartup,
        @DefaultValue("1") int pageCommitEvery,
        @DefaultValue("Asia/Shanghai") ZoneId scheduleTimeZone,
        @DefaultValue Retry retry,
        @DefaultValue Http http,
        @DefaultValue IndexUnavailable indexUnavailable) {

    public HarvestProperties {
        if (pageCommitEvery < 1) {
            throw new IllegalArgumentException("shangdang.harvest.page-commit-every must be >= 1; got: " + pageCommitEvery);
        }
    }

    /**
     * Retries of one request ({@code shangdang.harvest.retry}): backoff doubles from the initial delay.
     *
     * @param maxAttempts attempts per request, the first included, at least 1; default 5
     * @param initialDelay wait before the first retry; default 1s
     * @param maxDelay longest backoff wait; default 30s
     * @param maxRetryAfter longest wait a server's Retry-After may impose; default 120s
     */
    public record Retry(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("30s") Duration maxDelay,
            @DefaultValue("120s") Duration maxRetryAfter) {

        public Retry {
            try {
                new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxRetryAfter);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("shangdang.harvest.retry: " + e.getMessage(), e);
            }
        }

        /** The connector's retry policy. */
        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxRetryAfter);
        }
    }

    /**
     * The HTTP client sources are harvested with ({@code shangdang.harvest.http}).
     *
     * @param connectTimeout how long to wait for a connection; default 10s
     * @param requestTimeout how long an OAI-PMH request waits for the response headers, and half of how long it
     *     waits for the whole page, before it is retried; default 60s
     */
    public record Http(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("60s") Duration requestTimeout) {

        public Http {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("shangdang.harvest.http.connect-timeout must be positive; got: "
                        + connectTimeout);
            }
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("shangdang.harvest.http.request-timeout must be positive; got: "
                        + requestTimeout);
            }
        }
    }

    /**
     * The pause while the index cannot be reached ({@code shangdang.harvest.index-unavailable}): the page's
     * index step is retried, the backoff doubling from the initial delay, until it succeeds or the wait is over.
     *
     * @param maxWait longest pause of one outage before the job fails (the checkpoint stays at the last committed page); default 10m
     * @param initialDelay wait before the first retry; default 1s
     * @param maxDelay longest wait between two retries; default 30s
     */
    public record IndexUnavailable(
            @DefaultValue("10m") Duration maxWait,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("30s") Duration maxDelay) {

        public IndexUnavailable {
            requirePositive("max-wait", maxWait);
            requirePositive("initial-delay", initialDelay);
            requirePositive("max-delay", maxDelay);
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("shangdang.harvest.index-unavailable.max-delay must be >= initial-delay ("
                        + initialDelay + "); got: " + maxDelay);
            }
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("shangdang.harvest.index-unavailable." + name + " must be positive; got: "
                        + value);
            }
        }
    }
}
