package org.shangdang.routes.harvest;

import java.util.Objects;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.Crosswalk;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.SourceInfo;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step: maps the current page's present records to canonical records, queues deleted ones for
 * removal from the index, and puts records that cannot be mapped in the rejects store with the reason.
 * A rejected record never stops the job. Thread-safe.
 */
public class RecordCrosswalker {

    /** Bean name the routes call. */
    public static final String BEAN = "recordCrosswalker";

    private static final Logger LOG = LoggerFactory.getLogger(RecordCrosswalker.class);

    private final Crosswalks crosswalks;
    private final RecordStore store;

    public RecordCrosswalker(Crosswalks crosswalks, RecordStore store) {
        this.crosswalks = Objects.requireNonNull(crosswalks, "crosswalks");
        this.store = Objects.requireNonNull(store, "store");
    }

    public void crosswalk(HarvestRun run) {
        SourceInfo source = run.source().sourceInfo();
        for (RawRecord raw : run.page().records()) {
            if (raw.isDeleted()) {
                run.queueForDeletion(raw.canonicalId());
                continue;
            }
            try {
                Crosswalk crosswalk = crosswalks.forFormat(raw.format());
                run.queueForIndex(crosswalk.map(raw, source));
            } catch (RecordRejectedException e) {
                reject(run, raw, e.getMessage());
            } catch (RuntimeException e) {
                // A crosswalk that breaks on one record is still a record failure: keep it and go on.
                reject(run, raw, raw.canonicalId() + ": crosswalk failed: " + e);
            }
        }
    }

    private void reject(HarvestRun run, RawRecord raw, String reason) {
        String why = reason == null || reason.isBlank() ? raw.canonicalId() + ": rejected without a reason" : reason;
        store.addReject(run.jobId(), raw, why);
        run.addRejected();
        LOG.warn("harvest job {} of {}: record {} rejected: {}", run.jobId(), run.sourceId(), raw.recordId(), why);
    }
}
