package org.shangdang.routes.harvest;

import java.util.Objects;
import org.shangdang.routes.store.RecordStore;

/**
 * Harvest step: keeps the current page's raw records, deleted ones included, in the record store, so a
 * re-index never needs a re-harvest. Idempotent (upsert by source and record id); thread-safe.
 */
public class RawRecordWriter {

    /** Bean name the routes call. */
    public static final String BEAN = "rawRecordWriter";

    private final RecordStore store;

    public RawRecordWriter(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public void store(HarvestRun run) {
        HarvestPage page = run.page();
        store.upsertRaw(page.records());
        run.addStored(page.records().size());
    }
}
