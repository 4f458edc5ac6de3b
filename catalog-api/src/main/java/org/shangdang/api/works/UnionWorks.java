package org.shangdang.api.works;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.api.availability.AvailabilityLookup;
import org.shangdang.indexer.Lookup;
import org.shangdang.indexer.RecordHoldings;
import org.shangdang.indexer.SearchIndex;
import org.shangdang.indexer.cluster.Explanation;
import org.shangdang.record.CanonicalRecord;
import org.shangdang.routes.cluster.WorkClusters;
import org.springframework.stereotype.Component;

/**
 * The works of the union catalog as the API reads them: a work's records come from the index (the work id every
 * record is indexed with, {@link Lookup#works}), why they are together from the clustering ({@link WorkClusters}),
 * and its copies' status live from the libraries ({@link AvailabilityLookup}). The one place {@code /api/works},
 * {@code /api/catalog} and {@code /api/terminal} read works from. Thread-safe.
 */
@Component
public class UnionWorks {

    private final SearchIndex index;
    private final WorkClusters clusters;
    private final AvailabilityLookup availability;

    public UnionWorks(SearchIndex index, WorkClusters clusters, AvailabilityLookup availability) {
        this.index = Objects.requireNonNull(index, "index");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /** The records of a work, by id; empty for an unknown work (a record alone is the work of its own id). */
    public List<CanonicalRecord> members(String workId) {
        if (workId == null || workId.isBlank()) {
            return List.of();
        }
        return index.lookup(Lookup.works(List.of(workId), Lookup.MAX_LIMIT));
    }

    /** The records of these works (at most {@link Lookup#MAX_VALUES}), by id: one lookup for a page of works. */
    public List<CanonicalRecord> membersOfAll(List<String> workIds) {
        if (workIds.isEmpty()) {
            return List.of();
        }
        return index.lookup(Lookup.works(workIds.stream().distinct().toList(), Lookup.MAX_LIMIT));
    }

    /**
     * The copies of these works' records (at most {@link Lookup#MAX_VALUES} works), by record id, without the
     * records' descriptions: what counting a page of works' copies needs.
     */
    public List<RecordHoldings> holdingsOfAll(List<String> workIds) {
        if (workIds.isEmpty()) {
            return List.of();
        }
        return index.holdings(Lookup.works(workIds.stream().distinct().toList(), Lookup.MAX_LIMIT));
    }

    /** Why a record is in its work; empty when the clustering does not know the record. */
    public Optional<Explanation> why(String recordId) {
        return clusters.why(recordId);
    }

    /** The merged work with this id, with its copies' live status; empty for an unknown work. */
    public Optional<CatalogWork> work(String workId) {
        return Optional.of(members(workId)).filter(records -> !records.isEmpty()).map(this::merge);
    }

    /** The merged work of these records (all of one work), with its copies' live status. */
    public CatalogWork merge(List<CanonicalRecord> records) {
        String workId = records.get(0).workIdOrSelf();
        return CatalogWork.of(workId, records, why(records.get(0).id()), availability.copies(records));
    }
}
