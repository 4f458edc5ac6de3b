package org.shangdang.connectors.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.RawRecord;

/**
 * One page of a cloud's resource list.
 *
 * @param pageNo the 1-based page number asked for
 * @param records the usable items as raw records (resources taken offline or deleted as deleted records)
 * @param rejects items that could not become raw records (no id, unreadable update time), with reasons
 * @param total the number of items in the whole list (of the window asked for), as the cloud announces it
 * @param nextPage the page to ask for next; empty on the last page
 * @param fetchedAt when the page was received
 */
public record CloudPage(int pageNo, List<RawRecord> records, List<Rejected> rejects, long total,
        Optional<Integer> nextPage, Instant fetchedAt) {

    public CloudPage {
        records = List.copyOf(records);
        rejects = List.copyOf(rejects);
        Objects.requireNonNull(nextPage, "nextPage");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** The latest update time of the page's records; empty when it has none. */
    public Optional<Instant> maxDatestamp() {
        return records.stream().map(RawRecord::datestamp).max(Instant::compareTo);
    }

    /**
     * An item the harvester could not turn into a raw record.
     *
     * @param record what is known of it: the item's id, else {@code page<N>-item<I>}; its JSON as payload
     * @param reason names the cloud, the source, the page, the item and the bad value
     */
    public record Rejected(RawRecord record, String reason) {
        public Rejected {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
