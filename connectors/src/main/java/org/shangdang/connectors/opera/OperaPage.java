package org.shangdang.connectors.opera;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shangdang.record.RawRecord;

/**
 * One page of changed rows.
 *
 * @param records works and recordings in change order; withdrawn ones as deleted records
 * @param last the position of the last row of the page: where the next page starts
 * @param maxUpdatedAt the latest {@code updated_at} on the page
 * @param more whether the page was full, so another may follow
 */
public record OperaPage(List<RawRecord> records, OperaPosition last, Instant maxUpdatedAt, boolean more) {

    public OperaPage {
        records = List.copyOf(records);
    }

    /** The token of {@link #last()}, for a checkpoint. */
    public Optional<String> token() {
        return Optional.of(last.token());
    }
}
