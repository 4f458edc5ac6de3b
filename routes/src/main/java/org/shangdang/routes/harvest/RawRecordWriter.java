package org.shangdang.routes.harvest;

import java.util.Objects;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step: keeps the current page's raw records, deleted ones included, in the record store, so a
 * re-index never needs a re-harvest; and the records the connector itself rejected on the page in the rejects
 * store, counted as rejected. Idempotent (upsert by source and record id); thread-safe.
 */
public class RawRecordWriter {

    /** Bean name the routes call. */
    public static final String BEAN = "rawRecordWriter";

    private static final Logger LOG = LoggerFactory.getLogger(RawRecordWriter.class);

    private final RecordStore store;

    public RawRecordWriter(RecordStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public void store(HarvestRun run) {
        HarvestPage page = run.page();
        store.upsertRaw(page.records());
        run.addStored(page.records().size());
        for (HarvestPage.Rejected reject : page.rejects()) {
            store.addReject(run.jobId(), reject.record(), reject.reason());
            run.addRejected();
            LOG.warn("harvest job {} of {}: record {} rejected by the connector: {}", run.jobId(), run.sourceId(),
                    reject.record().recordId(), reject.reason());
        }
    }
}
