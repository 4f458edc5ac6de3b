package org.shangdang.routes.sru;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.oaipmh.RetryPolicy;
import org.shangdang.connectors.sru.SruPage;
import org.shangdang.connectors.sru.SruSearch;
import org.shangdang.connectors.sru.SruSource;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.http.SourceHttp;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for SRU sources: decides where the result set starts and pulls its pages through the
 * connector's {@link SruSearch}.
 *
 * <p>The resumption token of a page is the 1-based {@code startRecord} of the page after it (the server's
 * {@code nextRecordPosition}), so a checkpoint saved mid-list resumes there. Where a run starts:
 * {@link HarvestMode#FULL} always at record 1; {@link HarvestMode#INCREMENTAL} at the position a failed run left,
 * else at record 1 too: SRU has no datestamp window to ask for, so an incremental harvest re-reads the whole
 * result set (records are upserted by id, so this costs time, not correctness). Records the server could not
 * send (surrogate diagnostics, records without an identifier) become rejects with id {@code sru@<position>}, with the
 * record's XML as payload when the server sent one.
 *
 * <p>Thread-safe; the search it opens belongs to the run and is closed when the run ends.
 */
public class SruPager {

    /** Bean name the routes call. */
    public static final String BEAN = "sruPager";

    private static final Logger LOG = LoggerFactory.getLogger(SruPager.class);

    private final RetryPolicy retry;
    private final SourceHttp http;

    /** Every source harvested with this client, unthrottled and anonymous. */
    public SruPager(RetryPolicy retry, HttpClient http) {
        this(retry, SourceHttp.unthrottled(Objects.requireNonNull(http, "http")));
    }

    /** Each source harvested with its own client: its throttle and credentials (see {@link SourceHttp}). */
    public SruPager(RetryPolicy retry, SourceHttp http) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The 1-based record a run in this mode from this checkpoint starts at. */
    public static int startOf(HarvestMode mode, Optional<Checkpoint> checkpoint) {
        if (mode == HarvestMode.FULL) {
            return 1;
        }
        return checkpoint.flatMap(Checkpoint::resumptionToken).flatMap(SruPager::position).orElse(1);
    }

    private static Optional<Integer> position(String token) {
        try {
            int position = Integer.parseInt(token.strip());
            return position >= 1 ? Optional.of(position) : Optional.empty();
        } catch (NumberFormatException e) {
            // A token another protocol left (the source changed protocol): start over.
            return Optional.empty();
        }
    }

    /** Opens the run's result set; no request is made until the first page is pulled. */
    public void open(HarvestRun run) {
        int start = startOf(run.status().mode(), run.checkpointAtStart());
        LOG.info("harvest job {} of {}: SRU result set from record {}", run.jobId(), run.sourceId(), start);
        SruSource source = run.source().sruSource();
        SruSearch search = SruSearch.open(source, run.source().sruQuery(start), retry, http.client(run.sourceId()));
        run.open(new Pages(source, search, start), Optional.empty());
    }

    /** Whether another page follows; fetches it, so it may block on the network. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private static final class Pages implements PageSource {

        private final SruSource source;
        private final SruSearch search;
        private long position;

        Pages(SruSource source, SruSearch search, int start) {
            this.source = source;
            this.search = search;
            this.position = start;
        }

        @Override
        public boolean hasNext() {
            return search.hasNext();
        }

        @Override
        public HarvestPage next() {
            SruPage page = search.next();
            long cursor = position - 1;
            page.nextRecordPosition().ifPresent(next -> position = next);
            List<HarvestPage.Rejected> rejects = page.skipped().stream()
                    .map(s -> new HarvestPage.Rejected(new RawRecord(source.sourceId(), "sru@" + s.position(),
                            page.fetchedAt(), source.format(), s.payload(), RecordStatus.PRESENT),
                            "SRU source " + source.sourceId() + ", record " + s.position() + ": " + s.reason()))
                    .toList();
            Optional<Instant> maxDatestamp = page.records().stream().map(RawRecord::datestamp).max(Instant::compareTo);
            return new HarvestPage(page.records(), page.nextRecordPosition().map(String::valueOf), maxDatestamp,
                    Optional.of(page.numberOfRecords()), Optional.of(cursor), rejects);
        }

        @Override
        public void close() {
            search.close();
        }
    }
}
