package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.Crosswalks;
import org.shangdang.connectors.iso2709.Iso2709Reader;
import org.shangdang.connectors.iso2709.MarcFileEntry;
import org.shangdang.connectors.iso2709.MarcFileReader;
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
 * Retries a job's rejects: maps each rejected record again, from its latest raw record in the record store, and
 * indexes those that now pass, then commits. A reject with no raw record in the store is retried from the payload
 * kept with it: an OAI-PMH record as served; a file-drop record's ISO 2709 bytes, read again with today's reader
 * (the record then joins the raw store under its 001). What cannot be retried says why in {@code still_rejected}:
 * an SRU surrogate diagnostic (the server sent no record), an SRU record without an identifier, a file-drop record
 * whose bytes were not kept (MARCXML) or still cannot be read.
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
        List<RawRecord> recovered = new ArrayList<>();
        for (Reject reject : byRecord.values()) {
            Optional<RawRecord> raw = store.raw(reject.sourceId(), reject.recordId());
            if (raw.isEmpty()) {
                Recovery recovery = recover(reject, source);
                if (recovery instanceof Recovery.NotRetryable no) {
                    still.add(new StillRejected(reject.recordId(), no.why()));
                    continue;
                }
                Recovery.Recovered yes = (Recovery.Recovered) recovery;
                raw = Optional.of(yes.raw());
                if (yes.storeIt()) {
                    recovered.add(yes.raw());
                }
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
        // Records read again from a reject's bytes join the raw store, so that a re-index keeps them.
        List<RawRecord> toStore = recovered.stream()
                .filter(r -> passing.stream().anyMatch(c -> c.id().equals(r.canonicalId()))).toList();
        store.upsertRaw(toStore);
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

    /** What a reject without a raw record in the store can be retried from, or why it cannot. */
    private sealed interface Recovery {
        /** @param storeIt whether the record is new to the raw store (read again from the reject's bytes) */
        record Recovered(RawRecord raw, boolean storeIt) implements Recovery {}

        record NotRetryable(String why) implements Recovery {}
    }

    private static Recovery recover(Reject reject, SourceProperties source) {
        String what = reject.sourceId() + ":" + reject.recordId() + " cannot be retried: ";
        byte[] payload = reject.payload();
        return switch (source.protocol()) {
            case OAIPMH -> source.oaipmh() == null || source.oaipmh().format() == null
                    ? new Recovery.NotRetryable(what + "no raw record is stored and the source's format is unknown")
                    : new Recovery.Recovered(new RawRecord(reject.sourceId(), reject.recordId(), reject.createdAt(),
                            source.oaipmh().format(), payload, RecordStatus.PRESENT), false);
            case SRU -> new Recovery.NotRetryable(what + (payload.length == 0
                    ? "the SRU server sent no record at this position (a surrogate diagnostic or empty record data);"
                            + " harvest the source again once the server sends it"
                    : "the record the SRU server sent has no identifier (no 001, dc:identifier or recordIdentifier),"
                            + " so it could not be updated or deleted later; fix it at the source (its XML is kept as"
                            + " the reject's payload)"));
            case FILEDROP -> fromFileBytes(reject, what, payload);
            case CLOUD, JDBC -> new Recovery.NotRetryable(what + "the source sent an item the connector could not"
                    + " read (its reason says why), so no raw record was stored; fix it at the source and harvest"
                    + " again");
            case IIIF -> new Recovery.NotRetryable(what + "the manifest could not be fetched or read, so no raw"
                    + " record was stored; harvest the source again once the manifest is fixed");
            case DOCUMENTS -> new Recovery.NotRetryable(what + "the file could not be extracted (its reason says"
                    + " why); replace the file in the watched directory and harvest again");
        };
    }

    /** Reads a file-drop reject's ISO 2709 bytes again, with today's reader. */
    private static Recovery fromFileBytes(Reject reject, String what, byte[] payload) {
        if (payload.length == 0) {
            return new Recovery.NotRetryable(what + "no bytes of it were kept (a MARCXML file that stopped being"
                    + " well-formed, or a record rejected before payloads were kept); fix the file and drop it again");
        }
        if (looksLikeXml(payload)) {
            return new Recovery.NotRetryable(what + "its bytes are MARCXML that could not be read; fix the file and"
                    + " drop it again");
        }
        String recordId = reject.recordId();
        int at = recordId.lastIndexOf('@');
        String where = at > 0 ? recordId.substring(0, at) + " (record at byte " + recordId.substring(at + 1) + ")"
                : recordId;
        try (MarcFileReader reader = new Iso2709Reader(reject.sourceId(), where,
                new ByteArrayInputStream(payload), reject.createdAt())) {
            if (!reader.hasNext()) {
                return new Recovery.NotRetryable(what + "its kept bytes hold no record");
            }
            MarcFileEntry entry = reader.next();
            if (entry instanceof MarcFileEntry.Accepted accepted) {
                return new Recovery.Recovered(accepted.record(), true);
            }
            return new Recovery.NotRetryable(what + "its bytes still cannot be read: "
                    + ((MarcFileEntry.Rejected) entry).reason());
        }
    }

    private static boolean looksLikeXml(byte[] payload) {
        for (byte b : payload) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB
                    && (b & 0xFF) != 0xBF) {
                return false;
            }
        }
        return false;
    }
}
