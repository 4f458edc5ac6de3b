package org.shangdang.api.works;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Holding;

/**
 * The JSON body of {@code GET /api/works/{workId}}: one work of the union catalog with every record that
 * describes it, each library's copies, and why the records were put together.
 *
 * @param workId the work's id (its smallest record id)
 * @param records the work's records, sorted by id
 * @param holdings how many copies the records list in all
 * @param links the links that joined the records (a spanning tree)
 * @param keptApart records that share a key with the work but were kept out, and why
 */
public record WorkResponse(
        @JsonProperty("work_id") String workId,
        List<Member> records,
        int holdings,
        List<Link> links,
        @JsonProperty("kept_apart") List<KeptApart> keptApart) {

    static WorkResponse of(Explanation why, List<CanonicalRecord> records) {
        List<Member> members = records.stream().map(Member::of).toList();
        int copies = records.stream().mapToInt(r -> r.holdings().size()).sum();
        return new WorkResponse(why.workId(), members, copies, links(why), keptApart(why));
    }

    static List<Link> links(Explanation why) {
        return why.links().stream().map(l -> new Link(l.recordId(), l.linkedTo(), l.rule().name().toLowerCase(
                java.util.Locale.ROOT), l.reason())).toList();
    }

    static List<KeptApart> keptApart(Explanation why) {
        return why.keptApart().stream().map(k -> new KeptApart(k.recordId(), k.otherRecordId(), k.veto().name()
                .toLowerCase(java.util.Locale.ROOT), k.reason())).toList();
    }

    /** One record of the work, as a union-catalog page lists it. */
    public record Member(
            String id,
            String title,
            String library,
            Optional<String> county,
            Optional<Integer> year,
            Optional<String> edition,
            Optional<String> volume,
            List<String> isbns,
            List<Holding> holdings) {

        static Member of(CanonicalRecord r) {
            return new Member(r.id(), r.title(), r.library(), r.county(), r.year(), r.edition(), r.volume(), r.isbns(),
                    r.holdings());
        }
    }

    public record Link(String record, @JsonProperty("linked_to") String linkedTo, String rule, String reason) {}

    public record KeptApart(String record, String other, String veto, String reason) {}
}
