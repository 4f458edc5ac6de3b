package org.shangdang.routes.filedrop;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.shangdang.connectors.iso2709.FileDrop;
import org.shangdang.connectors.iso2709.FileDropReport;
import org.shangdang.connectors.iso2709.MarcFileEntry;
import org.shangdang.record.RawRecord;
import org.shangdang.record.RecordFormat;
import org.shangdang.record.RecordStatus;
import org.shangdang.routes.config.FileDropProperties;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.store.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for file-drop sources: each harvest is one poll of the inbox (see {@link FileDrop}): every complete
 * file is read once and moved to {@code done/} (or {@code failed/}), and its records become pages of at most
 * {@link #PAGE_SIZE}. {@code FULL} and {@code INCREMENTAL} are the same here: a poll reads what was
 * dropped since the last one. A record the reader rejects becomes a reject with id {@code <file>@<offset>}, its
 * bytes as in the file as payload (ISO 2709; empty for MARCXML) and the reader's reason, and counts as rejected in
 * the job; a reject retry reads those bytes again. A file that yields no record at all (empty, unreadable, or XML
 * without a MARC record) becomes one reject with the file name as its id and the reason it failed.
 *
 * <p>The poll happens in {@link #open}: the files are moved aside there, before the route indexes their records.
 * So that a run failing later loses nothing, every accepted record is written to the raw store as it is read, before
 * the file is marked ingested (a store failure leaves the file in {@code processing/} for the next poll); after a
 * failed run a re-index brings such records into the index. A poll's records are held in memory until the run ends.
 *
 * <p>Thread-safe as long as one harvest of a source runs at a time (the job tracker ensures it).
 */
public class FileDropPager {

    /** Bean name the routes call. */
    public static final String BEAN = "fileDropPager";
    /** Records per page. */
    public static final int PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(FileDropPager.class);

    private final RecordStore store;
    private final Clock clock;

    public FileDropPager(RecordStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Polls the inbox of the run's source and makes its records the run's pages. */
    public void open(HarvestRun run) {
        FileDropProperties settings = run.source().filedrop();
        FileDrop drop = new FileDrop(run.sourceId(), settings.inbox(), settings.quietPeriod(), clock);
        List<MarcFileEntry> entries = new ArrayList<>();
        List<FileDropReport> reports = drop.poll(entry -> {
            if (entry instanceof MarcFileEntry.Accepted accepted) {
                store.upsertRaw(List.of(accepted.record()));
            }
            entries.add(entry);
        });
        Deque<HarvestPage> pages = new ArrayDeque<>();
        int next = 0;
        for (FileDropReport report : reports) {
            int count = report.outcome() == FileDropReport.Outcome.DUPLICATE ? 0
                    : report.accepted() + report.rejected().size();
            pages.addAll(pagesOf(run.sourceId(), report, entries.subList(next, Math.min(entries.size(), next + count))));
            next += count;
            LOG.info("harvest job {} of {}: file {} {} ({} accepted, {} rejected){}", run.jobId(), run.sourceId(),
                    report.fileName(), report.outcome(), report.accepted(), report.rejected().size(),
                    report.reason().isEmpty() ? "" : ": " + report.reason());
        }
        run.open(new Pages(pages), Optional.empty());
    }

    /** Whether another page follows. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private List<HarvestPage> pagesOf(String sourceId, FileDropReport report, List<MarcFileEntry> entries) {
        List<RawRecord> records = new ArrayList<>();
        List<HarvestPage.Rejected> rejects = new ArrayList<>();
        for (MarcFileEntry entry : entries) {
            if (entry instanceof MarcFileEntry.Accepted a) {
                records.add(a.record());
            } else {
                MarcFileEntry.Rejected r = (MarcFileEntry.Rejected) entry;
                // The record's bytes as they are in the file (ISO 2709), so that staff can see them and a retry can
                // read them again; empty for MARCXML, whose reader cannot say where a broken record ends.
                rejects.add(new HarvestPage.Rejected(new RawRecord(sourceId, report.fileName() + "@" + r.offset(),
                        clock.instant(), RecordFormat.MARCXML, r.bytes(), RecordStatus.PRESENT),
                        "file " + report.fileName() + ", offset " + r.offset() + ": " + r.reason()));
            }
        }
        if (report.outcome() == FileDropReport.Outcome.FAILED && entries.isEmpty()) {
            // An empty or unreadable file, or XML without a MARC record, yields no entry: without a reject of its
            // own it would show only in the log and its report, never in the job's rejects.
            rejects.add(new HarvestPage.Rejected(new RawRecord(sourceId, report.fileName(), clock.instant(),
                    RecordFormat.MARCXML, new byte[0], RecordStatus.PRESENT),
                    "file " + report.fileName() + ": " + report.reason()));
        }
        List<HarvestPage> pages = new ArrayList<>();
        for (int from = 0; from < records.size() || (from == 0 && !rejects.isEmpty()); from += PAGE_SIZE) {
            List<RawRecord> slice = records.subList(from, Math.min(records.size(), from + PAGE_SIZE));
            Optional<Instant> max = slice.stream().map(RawRecord::datestamp).max(Instant::compareTo);
            pages.add(new HarvestPage(slice, Optional.empty(), max, Optional.empty(), Optional.empty(),
                    from == 0 ? rejects : List.of()));
        }
        return pages;
    }

    private static final class Pages implements PageSource {

        private final Deque<HarvestPage> pages;

        Pages(Deque<HarvestPage> pages) {
            this.pages = pages;
        }

        @Override
        public boolean hasNext() {
            return !pages.isEmpty();
        }

        @Override
        public HarvestPage next() {
            if (pages.isEmpty()) {
                throw new NoSuchElementException("no more pages");
            }
            return pages.removeFirst();
        }

        @Override
        public void close() {
            pages.clear();
        }
    }
}
