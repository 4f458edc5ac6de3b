package org.shangdang.routes.iiif;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.iiif.IiifFailure;
import org.shangdang.connectors.iiif.IiifHarvester;
import org.shangdang.connectors.iiif.IiifSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for IIIF sources: walks the configured collections and fetches the configured manifests through
 * the connector's {@link IiifHarvester}, {@link #PAGE_SIZE} manifests a page.
 *
 * <p>IIIF has no change feed, so {@link org.shangdang.routes.store.HarvestMode#FULL} and {@code INCREMENTAL} are the
 * same: every run re-reads every manifest, and records are upserted by manifest id (re-running never duplicates).
 * A manifest that cannot be had (unreachable, not JSON, not a manifest, nested too deep) becomes a reject with the
 * document's URL as record id, an empty payload and the harvester's reason; a manifest the crosswalk cannot map
 * (no label) is rejected by the crosswalk step. A configured collection that cannot be had is a setup failure: the
 * job fails. A run's manifests are not checkpointed mid-walk (there is no resumption token): a failed run starts
 * over.
 *
 * <p><b>Vanished manifests.</b> After the last manifest, and only when the walk read every collection
 * ({@link IiifHarvester.Walk#COMPLETE}), the source's stored records whose manifest is no longer listed become
 * deleted records on a last page: the store keeps them with the deleted flag (so the OAI provider shows them
 * deleted) and the index drops them, as with an OAI-PMH deletion. A listed manifest that could not be fetched is
 * still listed and kept. A walk that could not read a collection, or a job that failed or was stopped before the
 * end, deletes nothing. Guard: when more than {@code shangdang.sources[].iiif.max-deleted-share} (default 0.5) of
 * the stored, undeleted records would vanish at once, the run throws {@link MassDeletionRefusedException}, the job
 * fails with the counts, and nothing is deleted (the manifests read were upserted all the same).
 *
 * <p>Thread-safe; the harvester it opens belongs to the run and is closed when the run ends.
 */
public class IiifPager {

    /** Bean name the routes call. */
    public static final String BEAN = "iiifPager";
    /** Manifests per page. */
    public static final int PAGE_SIZE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(IiifPager.class);

    private final HttpClient http;
    private final RecordStore store;
    private final Clock clock;

    public IiifPager(HttpClient http, RecordStore store, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens the run's walk; no request is made until the first page is pulled. */
    public void open(HarvestRun run) {
        IiifSource source = run.source().iiifSource();
        LOG.info("harvest job {} of {}: IIIF, {} collection(s) and {} manifest(s)", run.jobId(), run.sourceId(),
                source.collections().size(), source.manifests().size());
        run.open(new Pages(source, IiifHarvester.open(source, http), store, run.source().iiif().maxDeletedShare(),
                clock), Optional.empty());
    }

    /** Whether another page follows; fetches documents, so it may block on the network. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private static final class Pages implements PageSource {

        private final IiifSource source;
        private final IiifHarvester harvester;
        private final RecordStore store;
        private final double maxDeletedShare;
        private final Clock clock;
        private int failuresTaken;
        private Optional<Deque<String>> vanished = Optional.empty();

        Pages(IiifSource source, IiifHarvester harvester, RecordStore store, double maxDeletedShare, Clock clock) {
            this.source = source;
            this.harvester = harvester;
            this.store = store;
            this.maxDeletedShare = maxDeletedShare;
            this.clock = clock;
        }

        @Override
        public boolean hasNext() {
            if (harvester.hasNext() || harvester.failures().size() > failuresTaken) {
                // Failures met after the last manifest still need a page of their own.
                return true;
            }
            // Asked only once every page of manifests was stored, so the store holds this run's manifests too.
            if (vanished.isEmpty()) {
                vanished = Optional.of(vanished());
            }
            return !vanished.get().isEmpty();
        }

        @Override
        public HarvestPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException("IIIF source " + source.sourceId() + ": no more manifests");
            }
            if (vanished.isPresent()) {
                return deletions(vanished.get());
            }
            List<RawRecord> records = new ArrayList<>();
            while (records.size() < PAGE_SIZE && harvester.hasNext()) {
                records.add(harvester.next());
            }
            List<IiifFailure> failures = harvester.failures();
            List<HarvestPage.Rejected> rejects = new ArrayList<>();
            for (IiifFailure failure : failures.subList(failuresTaken, failures.size())) {
                rejects.add(new HarvestPage.Rejected(new RawRecord(source.sourceId(), failure.url().toString(),
                        clock.instant(), RecordFormat.IIIF_MANIFEST, new byte[0], RecordStatus.PRESENT),
                        failure.toString()));
            }
            failuresTaken = failures.size();
            Optional<Instant> max = records.stream().map(RawRecord::datestamp).max(Instant::compareTo);
            return new HarvestPage(records, Optional.empty(), max, Optional.empty(), Optional.empty(), rejects);
        }

        /** The stored, undeleted record ids the complete walk no longer lists; none after an incomplete walk. */
        private Deque<String> vanished() {
            IiifHarvester.Walk walk = harvester.walk();
            if (walk != IiifHarvester.Walk.COMPLETE) {
                LOG.warn("IIIF source {}: the walk was {}, so no record is deleted for a manifest no longer listed",
                        source.sourceId(), walk);
                return new ArrayDeque<>();
            }
            List<String> live = store.liveRecordIds(source.sourceId());
            List<String> gone = live.stream().filter(id -> !harvester.lists(id)).toList();
            if (gone.size() > maxDeletedShare * live.size()) {
                throw new MassDeletionRefusedException(source.sourceId(), gone.size(), live.size(), maxDeletedShare);
            }
            if (!gone.isEmpty()) {
                LOG.info("IIIF source {}: {} of {} stored manifest(s) no longer listed, deleting them: {}",
                        source.sourceId(), gone.size(), live.size(), gone);
            }
            return new ArrayDeque<>(gone);
        }

        private HarvestPage deletions(Deque<String> ids) {
            Instant now = clock.instant();
            List<RawRecord> records = new ArrayList<>();
            while (records.size() < PAGE_SIZE && !ids.isEmpty()) {
                records.add(new RawRecord(source.sourceId(), ids.poll(), now, RecordFormat.IIIF_MANIFEST, new byte[0],
                        RecordStatus.DELETED));
            }
            return new HarvestPage(records, Optional.empty(), Optional.of(now), Optional.empty(), Optional.empty(),
                    List.of());
        }

        @Override
        public void close() {
            harvester.close();
        }
    }
}
