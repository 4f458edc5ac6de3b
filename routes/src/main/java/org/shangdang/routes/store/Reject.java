package org.shangdang.routes.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record a job could not use, kept with the reason so staff can fix the source or the crosswalk.
 *
 * @param id the reject's id
 * @param jobId the job that met it
 * @param sourceId the source it came from
 * @param recordId the source's identifier of the record
 * @param reason why it was rejected; names the record and the bad value
 * @param payload the record's bytes exactly as served
 * @param createdAt when it was rejected
 */
public record Reject(long id, long jobId, String sourceId, String recordId, String reason, byte[] payload,
        Instant createdAt) {

    public Reject {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reject r && id == r.id && jobId == r.jobId && sourceId.equals(r.sourceId)
                && recordId.equals(r.recordId) && reason.equals(r.reason) && Arrays.equals(payload, r.payload)
                && createdAt.equals(r.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, jobId, sourceId, recordId, reason, Arrays.hashCode(payload), createdAt);
    }

    @Override
    public String toString() {
        return "Reject[" + id + ", job " + jobId + ", " + sourceId + ":" + recordId + ": " + reason + "]";
    }
}
