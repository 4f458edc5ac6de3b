package org.shangdang.indexer.analysis;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A bounded memo of a pure function of short strings, for analysis results that repeat across the records
 * of a union catalogue (creators, subjects, publishers, the titles other libraries catalogue again):
 * smartcn words, pinyin forms. Direct-mapped: each key has one slot chosen by its hash, a new key evicts
 * whatever held its slot, so memory is bounded by the slot count whatever the input, and a lookup costs a
 * hash and one {@code equals}. Keys longer than the limit are computed every time (long texts rarely repeat).
 *
 * <p>Only for functions whose result depends on the key alone and is immutable: a hit returns the very
 * object computed earlier, to any thread. Thread-safe without locking: slots hold immutable entries, so a
 * racing writer can only make another thread compute a value again.
 *
 * @param <V> the immutable result type
 */
public final class ValueCache<V> {

    private final AtomicReferenceArray<Entry<V>> slots;
    private final int mask;
    private final int maxKeyLength;
    private final Function<String, V> compute;

    /**
     * @param slots the number of entries kept, rounded up to a power of two
     * @param maxKeyLength keys longer than this are not cached
     * @param compute the function memoised; must be pure and return immutable values, never null
     */
    public ValueCache(int slots, int maxKeyLength, Function<String, V> compute) {
        if (slots < 1 || slots > 1 << 24) {
            throw new IllegalArgumentException("ValueCache slots must be between 1 and 2^24; got: " + slots);
        }
        int size = Integer.highestOneBit(slots) == slots ? slots : Integer.highestOneBit(slots) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.maxKeyLength = maxKeyLength;
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    /** The function's value for the key: the cached one when the key's slot holds it, else computed and cached. */
    public V get(String key) {
        if (key.length() > maxKeyLength) {
            return compute.apply(key);
        }
        int hash = key.hashCode();
        // Spread the high bits so that keys differing only there do not share a slot.
        int slot = (hash ^ (hash >>> 16)) & mask;
        Entry<V> entry = slots.getAcquire(slot);
        if (entry != null && entry.hash == hash && entry.key.equals(key)) {
            return entry.value;
        }
        V value = Objects.requireNonNull(compute.apply(key), "ValueCache function returned null");
        // Release: a thread that reads the entry sees its fields and the value's state as written here.
        slots.setRelease(slot, new Entry<>(hash, key, value));
        return value;
    }

    private record Entry<V>(int hash, String key, V value) {}
}
