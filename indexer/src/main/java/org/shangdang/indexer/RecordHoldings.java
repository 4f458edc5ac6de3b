package org.shangdang.indexer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;

/**
 * The part of a record that counting and listing its copies needs ({@link SearchIndex#holdings}): read from the
 * index without rebuilding the whole record, so a page of works costs a few small reads, not every member's
 * description.
 *
 * @param id the record's canonical id
 * @param workId the work it is clustered into, empty until clustering has run (as {@link CanonicalRecord#workId()})
 * @param library the institution whose catalogue it came from
 * @param holdings its copies, in the record's order
 */
public record RecordHoldings(String id, Optional<String> workId, String library, List<Holding> holdings) {

    public RecordHoldings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(library, "library");
        workId = Objects.requireNonNullElse(workId, Optional.empty());
        holdings = holdings == null ? List.of() : List.copyOf(holdings);
    }

    /** The holdings part of a whole record. */
    public static RecordHoldings of(CanonicalRecord record) {
        return new RecordHoldings(record.id(), record.workId(), record.library(), record.holdings());
    }

    /** The work id, or the record's own id when it is a work alone (as {@link CanonicalRecord#workIdOrSelf()}). */
    public String workIdOrSelf() {
        return workId.orElse(id);
    }
}
