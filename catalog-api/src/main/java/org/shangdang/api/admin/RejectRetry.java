package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.indexer.IndexWriteException;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordRejectedException;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a job's rejects: maps each rejected record again, from its latest raw record in the record store (the
 * payload kept with the reject when the store has none), and indexes those that now pass, then commits.
 *
 * <p>Idempotent: indexing is an upsert by record id, so retrying twice changes nothing more. The rejects stay in
 * the job's history; the answer says which now pass. A record deleted at the source since is skipped. Thread-safe.
 */
public class RejectRetry {

    private static final Logger LOG = LoggerFactory.getLogger(RejectRetry.class);

    private final RecordStore store;
    private final Crosswalks crosswalks;
    private final SearchIndex index;
    private final SourcesProperties sources;

    public RejectRetry(RecordStore store, Crosswalks crosswalks, SearchIndex index, SourcesProperties sources) {
        this.store = Objects.requireNonNull(store, "store");
        this.crosswalks = Objects.requireNonNull(crosswalks, "crosswalks");
        this.index = Objects.requireNonNull(index, "index");
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /**
     * What a retry did.
     *
     * @param retried distinct records retried
     * @param indexed records that now pass and are in the index
     * @param skipped records deleted at the source since, left out of the index
     * @param stillRejected records that still fail, with today's reason
     */
    public record Result(@JsonProperty("job_id") long jobId, int retried, List<String> indexed, List<String> skipped,
            @JsonProperty("still_rejected") List<StillRejected> stillRejected) {}

    /** A record that fails again, and why. */
    public record StillRejected(@JsonProperty("record_id") String recordId, String reason) {}

    public Result retry(JobStatus job) {
        SourceProperties source = sources.source(job.sourceId()).orElseThrow(() -> new InvalidAdminRequestException(
                "job " + job.id() + " harvested source '" + job.sourceId() + "', which is no longer configured"));
        Map<String, Reject> byRecord = new LinkedHashMap<>();
        for (Reject reject : store.rejects(job.id())) {
            byRecord.putIfAbsent(reject.recordId(), reject);
        }
        List<CanonicalRecord> passing = new ArrayList<>();
        Map<String, String> recordIdOf = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<StillRejected> still = new ArrayList<>();
        for (Reject reject : byRecord.values()) {
            Optional<RawRecord> raw = store.raw(reject.sourceId(), reject.recordId())
                    .or(() -> fromReject(reject, source));
            if (raw.isEmpty()) {
                still.add(new StillRejected(reject.recordId(), "no raw record of " + reject.sourceId() + ":"
                        + reject.recordId() + " is stored and the source's format is unknown"));
                continue;
            }
            if (raw.get().isDeleted()) {
                skipped.add(reject.recordId());
                continue;
            }
            try {
                CanonicalRecord record = crosswalks.map(raw.get(), source.sourceInfo());
                passing.add(record);
                recordIdOf.put(record.id(), reject.recordId());
            } catch (RecordRejectedException e) {
                still.add(new StillRejected(reject.recordId(), e.getMessage()));
            } catch (RuntimeException e) {
                still.add(new StillRejected(reject.recordId(), raw.get().canonicalId() + ": crosswalk failed: " + e));
            }
        }
        List<String> indexed = new ArrayList<>(recordIdOf.values());
        if (!passing.isEmpty()) {
            try {
                index.upsert(passing);
            } catch (IndexWriteException e) {
                for (IndexWriteException.Failure failure : e.failures()) {
                    String recordId = recordIdOf.getOrDefault(failure.recordId(), failure.recordId());
                    indexed.remove(recordId);
                    still.add(new StillRejected(recordId, failure.recordId() + ": refused by the index: "
                            + failure.reason()));
                }
            }
            index.commit();
        }
        LOG.info("rejects of job {} ({}) retried: {} records, {} now indexed, {} skipped as deleted, {} still rejected",
                job.id(), job.sourceId(), byRecord.size(), indexed.size(), skipped.size(), still.size());
        return new Result(job.id(), byRecord.size(), indexed, skipped, still);
    }

    private static Optional<RawRecord> fromReject(Reject reject, SourceProperties source) {
        if (source.oaipmh() == null || source.oaipmh().format() == null) {
            return Optional.empty();
        }
        return Optional.of(new RawRecord(reject.sourceId(), reject.recordId(), reject.createdAt(),
                source.oaipmh().format(), reject.payload(), RecordStatus.PRESENT));
    }
}
