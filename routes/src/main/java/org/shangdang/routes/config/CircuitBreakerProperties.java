package org.shangdang.routes.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a source that keeps failing is circuit-broken ({@code shangdang.harvest.circuit-breaker}); see
 * {@link org.shangdang.routes.breaker.SourceCircuits}.
 *
 * @param failureThreshold consecutive failed harvest jobs that break a source's circuit, at least 1; default 3. A job
 *     fails only once the connector's retries of a request are exhausted, so this counts exhausted retries too
 * @param coolDown how long a broken source is skipped by scheduled and start-up harvests before one trial harvest
 *     may run; default 30m
 */
@ConfigurationProperties("shangdang.harvest.circuit-breaker")
public record CircuitBreakerProperties(
        @DefaultValue("3") int failureThreshold,
        @DefaultValue("30m") Duration coolDown) {

    public CircuitBreakerProperties {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("shangdang.harvest.circuit-breaker.failure-threshold must be >= 1; got: "
                    + failureThreshold);
        }
        if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("shangdang.harvest.circuit-breaker.cool-down must be positive; got: "
                    + coolDown);
        }
    }
}
