package org.shangdang.connectors.iso2709;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to one dropped file.
 *
 * @param fileName the file's name as dropped
 * @param sha256 the hex SHA-256 of its content, the key of the ledger
 * @param outcome where it went
 * @param movedTo its path under {@code done/} or {@code failed/}
 * @param accepted records handed to the sink
 * @param rejected the records rejected, each with offset and reason
 * @param encodings accepted records by encoding
 * @param reason for {@link Outcome#FAILED} and {@link Outcome#DUPLICATE}: why; empty otherwise
 */
public record FileDropReport(String fileName, String sha256, Outcome outcome, Path movedTo, int accepted,
        List<MarcFileEntry.Rejected> rejected, Map<MarcEncoding, Integer> encodings, String reason) {

    /** Where a file went. */
    public enum Outcome {
        /** Read; at least one record accepted (rejects, if any, are in the report): moved to {@code done/}. */
        DONE,
        /** Its content was ingested before (the ledger has its hash): moved to {@code done/} unread. */
        DUPLICATE,
        /** Unreadable, or not one record accepted: moved to {@code failed/}. */
        FAILED
    }

    public FileDropReport {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(movedTo, "movedTo");
        Objects.requireNonNull(reason, "reason");
        rejected = List.copyOf(rejected);
        encodings = Map.copyOf(encodings);
    }

    /** The report as the text file written beside the moved file. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("file: ").append(fileName).append('\n')
                .append("sha256: ").append(sha256).append('\n')
                .append("outcome: ").append(outcome).append('\n')
                .append("accepted: ").append(accepted).append('\n')
                .append("rejected: ").append(rejected.size()).append('\n');
        encodings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("encoding ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        if (!reason.isEmpty()) {
            sb.append("reason: ").append(reason).append('\n');
        }
        for (MarcFileEntry.Rejected reject : rejected) {
            sb.append("reject at ").append(reject.offset()).append(": ").append(reject.reason().replace('\n', ' ')).append('\n');
        }
        return sb.toString();
    }
}
