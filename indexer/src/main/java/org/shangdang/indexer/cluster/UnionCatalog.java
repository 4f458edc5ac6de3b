package org.shangdang.indexer.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.shangdang.record.CanonicalRecord;

/**
 * The union catalog's clustering: which records of the city and county libraries describe the same work.
 *
 * <p><b>Rules.</b> Records are linked by a shared valid ISBN, a shared 012 fingerprint, or the same title key
 * with a shared creator and publisher (or creator alone, or publisher and year when a creator is missing), and
 * kept apart by vetoes: different volume, edition, kind or fingerprint, years too far apart, and for title
 * links also different creators, publishers or ISBNs. See {@link MatchRules} and {@link MatchText}.
 *
 * <p><b>Work ids</b> are the smallest record id (by {@link String#compareTo}) of the work's members, so a
 * record alone is its own work (matching {@link CanonicalRecord#workIdOrSelf()}). They are deterministic
 * whatever order records arrive in, and change only when a work's membership changes.
 *
 * <p><b>Incremental.</b> {@link #upsert} and {@link #remove} re-cluster only the record's block before and
 * after the change: the records transitively sharing an ISBN, fingerprint or title key with it. Since a
 * block's clustering depends only on its records, the result equals a batch run ({@link #of}) over the same
 * records. Upserting a record whose keys did not change re-clusters nothing.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread; updates are serialised by a write lock
 * and reads share a read lock. Both operations are idempotent: upserting the same record twice, or removing
 * an absent one, returns {@link ClusterChange#NONE} the second time.
 *
 * <p><b>Memory.</b> Only match keys are kept, never whole records: per record roughly 250 bytes of keys
 * (record id, title key, creator and publisher keys, ISBNs as {@code long}s), 50–150 bytes of index entries
 * (one per ISBN, fingerprint and title key, a posting being the id itself until a key has two records), and
 * about 50 bytes of work assignment for records in works of more than one; singletons cost nothing there.
 * Measured by {@code ClusteringLoadDriver} (test sources): about 420 bytes per record, i.e. about 0.42 GB of
 * heap for 1M records.
 *
 * <p><b>Cost.</b> An upsert costs the clustering of its block: all pairs sharing a key, so a key shared by k
 * records costs k² pair decisions; blocks of ordinary books hold a few records, a very common title a few
 * hundred.
 */
public final class UnionCatalog {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, MatchKeys> records = new HashMap<>();
    private final Map<Long, Object> byIsbn = new HashMap<>();
    private final Map<String, Object> byFingerprint = new HashMap<>();
    private final Map<String, Object> byTitle = new HashMap<>();
    /** Work id of each record in a work of two or more; a record absent here is its own work. */
    private final Map<String, String> workOfMember = new HashMap<>();
    /** Sorted member ids of each work of two or more. */
    private final Map<String, String[]> membersOfWork = new HashMap<>();

    /** An empty catalog. */
    public UnionCatalog() {
    }

    /**
     * A catalog of these records clustered in one batch (for rebuilds and tests); the same works as upserting
     * them one by one in any order.
     *
     * @throws IllegalArgumentException if two records have the same id
     */
    public static UnionCatalog of(Collection<CanonicalRecord> batch) {
        UnionCatalog catalog = new UnionCatalog();
        for (CanonicalRecord record : batch) {
            MatchKeys keys = MatchKeys.of(record);
            if (catalog.records.putIfAbsent(keys.recordId(), keys) != null) {
                throw new IllegalArgumentException("record " + keys.recordId() + " appears twice in the batch");
            }
            catalog.index(keys);
        }
        Set<String> done = new HashSet<>();
        for (String id : catalog.records.keySet()) {
            if (!done.contains(id)) {
                Set<String> block = catalog.blockOf(List.of(catalog.records.get(id)));
                done.addAll(block);
                catalog.recluster(block, Optional.empty());
            }
        }
        return catalog;
    }

    /** The work of every record in the batch, clustered as {@link #of} does: record id → work id. */
    public static Map<String, String> cluster(Collection<CanonicalRecord> batch) {
        UnionCatalog catalog = of(batch);
        Map<String, String> works = new HashMap<>();
        for (String id : catalog.records.keySet()) {
            works.put(id, catalog.workOfMember.getOrDefault(id, id));
        }
        return works;
    }

    /** Adds a record or replaces the one with its id, and re-clusters its neighbourhood. */
    public ClusterChange upsert(CanonicalRecord record) {
        MatchKeys keys = MatchKeys.of(record);
        lock.writeLock().lock();
        try {
            MatchKeys old = records.get(keys.recordId());
            if (keys.equals(old)) {
                return ClusterChange.NONE;
            }
            Set<String> scope = new HashSet<>();
            if (old != null) {
                scope.addAll(blockOf(List.of(old)));
                unindex(old);
            }
            records.put(keys.recordId(), keys);
            index(keys);
            scope.addAll(blockOf(List.of(keys)));
            return recluster(scope, old == null ? Optional.of(keys.recordId()) : Optional.empty());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a record (a deletion at its source) and re-clusters the records it linked; absent ids are ignored. */
    public ClusterChange remove(String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        lock.writeLock().lock();
        try {
            MatchKeys old = records.get(recordId);
            if (old == null) {
                return ClusterChange.NONE;
            }
            Set<String> scope = blockOf(List.of(old));
            unindex(old);
            records.remove(recordId);
            return recluster(scope, Optional.empty());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The work of a record; empty when the catalog does not hold it. */
    public Optional<String> workOf(String recordId) {
        lock.readLock().lock();
        try {
            if (!records.containsKey(recordId)) {
                return Optional.empty();
            }
            return Optional.of(workOfMember.getOrDefault(recordId, recordId));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The record ids of a work, sorted; empty when no work has this id. */
    public List<String> members(String workId) {
        lock.readLock().lock();
        try {
            String[] members = membersOfWork.get(workId);
            if (members != null) {
                return List.of(members);
            }
            return records.containsKey(workId) && !workOfMember.containsKey(workId) ? List.of(workId) : List.of();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Why a record is in its work (re-derived on demand, so it costs no memory while unused). */
    public Optional<Explanation> why(String recordId) {
        lock.readLock().lock();
        try {
            MatchKeys keys = records.get(recordId);
            if (keys == null) {
                return Optional.empty();
            }
            List<MatchKeys> block = new ArrayList<>();
            for (String id : blockOf(List.of(keys))) {
                block.add(records.get(id));
            }
            BlockClustering.Result result = BlockClustering.explain(block);
            String workId = result.workOf().get(recordId);
            Set<String> members = new TreeSet<>();
            result.workOf().forEach((id, work) -> {
                if (work.equals(workId)) {
                    members.add(id);
                }
            });
            List<Explanation.Link> links = result.links().stream().filter(l -> members.contains(l.recordId()))
                    .map(l -> new Explanation.Link(l.recordId(), l.linkedTo(), l.rule(), l.reason())).toList();
            List<Explanation.KeptApart> keptApart = new ArrayList<>();
            for (BlockClustering.Refusal refusal : result.refusals()) {
                boolean first = members.contains(refusal.recordId());
                boolean second = members.contains(refusal.otherRecordId());
                if (first && !second) {
                    keptApart.add(new Explanation.KeptApart(refusal.recordId(), refusal.otherRecordId(),
                            refusal.veto(), refusal.reason()));
                } else if (second && !first) {
                    keptApart.add(new Explanation.KeptApart(refusal.otherRecordId(), refusal.recordId(),
                            refusal.veto(), refusal.reason()));
                }
            }
            return Optional.of(new Explanation(recordId, workId, List.copyOf(members), links, keptApart));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Calls the action with each record id held and its work id, in no particular order, under the read lock
     * (the action must not update this catalog).
     */
    public void forEachRecord(BiConsumer<String, String> action) {
        Objects.requireNonNull(action, "action");
        lock.readLock().lock();
        try {
            for (String id : records.keySet()) {
                action.accept(id, workOfMember.getOrDefault(id, id));
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of records held. */
    public int size() {
        lock.readLock().lock();
        try {
            return records.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of works (records alone count as one work each). */
    public int workCount() {
        lock.readLock().lock();
        try {
            return records.size() - workOfMember.size() + membersOfWork.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- blocks ------------------------------------------------------------------------------------------

    /** The ids of every record transitively sharing a key with the seeds (the seeds included). */
    private Set<String> blockOf(List<MatchKeys> seeds) {
        Set<String> block = new HashSet<>();
        Deque<MatchKeys> queue = new ArrayDeque<>();
        for (MatchKeys seed : seeds) {
            if (block.add(seed.recordId())) {
                queue.add(seed);
            }
        }
        Consumer<String> visit = id -> {
            if (block.add(id)) {
                queue.add(records.get(id));
            }
        };
        while (!queue.isEmpty()) {
            MatchKeys keys = queue.poll();
            for (long isbn : keys.isbnNumbers()) {
                forEachPosting(byIsbn.get(isbn), visit);
            }
            keys.fingerprint().ifPresent(fp -> forEachPosting(byFingerprint.get(fp), visit));
            if (!keys.titleKey().isEmpty()) {
                forEachPosting(byTitle.get(keys.titleKey()), visit);
            }
        }
        return block;
    }

    /**
     * Clusters the records of the scope still present and records every work id that changed.
     *
     * @param added the record that was not in the catalog before this change, if any
     */
    private ClusterChange recluster(Set<String> scope, Optional<String> added) {
        List<MatchKeys> present = new ArrayList<>(scope.size());
        for (String id : scope) {
            MatchKeys keys = records.get(id);
            if (keys != null) {
                present.add(keys);
            }
        }
        Map<String, String> after = BlockClustering.cluster(present);
        Map<String, String> before = new HashMap<>();
        for (String id : scope) {
            String work = workOfMember.remove(id);
            if (work != null) {
                membersOfWork.remove(work);
            }
            before.put(id, work);
        }
        Map<String, List<String>> works = new HashMap<>();
        after.forEach((id, work) -> works.computeIfAbsent(work, w -> new ArrayList<>(2)).add(id));
        for (Map.Entry<String, List<String>> work : works.entrySet()) {
            if (work.getValue().size() > 1) {
                String[] members = work.getValue().toArray(String[]::new);
                Arrays.sort(members);
                // Share the work id string with the member whose id it is, rather than holding copies.
                String workId = members[0];
                membersOfWork.put(workId, members);
                for (String member : members) {
                    workOfMember.put(member, workId);
                }
            }
        }
        List<ClusterChange.Move> moves = new ArrayList<>();
        for (String id : new TreeSet<>(scope)) {
            // Before the change a record absent from the catalog had no work; one absent from the map was its own.
            Optional<String> was = Optional.ofNullable(before.get(id))
                    .or(() -> added.filter(id::equals).isPresent() ? Optional.empty() : Optional.of(id));
            Optional<String> now = Optional.ofNullable(after.get(id));
            if (!was.equals(now)) {
                moves.add(new ClusterChange.Move(id, was, now));
            }
        }
        return moves.isEmpty() ? ClusterChange.NONE : new ClusterChange(moves);
    }

    // ---- postings ------------------------------------------------------------------------------------------

    private void index(MatchKeys keys) {
        for (long isbn : keys.isbnNumbers()) {
            addPosting(byIsbn, isbn, keys.recordId());
        }
        keys.fingerprint().ifPresent(fp -> addPosting(byFingerprint, fp, keys.recordId()));
        if (!keys.titleKey().isEmpty()) {
            addPosting(byTitle, keys.titleKey(), keys.recordId());
        }
    }

    private void unindex(MatchKeys keys) {
        for (long isbn : keys.isbnNumbers()) {
            removePosting(byIsbn, isbn, keys.recordId());
        }
        keys.fingerprint().ifPresent(fp -> removePosting(byFingerprint, fp, keys.recordId()));
        if (!keys.titleKey().isEmpty()) {
            removePosting(byTitle, keys.titleKey(), keys.recordId());
        }
    }

    /** A posting is one id (a String: most keys belong to one record) or a String[] of several. */
    private static <K> void addPosting(Map<K, Object> postings, K key, String id) {
        postings.merge(key, id, (old, single) -> {
            if (old instanceof String s) {
                return s.equals(id) ? s : new String[] {s, id};
            }
            String[] ids = (String[]) old;
            for (String existing : ids) {
                if (existing.equals(id)) {
                    return ids;
                }
            }
            String[] grown = Arrays.copyOf(ids, ids.length + 1);
            grown[ids.length] = id;
            return grown;
        });
    }

    private static <K> void removePosting(Map<K, Object> postings, K key, String id) {
        postings.computeIfPresent(key, (k, old) -> {
            if (old instanceof String s) {
                return s.equals(id) ? null : s;
            }
            String[] ids = (String[]) old;
            String[] kept = Arrays.stream(ids).filter(x -> !x.equals(id)).toArray(String[]::new);
            return kept.length == 0 ? null : kept.length == 1 ? kept[0] : kept;
        });
    }

    private static void forEachPosting(Object posting, Consumer<String> action) {
        if (posting instanceof String s) {
            action.accept(s);
        } else if (posting instanceof String[] ids) {
            for (String id : ids) {
                action.accept(id);
            }
        }
    }
}
