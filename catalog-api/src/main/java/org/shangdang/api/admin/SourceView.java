package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A configured source and its health, as the staff API shows it.
 *
 * @param health {@code running}, {@code ok} (the last job completed), {@code failing} (it failed),
 *     {@code stopped} (staff stopped it), {@code never_harvested} or {@code disabled}
 * @param runningJob the id of the job running now, or null
 * @param lastJob the latest job of the source, or null
 * @param lastSuccessAt when the last completed harvest ended, or null
 * @param records raw records in the record store, deleted ones included
 * @param deletedRecords of those, records deleted at the source
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
        @JsonProperty("deleted_records") long deletedRecords) {}
