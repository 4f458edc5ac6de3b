package org.shangdang.indexer.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Clusters one set of records that share keys (a block, or several blocks at once) into works.
 *
 * <p>Deterministic: the result depends only on the set of records, never on the order they are given in.
 * Records are sorted by id; every pair sharing an ISBN, a fingerprint or a title key is decided by
 * {@link MatchRules}; the links are then applied strongest rule first, ties broken by the record ids, and two
 * works merge only if no pair across them is vetoed (so 上册 and 下册 stay apart even when each was linked
 * to a record of the whole set). A work's id is its smallest record id.
 *
 * <p>Records in different blocks never share a pair, so clustering several blocks together gives exactly the
 * union of clustering each alone: this is what makes incremental re-clustering equal to a batch run.
 *
 * <p>Cost: pairs per key grow with the square of the records sharing it (a few hundred for a common title).
 * Not thread-safe: one instance per run.
 */
final class BlockClustering {

    /** One applied or refused link, for {@link Explanation}s. */
    record Link(String recordId, String linkedTo, MatchRule rule, String reason) {
    }

    /** One veto met: between a pair directly, or between two works a link would have merged. */
    record Refusal(String recordId, String otherRecordId, Veto veto, String reason) {
    }

    /** The outcome: the work of every record, and when traced, the links applied and the vetoes met. */
    record Result(Map<String, String> workOf, List<Link> links, List<Refusal> refusals) {
    }

    private enum Trace { ON, OFF }

    private record Candidate(int a, int b, MatchRule rule, String reason) {
    }

    private final MatchKeys[] records;
    private final Trace trace;
    private final int[] parent;
    private final List<List<Integer>> members;
    private final List<Link> links = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();

    private BlockClustering(Collection<MatchKeys> block, Trace trace) {
        this.records = block.toArray(MatchKeys[]::new);
        Arrays.sort(records, Comparator.comparing(MatchKeys::recordId));
        this.trace = trace;
        this.parent = new int[records.length];
        this.members = new ArrayList<>(records.length);
        for (int i = 0; i < records.length; i++) {
            parent[i] = i;
            List<Integer> self = new ArrayList<>(1);
            self.add(i);
            members.add(self);
        }
    }

    /** Clusters the records into works: record id → work id. */
    static Map<String, String> cluster(Collection<MatchKeys> block) {
        return new BlockClustering(block, Trace.OFF).run().workOf();
    }

    /** Clusters the records and keeps every link applied and veto met, to explain the outcome. */
    static Result explain(Collection<MatchKeys> block) {
        return new BlockClustering(block, Trace.ON).run();
    }

    private Result run() {
        List<Candidate> candidates = candidates();
        candidates.sort(Comparator.comparing(Candidate::rule).thenComparingInt(Candidate::a).thenComparingInt(Candidate::b));
        for (Candidate link : candidates) {
            merge(link);
        }
        Map<String, String> workOf = new HashMap<>(records.length * 2);
        for (int i = 0; i < records.length; i++) {
            // Members are kept sorted by index, and records by id: the first member has the smallest id.
            workOf.put(records[i].recordId(), records[members.get(find(i)).get(0)].recordId());
        }
        return new Result(workOf, links, refusals);
    }

    /** Every pair that shares a blocking key, decided once. */
    private List<Candidate> candidates() {
        Map<Long, Boolean> seen = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (List<Integer> group : groups()) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    int a = group.get(x);
                    int b = group.get(y);
                    if (seen.putIfAbsent((long) a * records.length + b, Boolean.TRUE) != null) {
                        continue;
                    }
                    MatchRules.Decision decision = MatchRules.decide(records[a], records[b]);
                    if (decision instanceof MatchRules.Linked linked) {
                        candidates.add(new Candidate(a, b, linked.rule(), linked.reason()));
                    } else if (decision instanceof MatchRules.KeptApart apart && trace == Trace.ON) {
                        refusals.add(new Refusal(records[a].recordId(), records[b].recordId(), apart.veto(), apart.reason()));
                    }
                }
            }
        }
        return candidates;
    }

    /** The records sharing each key, as ascending index lists. */
    private Collection<List<Integer>> groups() {
        Map<Object, List<Integer>> groups = new HashMap<>();
        Function<Object, List<Integer>> newGroup = k -> new ArrayList<>(2);
        for (int i = 0; i < records.length; i++) {
            MatchKeys keys = records[i];
            for (long isbn : keys.isbnNumbers()) {
                groups.computeIfAbsent(isbn, newGroup).add(i);
            }
            if (keys.fingerprint().isPresent()) {
                groups.computeIfAbsent(new FingerprintKey(keys.fingerprint().get()), newGroup).add(i);
            }
            if (!keys.titleKey().isEmpty()) {
                groups.computeIfAbsent(new TitleKey(keys.titleKey()), newGroup).add(i);
            }
        }
        return groups.values();
    }

    private record FingerprintKey(String value) {
    }

    private record TitleKey(String value) {
    }

    private void merge(Candidate link) {
        int ra = find(link.a());
        int rb = find(link.b());
        if (ra == rb) {
            return;
        }
        for (int x : members.get(ra)) {
            for (int y : members.get(rb)) {
                Optional<MatchRules.KeptApart> veto = MatchRules.vetoFor(link.rule(), records[x], records[y]);
                if (veto.isPresent()) {
                    if (trace == Trace.ON) {
                        refusals.add(new Refusal(records[x].recordId(), records[y].recordId(), veto.get().veto(),
                                veto.get().reason() + " (so " + records[link.a()].recordId() + " and "
                                        + records[link.b()].recordId() + " were not joined by " + link.reason() + ")"));
                    }
                    return;
                }
            }
        }
        List<Integer> into = members.get(ra);
        List<Integer> from = members.get(rb);
        int root = ra;
        int child = rb;
        if (into.size() < from.size()) {
            root = rb;
            child = ra;
        }
        List<Integer> merged = new ArrayList<>(into.size() + from.size());
        merged.addAll(into);
        merged.addAll(from);
        merged.sort(null);
        parent[child] = root;
        members.set(root, merged);
        members.set(child, List.of());
        if (trace == Trace.ON) {
            links.add(new Link(records[link.a()].recordId(), records[link.b()].recordId(), link.rule(), link.reason()));
        }
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
