package org.shangdang.routes.harvest;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.RecordStore;

/**
 * Harvest step: saves where the next harvest starts. Called only after the index committed: a checkpoint
 * never points past a record that is not searchable. Thread-safe.
 */
public class Checkpointer {

    /** Bean name the routes call. */
    public static final String BEAN = "harvestCheckpointer";

    private final RecordStore store;

    public Checkpointer(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * After a commit mid-list: the token of the first uncommitted page and the list's window; the
     * high-water mark stays that of the last completed harvest, as a list is not ordered by datestamp.
     */
    public void afterCommit(HarvestRun run) {
        store.saveCheckpoint(new Checkpoint(run.sourceId(), run.markCommitted(), run.windowFrom(), previousHighWater(run)));
    }

    /**
     * After the last page is committed: no token, and as high-water mark the latest datestamp this run
     * saw (unchanged if it saw none).
     */
    public void complete(HarvestRun run) {
        run.markCommitted();
        store.saveCheckpoint(new Checkpoint(run.sourceId(), Optional.empty(), Optional.empty(),
                run.maxDatestamp().or(() -> previousHighWater(run))));
    }

    private static Optional<Instant> previousHighWater(HarvestRun run) {
        return run.checkpointAtStart().flatMap(Checkpoint::highWater);
    }
}
