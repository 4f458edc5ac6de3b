package org.shangdang.connectors.iso2709;

import java.util.Objects;
import org.shangdang.record.RawRecord;

/** What a MARC file reader yields for each record it finds: the record, or why it cannot be used. */
public sealed interface MarcFileEntry permits MarcFileEntry.Accepted, MarcFileEntry.Rejected {

    /** Where the record starts in the file: a byte offset, or -1 where it cannot be known (see {@link Rejected}). */
    long offset();

    /**
     * A record read and converted to MARCXML in UTF-8 (format MARCXML), ready for the MARC crosswalk.
     *
     * @param offset the byte offset of its leader in the file (ISO 2709), or of its {@code <record>} start (MARCXML,
     *               as a character offset)
     * @param record the raw record: id from 001, datestamp from 005 or else the file's modification time
     * @param encoding the encoding its bytes were read in
     */
    record Accepted(long offset, RawRecord record, MarcEncoding encoding) implements MarcFileEntry {
        public Accepted {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(encoding, "encoding");
        }
    }

    /**
     * A record that cannot be used, and why; the reader goes on with the next one.
     *
     * @param offset the byte offset where the rejected bytes start; -1 for MARCXML records after a point where
     *               the file stopped being well-formed (the reason then gives line and column)
     * @param reason names the file, the offset or record id, and the bad value
     * @param bytes the rejected record's bytes as they are in the file (ISO 2709: from its first byte to its record
     *              terminator or the end of the file), so that it can be read again after a reader fix; empty where
     *              the reader cannot say which bytes are the record (MARCXML)
     */
    record Rejected(long offset, String reason, byte[] bytes) implements MarcFileEntry {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            bytes = bytes == null ? new byte[0] : bytes.clone();
        }

        /** A rejected record whose bytes are not kept. */
        public Rejected(long offset, String reason) {
            this(offset, reason, new byte[0]);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** This rejection with the record's bytes. */
        Rejected withBytes(byte[] recordBytes) {
            return new Rejected(offset, reason, recordBytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rejected r && offset == r.offset && reason.equals(r.reason)
                    && java.util.Arrays.equals(bytes, r.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(offset, reason, java.util.Arrays.hashCode(bytes));
        }

        @Override
        public String toString() {
            return "Rejected[offset=" + offset + ", reason=" + reason + ", " + bytes.length + " bytes]";
        }
    }
}
