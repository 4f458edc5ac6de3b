package org.shangdang.indexer.suggest;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.IntroSorter;
import org.shangdang.indexer.InvalidQueryException;
import org.shangdang.indexer.RecordHeadings;
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
 * <p>Memory: no object per term, key or record. Terms are packed into pages of bytes ({@link TermTable}),
 * records' term lists into one {@code int[]} keyed by a hash of the id ({@link RecordTermLists}), and a
 * snapshot is four primitive arrays (two sorted key arrays, one of character keys and one of pinyin keys,
 * each with the rank of its term beside it): about 235 bytes per record measured by {@code SuggestScaleCheck}
 * at 200,000 records, against about 740 for a layout of strings and collections. Terms no record carries any
 * more keep their bytes until the process restarts.
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

    private final TermTable terms = new TermTable();
    private int[] counts = new int[1024];
    private final RecordTermLists recordTerms = new RecordTermLists();
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

        /** The change of a record read back from an index by its headings. */
        public static Change of(RecordHeadings headings) {
            return new Change(headings.id(), SuggestTerm.of(headings));
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
            int[] now = idsOf(change.terms());
            int[] before = now.length == 0 ? recordTerms.remove(change.id()) : recordTerms.put(change.id(), now);
            for (int id : before) {
                counts[id]--;
            }
            for (int id : now) {
                counts[id]++;
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
        TermTable.View view;
        int[] countsCopy;
        synchronized (this) {
            if (version == snapshotVersion && snapshot != Snapshot.EMPTY) {
                return;
            }
            builtVersion = version;
            view = terms.view();
            countsCopy = Arrays.copyOf(counts, view.size());
        }
        Snapshot built = Snapshot.build(snapshot, view, countsCopy);
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
        return new Stats(records, current.liveTerms, current.charTerms.length + current.pinyinKeys.length, lastBuildMillis.get());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private int[] idsOf(List<SuggestTerm> list) {
        int[] ids = new int[list.size()];
        int n = 0;
        for (SuggestTerm term : list) {
            int id = terms.intern(term.kind(), term.text());
            if (id < 0) {
                continue;
            }
            if (id == counts.length) {
                counts = Arrays.copyOf(counts, counts.length * 2);
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

    /**
     * The immutable lookup structure: the character keys of the live terms, sorted (one per term, so the
     * array holds term ids), and their pinyin keys, sorted (each a term id shifted left once, plus 1 for
     * initials); beside each array the rank of each key's term, so a lookup scans two arrays in sequence.
     */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(new TermTable().view(), new int[0], new int[0], new int[0], new int[0], new long[0], 0);

        /** Bits of a rank below the weight: the term's shortness. */
        private static final int SHORTNESS_BITS = 8;
        /** The largest weight a rank holds exactly: counts times kind weights beyond it rank equal. */
        private static final int MAX_WEIGHT = (1 << (31 - SHORTNESS_BITS)) - 1;

        final TermTable.View view;
        final int[] charTerms;
        final int[] charRanks;
        final int[] pinyinKeys;
        final int[] pinyinRanks;
        /** Which terms are live in this snapshot: bit per term id. */
        final long[] live;
        final int liveTerms;

        private Snapshot(TermTable.View view, int[] charTerms, int[] charRanks, int[] pinyinKeys, int[] pinyinRanks,
                long[] live, int liveTerms) {
            this.view = view;
            this.charTerms = charTerms;
            this.charRanks = charRanks;
            this.pinyinKeys = pinyinKeys;
            this.pinyinRanks = pinyinRanks;
            this.live = live;
            this.liveTerms = liveTerms;
        }

        boolean isLive(int term) {
            return term >>> 6 < live.length && (live[term >>> 6] & 1L << term) != 0;
        }

        /** Weight (records × kind weight, capped), then shortness: larger ranks first. */
        static int rank(TermTable.View view, int term, int count) {
            long weight = Math.min((long) count * view.kind(term).boost(), MAX_WEIGHT);
            int shortness = (1 << SHORTNESS_BITS) - 1 - Math.min(view.displayLength(term), (1 << SHORTNESS_BITS) - 1);
            return (int) weight << SHORTNESS_BITS | shortness;
        }

        /** The record count a rank was made from (exact below {@link #MAX_WEIGHT}). */
        static int count(TermTable.View view, int term, int rank) {
            return (rank >>> SHORTNESS_BITS) / view.kind(term).boost();
        }

        /**
         * The next snapshot, from the previous one: its sorted keys are kept, minus those of terms no record
         * carries any more, merged with the sorted keys of terms that came alive since. Only the new keys
         * are sorted, so a refresh after a small commit costs one linear pass over the keys.
         */
        static Snapshot build(Snapshot previous, TermTable.View view, int[] counts) {
            long[] live = new long[(view.size() + 63) >>> 6];
            int[] ranks = new int[view.size()];
            int liveTerms = 0;
            int addedChars = 0;
            int addedPinyin = 0;
            for (int term = 0; term < view.size(); term++) {
                if (counts[term] <= 0) {
                    continue;
                }
                live[term >>> 6] |= 1L << term;
                ranks[term] = rank(view, term, counts[term]);
                liveTerms++;
                if (!previous.isLive(term)) {
                    addedChars++;
                    addedPinyin += (view.hasKey(term, TermTable.JOINED) ? 1 : 0) + (view.hasKey(term, TermTable.INITIALS) ? 1 : 0);
                }
            }
            int[] newChars = new int[addedChars];
            int[] newPinyin = new int[addedPinyin];
            int c = 0;
            int p = 0;
            for (int term = 0; term < view.size(); term++) {
                if (counts[term] > 0 && !previous.isLive(term)) {
                    newChars[c++] = term;
                    if (view.hasKey(term, TermTable.JOINED)) {
                        newPinyin[p++] = term << 1;
                    }
                    if (view.hasKey(term, TermTable.INITIALS)) {
                        newPinyin[p++] = term << 1 | 1;
                    }
                }
            }
            sort(view, newChars, CharKeys.INSTANCE);
            sort(view, newPinyin, PinyinKeys.INSTANCE);
            int[] charTerms = merge(view, previous.charTerms, newChars, counts, CharKeys.INSTANCE);
            int[] pinyinKeys = merge(view, previous.pinyinKeys, newPinyin, counts, PinyinKeys.INSTANCE);
            int[] charRanks = new int[charTerms.length];
            for (int i = 0; i < charTerms.length; i++) {
                charRanks[i] = ranks[charTerms[i]];
            }
            int[] pinyinRanks = new int[pinyinKeys.length];
            for (int i = 0; i < pinyinKeys.length; i++) {
                pinyinRanks[i] = ranks[pinyinKeys[i] >>> 1];
            }
            return new Snapshot(view, charTerms, charRanks, pinyinKeys, pinyinRanks, live, liveTerms);
        }

        private static void sort(TermTable.View view, int[] keys, KeyRefs refs) {
            new IntroSorter() {
                private int pivot;

                @Override
                protected void setPivot(int i) {
                    pivot = keys[i];
                }

                @Override
                protected int comparePivot(int j) {
                    return refs.compare(view, pivot, keys[j]);
                }

                @Override
                protected int compare(int i, int j) {
                    return refs.compare(view, keys[i], keys[j]);
                }

                @Override
                protected void swap(int i, int j) {
                    int t = keys[i];
                    keys[i] = keys[j];
                    keys[j] = t;
                }
            }.sort(0, keys.length);
        }

        /** The previous keys whose terms are still live, merged with the new ones, in order. */
        private static int[] merge(TermTable.View view, int[] old, int[] added, int[] counts, KeyRefs refs) {
            int[] merged = new int[old.length + added.length];
            int n = 0;
            int i = 0;
            int j = 0;
            while (i < old.length || j < added.length) {
                boolean takeOld = j == added.length || (i < old.length && refs.compare(view, old[i], added[j]) <= 0);
                if (takeOld) {
                    if (counts[refs.term(old[i])] > 0) {
                        merged[n++] = old[i];
                    }
                    i++;
                } else {
                    merged[n++] = added[j++];
                }
            }
            return n == merged.length ? merged : Arrays.copyOf(merged, n);
        }

        List<Suggestion> lookup(String prefix, int size) {
            // A text has at most three keys in each of three kinds, so the best 9 × size keys hold the best
            // size distinct texts.
            TopKeys top = new TopKeys(size * 9);
            offerRange(charTerms, charRanks, CharKeys.INSTANCE, prefix.getBytes(StandardCharsets.UTF_16BE), top);
            // Pinyin keys are ASCII letters and digits: a query with anything else cannot match one.
            if (isAscii(prefix)) {
                offerRange(pinyinKeys, pinyinRanks, PinyinKeys.INSTANCE, prefix.getBytes(StandardCharsets.US_ASCII), top);
            }
            List<Suggestion> suggestions = new ArrayList<>(size);
            List<String> texts = new ArrayList<>(size);
            int[] best = top.bestFirst();
            for (int k = 0; k < best.length && suggestions.size() < size; k++) {
                int term = top.term(best[k]);
                String text = view.display(term);
                // The same text as title and as subject is one completion: it searches the same; the better-ranked kind shows.
                if (!texts.contains(text)) {
                    texts.add(text);
                    suggestions.add(new Suggestion(text, view.kind(term), count(view, term, top.plainRank(best[k])),
                            SuggestKeys.syllables(text)));
                }
            }
            return List.copyOf(suggestions);
        }

        private static boolean isAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        private void offerRange(int[] keys, int[] ranks, KeyRefs refs, byte[] query, TopKeys top) {
            int from = lowerBound(keys, refs, query);
            int to = upperBound(keys, refs, query, from);
            // Keys equal to the prefix sort first among the keys that start with it, and rank first.
            int exactTo = from;
            while (exactTo < to && refs.hasLength(view, keys[exactTo], query.length)) {
                exactTo++;
            }
            for (int i = from; i < to; i++) {
                top.offer(i < exactTo ? ranks[i] | 1L << 40 : ranks[i], refs.term(keys[i]), ranks[i]);
            }
        }

        /** The first key not less than the query. */
        private int lowerBound(int[] keys, KeyRefs refs, byte[] query) {
            int lo = 0;
            int hi = keys.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (refs.compare(view, keys[mid], query) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The first key from {@code from} on that does not start with the query. */
        private int upperBound(int[] keys, KeyRefs refs, byte[] query, int from) {
            int lo = from;
            int hi = keys.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (refs.comparePrefix(view, keys[mid], query) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** How an entry of a sorted key array names its key. */
    private interface KeyRefs {
        int term(int ref);

        int keyKind(int ref);

        default int compare(TermTable.View view, int a, int b) {
            return view.compare(term(a), keyKind(a), term(b), keyKind(b));
        }

        default int compare(TermTable.View view, int ref, byte[] query) {
            return view.compare(term(ref), keyKind(ref), query);
        }

        default int comparePrefix(TermTable.View view, int ref, byte[] query) {
            return view.comparePrefix(term(ref), keyKind(ref), query);
        }

        default boolean hasLength(TermTable.View view, int ref, int bytes) {
            return view.keyLengthIs(term(ref), keyKind(ref), bytes);
        }
    }

    /** Entries of the character key array: term ids. */
    private enum CharKeys implements KeyRefs {
        INSTANCE;

        @Override
        public int term(int ref) {
            return ref;
        }

        @Override
        public int keyKind(int ref) {
            return TermTable.CHARS;
        }
    }

    /** Entries of the pinyin key array: term id shifted left once, plus 1 for the initials. */
    private enum PinyinKeys implements KeyRefs {
        INSTANCE;

        @Override
        public int term(int ref) {
            return ref >>> 1;
        }

        @Override
        public int keyKind(int ref) {
            return (ref & 1) == 0 ? TermTable.JOINED : TermTable.INITIALS;
        }
    }

    /** The highest-ranked (rank, term) pairs offered, kept in a primitive min-heap. Not thread-safe. */
    private static final class TopKeys {
        private final long[] ranks;
        private final int[] terms;
        private final int[] plainRanks;
        private int size;

        TopKeys(int capacity) {
            ranks = new long[capacity];
            terms = new int[capacity];
            plainRanks = new int[capacity];
        }

        void offer(long rank, int term, int plainRank) {
            if (size < ranks.length) {
                ranks[size] = rank;
                terms[size] = term;
                plainRanks[size] = plainRank;
                up(size++);
            } else if (rank > ranks[0]) {
                ranks[0] = rank;
                terms[0] = term;
                plainRanks[0] = plainRank;
                down(0);
            }
        }

        /** The entries, best first, as indexes for {@link #term} and {@link #plainRank}. */
        int[] bestFirst() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(ranks[b], ranks[a]));
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = order[i];
            }
            return out;
        }

        int term(int entry) {
            return terms[entry];
        }

        int plainRank(int entry) {
            return plainRanks[entry];
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
            int q = plainRanks[a];
            plainRanks[a] = plainRanks[b];
            plainRanks[b] = q;
        }
    }
}
