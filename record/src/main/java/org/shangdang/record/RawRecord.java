package org.shangdang.record;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record exactly as a source served it: the unit a connector yields and the record store keeps, so
 * that a change of crosswalk or analysis re-indexes without re-harvesting.
 *
 * @param sourceId the configured source it came from, e.g. {@code changzhi-city}
 * @param recordId the source's own identifier (an OAI identifier, a control number), stable across harvests
 * @param datestamp when the source last changed it
 * @param format how to read {@code payload}
 * @param payload the record's bytes (UTF-8 XML for MARCXML and oai_dc); empty for a deleted record
 * @param status present, or deleted at the source
 */
public record RawRecord(
        String sourceId,
        String recordId,
        Instant datestamp,
        RecordFormat format,
        byte[] payload,
        RecordStatus status) {

    public RawRecord {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(datestamp, "datestamp");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(status, "status");
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /** The id of the canonical record made from this one, unique across sources: {@code sourceId:recordId}. */
    public String canonicalId() {
        return CanonicalRecord.idOf(sourceId, recordId);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean isDeleted() {
        return status == RecordStatus.DELETED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r
                && sourceId.equals(r.sourceId)
                && recordId.equals(r.recordId)
                && datestamp.equals(r.datestamp)
                && format == r.format
                && Arrays.equals(payload, r.payload)
                && status == r.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceId, recordId, datestamp, format, Arrays.hashCode(payload), status);
    }

    @Override
    public String toString() {
        return "RawRecord[" + sourceId + ":" + recordId + ", " + datestamp + ", " + format + ", "
                + payload.length + " bytes, " + status + "]";
    }
}
