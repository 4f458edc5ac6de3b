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
 */
@ConfigurationProperties("shangdang.harvest")
public record HarvestProperties(
        @DefaultValue("false") boolean onStartup,
        @DefaultValue("1") int pageCommitEvery,
        @DefaultValue("Asia/Shanghai") ZoneId scheduleTimeZone,
        @DefaultValue Retry retry,
        @DefaultValue Http http) {

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
     */
    public record Http(@DefaultValue("10s") Duration connectTimeout) {

        public Http {
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("shangdang.harvest.http.connect-timeout must be positive; got: "
                        + connectTimeout);
            }
        }
    }
}
