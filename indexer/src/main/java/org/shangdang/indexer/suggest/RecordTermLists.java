package org.shangdang.indexer.suggest;

import java.util.Arrays;

/**
 * Which terms each record carries, so that an upsert replaces a record's terms and a delete removes them:
 * a map from a 64-bit hash of the record id to a list of term ids, in primitive arrays (no object per
 * record, the id itself is not kept).
 *
 * <p>Two ids with the same 64-bit hash would share one entry; at a million records the odds that any two
 * do are about 3 in 10<sup>8</sup>, and the cost would be one record's terms counted under the other.
 *
 * <p>Lists live in one {@code int[]} pool, each as its length then its ids; a replaced list that does not fit
 * in place is appended and the old one becomes garbage, reclaimed when it outweighs the live lists. Not
 * thread-safe.
 */
final class RecordTermLists {

    private static final int[] NONE = new int[0];

    /** Open addressing with linear probing: hash (never 0) per slot, 0 for an empty slot; at most 3/4 full. */
    private long[] hashes = new long[1024];
    private int[] listAt = new int[1024];
    private int size;
    private int[] pool = new int[4096];
    private int poolUsed;
    private int garbage;

    int size() {
        return size;
    }

    /** Sets the record's term ids; returns the ones it had, empty when it was unknown. */
    int[] put(String id, int[] terms) {
        long hash = hash(id);
        int slot = find(hash);
        if (hashes[slot] != 0) {
            int at = listAt[slot];
            int[] before = Arrays.copyOfRange(pool, at + 1, at + 1 + pool[at]);
            if (terms.length <= pool[at]) {
                garbage += pool[at] - terms.length;
                write(at, terms);
            } else {
                garbage += pool[at] + 1;
                listAt[slot] = append(terms);
            }
            return before;
        }
        hashes[slot] = hash;
        listAt[slot] = append(terms);
        size++;
        if (size * 4 > hashes.length * 3) {
            grow();
        }
        return NONE;
    }

    /** Forgets the record; returns the term ids it had, empty when it was unknown. */
    int[] remove(String id) {
        int slot = find(hash(id));
        if (hashes[slot] == 0) {
            return NONE;
        }
        int at = listAt[slot];
        int[] before = Arrays.copyOfRange(pool, at + 1, at + 1 + pool[at]);
        garbage += pool[at] + 1;
        size--;
        deleteSlot(slot);
        return before;
    }

    private int find(long hash) {
        int mask = hashes.length - 1;
        int slot = (int) hash & mask;
        while (hashes[slot] != 0 && hashes[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Backward-shift deletion: later entries of the probe run move up, so no tombstone is needed. */
    private void deleteSlot(int slot) {
        int mask = hashes.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (hashes[next] != 0) {
            int home = (int) hashes[next] & mask;
            // The entry at next may fill the hole if its home is not cyclically within (hole, next].
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                hashes[hole] = hashes[next];
                listAt[hole] = listAt[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        hashes[hole] = 0;
    }

    private int append(int[] terms) {
        if (garbage > 1 << 16 && garbage > poolUsed / 2) {
            compact();
        }
        if (poolUsed + terms.length + 1 > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 3 / 2, poolUsed + terms.length + 1));
        }
        int at = poolUsed;
        write(at, terms);
        poolUsed += terms.length + 1;
        return at;
    }

    private void write(int at, int[] terms) {
        pool[at] = terms.length;
        System.arraycopy(terms, 0, pool, at + 1, terms.length);
    }

    /** Copies the live lists into a pool of their size: memory stays proportional to the records known. */
    private void compact() {
        int[] packed = new int[Math.max(4096, (poolUsed - garbage) * 5 / 4)];
        int used = 0;
        for (int slot = 0; slot < hashes.length; slot++) {
            if (hashes[slot] != 0) {
                int at = listAt[slot];
                int length = pool[at] + 1;
                System.arraycopy(pool, at, packed, used, length);
                listAt[slot] = used;
                used += length;
            }
        }
        pool = packed;
        poolUsed = used;
        garbage = 0;
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldAt = listAt;
        hashes = new long[oldHashes.length * 2];
        listAt = new int[oldHashes.length * 2];
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = find(oldHashes[i]);
                hashes[slot] = oldHashes[i];
                listAt[slot] = oldAt[i];
            }
        }
    }

    /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser to spread the bits; never 0. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
