package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.shangdang.routes.store.Reject;

/**
 * A rejected record as the staff API shows it; the payload itself is behind {@code payload}.
 *
 * @param payload where to get the record's bytes as the source served them
 */
public record RejectView(
        long id,
        @JsonProperty("job_id") long jobId,
        String source,
        @JsonProperty("record_id") String recordId,
        String reason,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("payload_bytes") int payloadBytes,
        String payload) {

    static RejectView of(Reject reject) {
        return new RejectView(reject.id(), reject.jobId(), reject.sourceId(), reject.recordId(), reject.reason(),
                reject.createdAt(), reject.payload().length, "/api/admin/rejects/" + reject.id() + "/payload");
    }
}
