package org.shangdang.connectors.sru;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RawRecord;

/**
 * One searchRetrieve response: its records in the order the server sent them, and where the next page starts.
 *
 * @param requestUrl the URL that returned this page
 * @param version the protocol version the response was in (by its namespace)
 * @param numberOfRecords how many records the whole result set holds, as the server says
 * @param records the page's usable records
 * @param skipped records the page held but that cannot be used: surrogate diagnostics in place of a record,
 *                records without any identifier, empty record data; never silently dropped
 * @param nextRecordPosition where the next page starts; empty on the last page
 * @param fetchedAt when the page was fetched: the datestamp of records that carry none (see {@link SruResponseParser})
 */
public record SruPage(
        URI requestUrl,
        SruVersion version,
        long numberOfRecords,
        List<RawRecord> records,
        List<SkippedRecord> skipped,
        Optional<Integer> nextRecordPosition,
        Instant fetchedAt) {

    public SruPage {
        Objects.requireNonNull(requestUrl, "requestUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        records = List.copyOf(records);
        skipped = List.copyOf(skipped);
        nextRecordPosition = nextRecordPosition == null ? Optional.empty() : nextRecordPosition;
    }

    /** Whether this page ends the result set. */
    public boolean isLast() {
        return nextRecordPosition.isEmpty();
    }

    /**
     * A record position the page held but could not turn into a raw record.
     *
     * @param position the record's position in the result set ({@code recordPosition}, else counted)
     * @param reason why, e.g. {@code surrogate diagnostic info:srw/diagnostic/1/65 "Record deleted by another user"}
     * @param diagnostic the surrogate diagnostic, when the server sent one in place of the record
     * @param payload the record's XML as received, when the server sent one (e.g. a record without an identifier);
     *                empty for a surrogate diagnostic or empty record data
     */
    public record SkippedRecord(long position, String reason, Optional<SruDiagnostic> diagnostic, byte[] payload) {
        public SkippedRecord {
            Objects.requireNonNull(reason, "reason");
            diagnostic = diagnostic == null ? Optional.empty() : diagnostic;
            payload = payload == null ? new byte[0] : payload.clone();
        }

        /** A skipped position of which no record was received. */
        public SkippedRecord(long position, String reason, Optional<SruDiagnostic> diagnostic) {
            this(position, reason, diagnostic, new byte[0]);
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SkippedRecord r && position == r.position && reason.equals(r.reason)
                    && diagnostic.equals(r.diagnostic) && java.util.Arrays.equals(payload, r.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(position, reason, diagnostic, java.util.Arrays.hashCode(payload));
        }

        @Override
        public String toString() {
            return "SkippedRecord[position=" + position + ", reason=" + reason + ", " + payload.length + " bytes]";
        }
    }
}
