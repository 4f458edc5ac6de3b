package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.shangdang.routes.breaker.SourceCircuit;

/**
 * A configured source and its health, as the staff API shows it.
 *
 * @param health {@code running}, {@code ok} (the last job completed), {@code failing} (it failed),
 *     {@code broken} (circuit-broken: it kept failing and is skipped until {@code circuit.open_until}),
 *     {@code stopped} (staff stopped it), {@code never_harvested} or {@code disabled}
 * @param runningJob the id of the job running now, or null
 * @param lastJob the latest job of the source, or null
 * @param lastSuccessAt when the last completed harvest ended, or null
 * @param records raw records in the record store, deleted ones included
 * @param deletedRecords of those, records deleted at the source
 * @param circuit the source's circuit breaker
 */
public record SourceView(
        String id,
        String name,
        String library,
        String county,
        String protocol,
        String schedule,
        boolean enabled,
        String health,
        @JsonProperty("running_job") Long runningJob,
        @JsonProperty("last_job") JobView lastJob,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        long records,
        @JsonProperty("deleted_records") long deletedRecords,
        CircuitView circuit) {

    /**
     * A source's circuit breaker as the staff API shows it.
     *
     * @param state {@code closed}, {@code open} (skipped until {@code open_until}) or {@code half_open} (the next
     *     harvest is the trial)
     * @param consecutiveFailures failed harvests in a row
     * @param reason why it broke, or null while closed
     * @param openedAt when it broke, or null
     * @param openUntil when its cool-down ends, or null
     */
    public record CircuitView(
            String state,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            String reason,
            @JsonProperty("opened_at") Instant openedAt,
            @JsonProperty("open_until") Instant openUntil) {

        static CircuitView of(SourceCircuit circuit) {
            return new CircuitView(circuit.state().name().toLowerCase(java.util.Locale.ROOT),
                    circuit.consecutiveFailures(), circuit.reason().orElse(null), circuit.openedAt().orElse(null),
                    circuit.openUntil().orElse(null));
        }
    }
}
