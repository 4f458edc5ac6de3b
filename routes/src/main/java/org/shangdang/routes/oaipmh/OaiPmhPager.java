package org.shangdang.routes.oaipmh;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.oaipmh.HarvestStart;
import org.shangdang.connectors.oaipmh.OaiPage;
import org.shangdang.connectors.oaipmh.OaiPmhHarvester;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.http.SourceHttp;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for OAI-PMH sources: decides where the list starts and pulls its pages through the
 * connector's {@link OaiPmhHarvester}.
 *
 * <p>Where a run starts: {@link HarvestMode#FULL} always asks for the whole list (it starts over, even
 * when a failed run left a token); {@link HarvestMode#INCREMENTAL} resumes a token a failed run left
 * (restarting that run's window should the repository reject it), else asks for records changed since
 * the high-water datestamp of the last completed harvest, else (never completed) for the whole list.
 *
 * <p>Thread-safe; the harvester it opens belongs to the run and is closed when the run ends.
 */
public class OaiPmhPager {

    /** Bean name the routes call. */
    public static final String BEAN = "oaiPmhPager";

    private static final Logger LOG = LoggerFactory.getLogger(OaiPmhPager.class);

    private final RetryPolicy retry;
    private final SourceHttp http;
    private final Duration requestTimeout;

    /** Every source harvested with this client, unthrottled and anonymous. */
    public OaiPmhPager(RetryPolicy retry, HttpClient http) {
        this(retry, SourceHttp.unthrottled(Objects.requireNonNull(http, "http")));
    }

    /** Each source harvested with its own client: its throttle and credentials (see {@link SourceHttp}). */
    public OaiPmhPager(RetryPolicy retry, SourceHttp http) {
        this(retry, http, Duration.ofSeconds(OaiPmhHarvester.REQUEST_TIMEOUT_SECONDS));
    }

    /**
     * Each source harvested with its own client; a request without response headers after {@code requestTimeout},
     * or without its whole body after twice that, is retried like any transient failure.
     */
    public OaiPmhPager(RetryPolicy retry, SourceHttp http, Duration requestTimeout) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** The start of a run in this mode from this checkpoint. */
    public static HarvestStart startOf(HarvestMode mode, Optional<Checkpoint> checkpoint) {
        if (mode == HarvestMode.FULL || checkpoint.isEmpty()) {
            return HarvestStart.full();
        }
        Checkpoint saved = checkpoint.get();
        if (saved.resumptionToken().isPresent()) {
            return HarvestStart.resume(saved.resumptionToken().get(), saved.windowFrom());
        }
        return saved.highWater().map(HarvestStart::from).orElseGet(HarvestStart::full);
    }

    /** Opens the run's list; no request is made until the first page is pulled. */
    public void open(HarvestRun run) {
        HarvestStart start = startOf(run.status().mode(), run.checkpointAtStart());
        LOG.info("harvest job {} of {}: {}", run.jobId(), run.sourceId(), start.resumptionToken()
                .map(t -> "resuming token " + t)
                .orElseGet(() -> start.from().map(f -> "records changed from " + f).orElse("all records")));
        OaiPmhHarvester harvester = OaiPmhHarvester.open(run.source().oaiPmhSource(), start, retry, http.client(run.sourceId()),
                requestTimeout);
        run.open(new Pages(harvester), start.from());
    }

    /** Whether another page follows; fetches it, so it may block on the network. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private record Pages(OaiPmhHarvester harvester) implements PageSource {

        @Override
        public boolean hasNext() {
            return harvester.hasNext();
        }

        @Override
        public HarvestPage next() {
            OaiPage page = harvester.next();
            return new HarvestPage(page.records(), page.resumptionToken(), page.maxDatestamp(), page.completeListSize(),
                    page.cursor());
        }

        @Override
        public void close() {
            harvester.close();
        }
    }
}
