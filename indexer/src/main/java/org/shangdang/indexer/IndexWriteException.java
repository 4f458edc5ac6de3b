package org.shangdang.indexer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some records of a write were refused by the index while the others were written: a record failure
 * per refused record (it goes to the rejects store with its id and reason), not a failed batch.
 * Thrown after every accepted record has been written, so retrying only {@link #failures()} is enough.
 */
public class IndexWriteException extends RuntimeException {

    /** Failures listed in the message at most; {@link #failures()} has all of them. */
    private static final int LISTED = 10;

    private final List<Failure> failures;

    public IndexWriteException(String index, List<Failure> failures) {
        super(message(index, failures));
        this.failures = List.copyOf(failures);
    }

    /** Every refused record, in the order the records were given. */
    public List<Failure> failures() {
        return failures;
    }

    private static String message(String index, List<Failure> failures) {
        String listed = failures.stream().limit(LISTED)
                .map(f -> f.recordId() + ": " + f.reason())
                .collect(Collectors.joining("; "));
        String more = failures.size() > LISTED ? "; and " + (failures.size() - LISTED) + " more" : "";
        return index + " refused " + failures.size() + " record(s): " + listed + more;
    }

    /**
     * @param recordId the canonical id of the refused record
     * @param reason why the index refused it, as the index says it
     */
    public record Failure(String recordId, String reason) {}
}
