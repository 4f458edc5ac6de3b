package org.shangdang.indexer.cluster;

import java.util.List;

/**
 * Why a record is in its work: the links that built the work, and the vetoes that kept other records out.
 *
 * @param recordId the record asked about
 * @param workId its work
 * @param members the work's records, sorted
 * @param links the links that joined the work's records, in the order they were applied (a spanning tree:
 *     follow them from any member to any other)
 * @param keptApart vetoes between a member and a record that shares a key with it but is in another work
 */
public record Explanation(String recordId, String workId, List<String> members, List<Link> links,
        List<KeptApart> keptApart) {

    public Explanation {
        members = List.copyOf(members);
        links = List.copyOf(links);
        keptApart = List.copyOf(keptApart);
    }

    /**
     * One link applied.
     *
     * @param recordId one record
     * @param linkedTo the record it was linked to
     * @param rule the rule that linked them
     * @param reason the evidence, e.g. {@code same ISBN 9787203063182}
     */
    public record Link(String recordId, String linkedTo, MatchRule rule, String reason) {
    }

    /**
     * One veto met.
     *
     * @param recordId a member of the work
     * @param otherRecordId a record outside it that shares a key with some member
     * @param veto the veto
     * @param reason the values that differed, e.g. {@code different volume: 上 vs 下}
     */
    public record KeptApart(String recordId, String otherRecordId, Veto veto, String reason) {
    }

    /** A few lines a person can read, e.g. in a log or an admin page. */
    public String describe() {
        StringBuilder text = new StringBuilder(recordId + " is in work " + workId + " with " + members.size()
                + " record(s)\n");
        for (Link link : links) {
            text.append("  linked ").append(link.recordId()).append(" – ").append(link.linkedTo()).append(": ")
                    .append(link.reason()).append('\n');
        }
        for (KeptApart apart : keptApart) {
            text.append("  kept apart ").append(apart.recordId()).append(" | ").append(apart.otherRecordId())
                    .append(": ").append(apart.reason()).append('\n');
        }
        return text.toString();
    }
}
