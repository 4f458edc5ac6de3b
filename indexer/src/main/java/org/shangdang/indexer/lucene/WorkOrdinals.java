package org.shangdang.indexer.lucene;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.shangdang.indexer.IndexFields;

/**
 * The {@link IndexFields#WORK_ID} values of one reader numbered across its segments, built once when the reader is
 * opened, so that counting the works of a search is a bit per matching record instead of a hash of work ids
 * re-sought in every segment (what {@link org.apache.lucene.search.grouping.AllGroupsCollector} does). Immutable
 * and thread-safe; each {@link #counter()} is for one search on one thread.
 */
final class WorkOrdinals {

    /** Empty when the reader has a single segment (its own ordinals are global) or no work ids. */
    private final Optional<OrdinalMap> map;
    private final long valueCount;

    private WorkOrdinals(Optional<OrdinalMap> map, long valueCount) {
        this.map = map;
        this.valueCount = valueCount;
    }

    static WorkOrdinals of(IndexReader reader) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        SortedDocValues[] values = new SortedDocValues[leaves.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = DocValues.getSorted(leaves.get(i).reader(), IndexFields.WORK_ID);
        }
        if (values.length == 1) {
            return new WorkOrdinals(Optional.empty(), values[0].getValueCount());
        }
        if (values.length == 0) {
            return new WorkOrdinals(Optional.empty(), 0);
        }
        OrdinalMap map = OrdinalMap.build(null, values, PackedInts.DEFAULT);
        return new WorkOrdinals(Optional.of(map), map.getValueCount());
    }

    /** A collector that counts the records it sees and their distinct works. */
    Counter counter() {
        return new Counter();
    }

    /** Counts records and distinct works; not thread-safe, one per search. */
    final class Counter extends SimpleCollector {

        private final FixedBitSet seen = new FixedBitSet((int) Math.max(1, valueCount));
        private SortedDocValues values;
        private LongValues globalOrds;
        private long records;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getSorted(context.reader(), IndexFields.WORK_ID);
            globalOrds = map.isPresent() ? map.get().getGlobalOrds(context.ord) : LongValues.IDENTITY;
        }

        @Override
        public void collect(int doc) throws IOException {
            records++;
            if (values.advanceExact(doc)) {
                seen.set((int) globalOrds.get(values.ordValue()));
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        long records() {
            return records;
        }

        /** Distinct works among the records seen; every indexed record has a work id. */
        long works() {
            return seen.cardinality();
        }
    }
}
