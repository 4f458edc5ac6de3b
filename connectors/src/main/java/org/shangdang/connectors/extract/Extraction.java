package org.shangdang.connectors.extract;

import java.util.Objects;
import org.shangdang.record.RawRecord;

/** The outcome for one file: a raw record to store, or a rejected entry with its reason. */
public sealed interface Extraction {

    /** Where the file is, as in {@link ExtractedDocument#url()}. */
    String location();

    /**
     * @param record a {@link org.shangdang.record.RecordFormat#EXTRACTED_DOCUMENT} raw record whose payload is
     *     {@code document} as JSON
     * @param document the same, parsed
     */
    record Extracted(RawRecord record, ExtractedDocument document) implements Extraction {
        public Extracted {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(document, "document");
        }

        @Override
        public String location() {
            return document.url();
        }
    }

    /**
     * @param location the file
     * @param reason why it was not extracted
     * @param detail for a person, e.g. {@code "PDF is encrypted (owner password)"} or {@code "killed after 30 s"}
     */
    record Rejected(String location, RejectReason reason, String detail) implements Extraction {
        public Rejected {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return location + ": " + reason + " (" + detail + ")";
        }
    }
}
