package org.shangdang.routes.iiif;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>Thread-safe; the harvester it opens belongs to the run and is closed when the run ends.
 */
public class IiifPager {

    /** Bean name the routes call. */
    public static final String BEAN = "iiifPager";
    /** Manifests per page. */
    public static final int PAGE_SIZE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(IiifPager.class);

    private final HttpClient http;
    private final Clock clock;

    public IiifPager(HttpClient http, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Opens the run's walk; no request is made until the first page is pulled. */
    public void open(HarvestRun run) {
        IiifSource source = run.source().iiifSource();
        LOG.info("harvest job {} of {}: IIIF, {} collection(s) and {} manifest(s)", run.jobId(), run.sourceId(),
                source.collections().size(), source.manifests().size());
        run.open(new Pages(source, IiifHarvester.open(source, http), clock), Optional.empty());
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
        private final Clock clock;
        private int failuresTaken;
        private boolean pageOfFailuresDue;

        Pages(IiifSource source, IiifHarvester harvester, Clock clock) {
            this.source = source;
            this.harvester = harvester;
            this.clock = clock;
        }

        @Override
        public boolean hasNext() {
            // Failures met after the last manifest still need a page of their own.
            pageOfFailuresDue = !harvester.hasNext() && harvester.failures().size() > failuresTaken;
            return pageOfFailuresDue || harvester.hasNext();
        }

        @Override
        public HarvestPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException("IIIF source " + source.sourceId() + ": no more manifests");
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

        @Override
        public void close() {
            harvester.close();
        }
    }
}
