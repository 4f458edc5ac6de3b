package org.shangdang.indexer.suggest;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.record.CanonicalRecord;

/**
 * Prefix completion over the titles, creators and subjects of the indexed records, in Chinese characters
 * (traditional or simplified), full pinyin and pinyin initials; independent of the search engine.
 *
 * <p>Two parts:
 * <ul>
 *   <li>a mutable <em>vocabulary</em>: every distinct term (kind + folded text), how many records carry it,
 *       and which terms each record carries, so that an upsert replaces a record's terms and a delete
 *       removes them. Changes are applied with {@link #apply}, {@link #upsert} and {@link #delete};
 *   <li>an immutable <em>snapshot</em> that answers {@link #suggest}: all keys of all terms carried by at
 *       least one record, sorted, so a prefix is a binary search followed by a scan of the matching range
 *       for the best {@code size} terms. {@link #refresh()} makes the next one from the previous one and
 *       the vocabulary: keys of terms that came alive are sorted and merged in, keys of terms no record
 *       carries any more are dropped ({@code O(k + a log a)} for {@code k} keys, {@code a} added); until
 *       then, suggestions show the previous snapshot.
 * </ul>
 *
 * <p>Ranking: a key equal to the whole query first, then the number of records carrying the term times
 * its kind's weight (title 3, creator 2, subject 1), then shorter terms first. A text that is both, say, a
 * title and a subject is suggested once, as its better-ranked kind.
 *
 * <p>Thread-safe: the vocabulary is guarded by this object's lock; {@link #suggest} reads the current
 * snapshot without locking. {@link #close()} stops the background refresher; it is idempotent.
 */
public final class SuggestIndex implements Closeable {

    /** Most suggestions one request may ask for. */
    public static final int MAX_SIZE = 20;
    /** Longest query accepted, in UTF-16 units: a prefix longer than any term is refused, not scanned. */
    public static final int MAX_QUERY_LENGTH = 100;

    private final Map<String, Integer> termIds = new HashMap<>();
    private final List<String> texts = new ArrayList<>();
    private final List<SuggestionKind> kinds = new ArrayList<>();
    private final List<List<String>> termKeys = new ArrayList<>();
    private int[] counts = new int[1024];
    private final Map<String, int[]> recordTerms = new HashMap<>();
    private long version;

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile long snapshotVersion;
    private final AtomicLong lastBuildMillis = new AtomicLong();

    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "suggest-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean refreshQueued = new AtomicBoolean();

    /**
     * A change to one record's terms.
     *
     * @param id the record's canonical id
     * @param terms its terms now; empty when the record was deleted
     */
    public record Change(String id, List<SuggestTerm> terms) {
        public Change {
            Objects.requireNonNull(id, "id");
            terms = List.copyOf(terms);
        }

        public static Change of(CanonicalRecord record) {
            return new Change(record.id(), SuggestTerm.of(record));
        }

        public static Change deleted(String id) {
            return new Change(id, List.of());
        }
    }

    /**
     * The size of the structure, for health and benchmarks.
     *
     * @param records records whose terms are known
     * @param terms distinct terms carried by at least one record, in the current snapshot
     * @param keys lookup keys in the current snapshot
     * @param lastBuildMillis how long the last {@link #refresh()} took
     */
    public record Stats(int records, int terms, int keys, long lastBuildMillis) {}

    /** Replaces the terms of these records (adding the records when unknown). Visible after {@link #refresh()}. */
    public void upsert(Collection<CanonicalRecord> records) {
        apply(records.stream().map(Change::of).toList());
    }

    /** Forgets these records' terms; unknown ids are ignored. Visible after {@link #refresh()}. */
    public void delete(Collection<String> ids) {
        apply(ids.stream().map(Change::deleted).toList());
    }

    /** Applies changes in order; applying the same change twice is the same as once. */
    public synchronized void apply(Collection<Change> changes) {
        for (Change change : changes) {
            int[] now = change.terms().isEmpty() ? null : idsOf(change.terms());
            int[] before = now == null ? recordTerms.remove(change.id()) : recordTerms.put(change.id(), now);
            if (before != null) {
                for (int id : before) {
                    counts[id]--;
                }
            }
            if (now != null) {
                for (int id : now) {
                    counts[id]++;
                }
            }
        }
        if (!changes.isEmpty()) {
            version++;
        }
    }

    /**
     * Rebuilds the snapshot from the vocabulary when it changed since the last build; returns when the new
     * snapshot answers {@link #suggest}.
     */
    public void refresh() {
        long started = System.nanoTime();
        long builtVersion;
        String[] textsCopy;
        SuggestionKind[] kindsCopy;
        List<String>[] keysCopy;
        int[] countsCopy;
        synchronized (this) {
            if (version == snapshotVersion && snapshot != Snapshot.EMPTY) {
                return;
            }
            builtVersion = version;
            textsCopy = texts.toArray(String[]::new);
            kindsCopy = kinds.toArray(SuggestionKind[]::new);
            @SuppressWarnings("unchecked")
            List<String>[] keys = termKeys.toArray(List[]::new);
            keysCopy = keys;
            countsCopy = Arrays.copyOf(counts, textsCopy.length);
        }
        Snapshot built = Snapshot.build(snapshot, textsCopy, kindsCopy, keysCopy, countsCopy);
        synchronized (this) {
            if (builtVersion >= snapshotVersion) {
                snapshot = built;
                snapshotVersion = builtVersion;
            }
        }
        lastBuildMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * Asks for a {@link #refresh()} on the background thread and returns at once; requests made while one
     * is queued are merged into it, so a burst of commits costs one rebuild.
     */
    public void refreshInBackground() {
        if (refreshQueued.compareAndSet(false, true)) {
            refresher.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /**
     * The best completions of what a reader typed, best first.
     *
     * @param query characters (traditional or simplified), pinyin ({@code shangdang}, {@code shang dang}) or
     *     initials ({@code sdbz}); blank gives no suggestion
     * @param size at most this many, 1..{@link #MAX_SIZE}
     * @throws InvalidQueryException when the query is longer than {@link #MAX_QUERY_LENGTH}, holds control
     *     characters, or size is out of range
     */
    public List<Suggestion> suggest(String query, int size) {
        Objects.requireNonNull(query, "query");
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryException("size must be between 1 and " + MAX_SIZE + "; got: " + size);
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryException("q must be at most " + MAX_QUERY_LENGTH + " characters; got: " + query.length());
        }
        for (int i = 0; i < query.length(); i++) {
            if (Character.getType(query.charAt(i)) == Character.CONTROL) {
                throw new InvalidQueryException("q must not contain control characters; got U+"
                        + String.format("%04X", (int) query.charAt(i)) + " at position " + i);
            }
        }
        String key = SuggestKeys.normalize(query);
        return key.isEmpty() ? List.of() : snapshot.lookup(key, size);
    }

    public Stats stats() {
        Snapshot current = snapshot;
        int records;
        synchronized (this) {
            records = recordTerms.size();
        }
        return new Stats(records, current.liveTerms, current.keys.length, lastBuildMillis.get());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private int[] idsOf(List<SuggestTerm> terms) {
        int[] ids = new int[terms.size()];
        int n = 0;
        for (SuggestTerm term : terms) {
            String identity = term.kind().ordinal() + ":" + SuggestKeys.normalize(term.text());
            Integer id = termIds.get(identity);
            if (id == null) {
                id = texts.size();
                termIds.put(identity, id);
                texts.add(term.text());
                kinds.add(term.kind());
                termKeys.add(List.copyOf(SuggestKeys.of(term.text())));
                if (id == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
            }
            // Two values of one record may fold to the same term (長治 and 长治): count the record once.
            if (!contains(ids, n, id)) {
                ids[n++] = id;
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    private static boolean contains(int[] ids, int n, int id) {
        for (int i = 0; i < n; i++) {
            if (ids[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** The immutable lookup structure: sorted keys, each pointing at its term. */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(new String[0], new int[0], new String[0], new SuggestionKind[0], new int[0], 0);

        final String[] keys;
        final int[] termOfKey;
        /**
         * The rank of each key's term (weight, then shortness), in key order: a lookup scans only this and
         * {@link #termOfKey}, two arrays read in sequence, so even a one-letter prefix matching a tenth of all
         * keys stays cheap.
         */
        final long[] rankOfKey;
        final String[] texts;
        final SuggestionKind[] kinds;
        final int[] counts;
        final int liveTerms;

        private Snapshot(String[] keys, int[] termOfKey, String[] texts, SuggestionKind[] kinds, int[] counts, int liveTerms) {
            this.keys = keys;
            this.termOfKey = termOfKey;
            this.texts = texts;
            this.kinds = kinds;
            this.counts = counts;
            this.liveTerms = liveTerms;
            long[] rankOfTerm = new long[texts.length];
            for (int term = 0; term < texts.length; term++) {
                if (counts[term] > 0) {
                    long weight = Math.min((long) counts[term] * kinds[term].boost(), (1L << 41) - 1);
                    rankOfTerm[term] = weight << 20 | ((1 << 20) - 1 - Math.min(texts[term].length(), (1 << 20) - 1));
                }
            }
            this.rankOfKey = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                rankOfKey[i] = rankOfTerm[termOfKey[i]];
            }
        }

        private record Key(String key, int term) {}

        /**
         * The next snapshot, from the previous one: its sorted keys are kept, minus those of terms no record
         * carries any more, merged with the sorted keys of terms that came alive since. Only the new keys
         * are sorted, so a refresh after a small commit costs one linear pass over the keys.
         */
        static Snapshot build(Snapshot previous, String[] texts, SuggestionKind[] kinds, List<String>[] termKeys, int[] counts) {
            int[] before = previous.counts;
            List<Key> added = new ArrayList<>();
            int live = 0;
            for (int term = 0; term < texts.length; term++) {
                if (counts[term] <= 0) {
                    continue;
                }
                live++;
                boolean wasLive = term < before.length && before[term] > 0;
                if (!wasLive) {
                    for (String key : termKeys[term]) {
                        added.add(new Key(key, term));
                    }
                }
            }
            Key[] sorted = added.toArray(Key[]::new);
            Arrays.parallelSort(sorted, (a, b) -> a.key.compareTo(b.key));
            int capacity = previous.keys.length + sorted.length;
            String[] keys = new String[capacity];
            int[] termOfKey = new int[capacity];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < previous.keys.length || j < sorted.length) {
                boolean takeOld = j == sorted.length
                        || (i < previous.keys.length && previous.keys[i].compareTo(sorted[j].key) <= 0);
                if (takeOld) {
                    int term = previous.termOfKey[i];
                    if (counts[term] > 0) {
                        keys[n] = previous.keys[i];
                        termOfKey[n++] = term;
                    }
                    i++;
                } else {
                    keys[n] = sorted[j].key;
                    termOfKey[n++] = sorted[j].term;
                    j++;
                }
            }
            return new Snapshot(Arrays.copyOf(keys, n), Arrays.copyOf(termOfKey, n), texts, kinds, counts, live);
        }

        List<Suggestion> lookup(String prefix, int size) {
            int from = lowerBound(prefix);
            // Every key starting with the prefix sorts before prefix + U+FFFF (a noncharacter no text holds).
            int to = lowerBound(prefix + '\uffff');
            // A text has at most three keys in each of three kinds, so the best 9 × size keys hold the best
            // size distinct texts.
            TopKeys top = new TopKeys(size * 9);
            // Keys equal to the prefix sort first among the keys that start with it.
            int exactTo = from;
            while (exactTo < to && keys[exactTo].length() == prefix.length()) {
                exactTo++;
            }
            for (int i = from; i < to; i++) {
                top.offer(i < exactTo ? rankOfKey[i] | 1L << 62 : rankOfKey[i], termOfKey[i]);
            }
            List<Suggestion> suggestions = new ArrayList<>(size);
            for (int term : top.termsBestFirst()) {
                if (suggestions.size() == size) {
                    break;
                }
                // The same text as title and as subject is one completion: it searches the same; the better-ranked kind shows.
                if (suggestions.stream().noneMatch(s -> s.text().equals(texts[term]))) {
                    suggestions.add(new Suggestion(texts[term], kinds[term], counts[term], SuggestKeys.syllables(texts[term])));
                }
            }
            return List.copyOf(suggestions);
        }

        private int lowerBound(String key) {
            int lo = 0;
            int hi = keys.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (keys[mid].compareTo(key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** The highest-ranked (rank, term) pairs offered, kept in a primitive min-heap. Not thread-safe. */
    private static final class TopKeys {
        private final long[] ranks;
        private final int[] terms;
        private int size;

        TopKeys(int capacity) {
            ranks = new long[capacity];
            terms = new int[capacity];
        }

        void offer(long rank, int term) {
            if (size < ranks.length) {
                ranks[size] = rank;
                terms[size] = term;
                up(size++);
            } else if (rank > ranks[0]) {
                ranks[0] = rank;
                terms[0] = term;
                down(0);
            }
        }

        int[] termsBestFirst() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(ranks[b], ranks[a]));
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = terms[order[i]];
            }
            return out;
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (ranks[parent] <= ranks[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int left = 2 * i + 1;
                int smallest = i;
                if (left < size && ranks[left] < ranks[smallest]) {
                    smallest = left;
                }
                if (left + 1 < size && ranks[left + 1] < ranks[smallest]) {
                    smallest = left + 1;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            long r = ranks[a];
            ranks[a] = ranks[b];
            ranks[b] = r;
            int t = terms[a];
            terms[a] = terms[b];
            terms[b] = t;
        }
    }
}
