package org.shangdang.indexer.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The records whose work changed after one {@link UnionCatalog#upsert} or {@link UnionCatalog#remove}: the
 * caller re-indexes exactly these (and the changed record itself, whose content changed even when its work
 * did not).
 *
 * @param moves one per record whose work id changed, sorted by record id
 */
public record ClusterChange(List<Move> moves) {

    /** A change that moved nothing. */
    public static final ClusterChange NONE = new ClusterChange(List.of());

    /**
     * One record's move.
     *
     * @param recordId the record
     * @param before its work before; empty when the record is new
     * @param after its work now; empty when the record was removed
     */
    public record Move(String recordId, Optional<String> before, Optional<String> after) {
    }

    public ClusterChange {
        moves = List.copyOf(moves);
    }

    /** Whether no record changed work. */
    public boolean isEmpty() {
        return moves.isEmpty();
    }

    /** The ids of the records that changed work. */
    public List<String> recordIds() {
        return moves.stream().map(Move::recordId).toList();
    }

    /** Every work id a move left or entered: the merged-work documents to rebuild or delete. */
    public Set<String> affectedWorks() {
        Set<String> works = new TreeSet<>();
        for (Move move : moves) {
            move.before().ifPresent(works::add);
            move.after().ifPresent(works::add);
        }
        return works;
    }
}
