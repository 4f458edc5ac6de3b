package org.shangdang.routes.jdbc;

import java.util.Optional;
import org.shangdang.connectors.opera.OperaHarvest;
import org.shangdang.connectors.opera.OperaPage;
import org.shangdang.connectors.opera.OperaPosition;
import org.shangdang.routes.harvest.HarvestPage;
import org.shangdang.routes.harvest.HarvestRun;
import org.shangdang.routes.harvest.PageSource;
import org.shangdang.routes.store.Checkpoint;
import org.shangdang.routes.store.HarvestMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harvest step for JDBC (opera/quyi database) sources: decides where in the change list a run starts and pulls
 * its pages through the connector's {@link OperaHarvest}.
 *
 * <p>The resumption token of a page is the {@link OperaPosition#token()} of its last row, so a checkpoint saved
 * mid-list resumes after it. Where a run starts: {@link HarvestMode#FULL} at the first row;
 * {@link HarvestMode#INCREMENTAL} after the position a failed run left, else at the rows changed at or after the
 * high-water mark of the last completed harvest (the latest {@code updated_at} it saw), else at the first row.
 *
 * <p>Thread-safe; the connection it opens belongs to the run and is closed when the run ends.
 */
public class JdbcPager {

    /** Bean name the routes call. */
    public static final String BEAN = "jdbcPager";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPager.class);

    /** Where a run in this mode from this checkpoint starts; empty for the first row. */
    public static Optional<OperaPosition> startOf(HarvestMode mode, Optional<Checkpoint> checkpoint) {
        if (mode == HarvestMode.FULL || checkpoint.isEmpty()) {
            return Optional.empty();
        }
        Optional<OperaPosition> resume = checkpoint.get().resumptionToken().flatMap(OperaPosition::parse);
        if (resume.isPresent()) {
            return resume;
        }
        return checkpoint.get().highWater().map(OperaPosition::changedSince);
    }

    /** Connects to the database; no row is read until the first page is pulled. */
    public void open(HarvestRun run) {
        Optional<OperaPosition> start = startOf(run.status().mode(), run.checkpointAtStart());
        LOG.info("harvest job {} of {}: opera database changes after {}", run.jobId(), run.sourceId(),
                start.map(OperaPosition::token).orElse("the start"));
        OperaHarvest harvest = OperaHarvest.open(run.source().operaDatabase(), start);
        run.open(new Pages(harvest), Optional.empty());
    }

    /** Whether another page follows; reads it, so it may block on the database. */
    public boolean hasNext(HarvestRun run) {
        return run.hasNextPage();
    }

    /** Makes the next page the run's current page. */
    public void next(HarvestRun run) {
        run.nextPage();
    }

    private record Pages(OperaHarvest harvest) implements PageSource {

        @Override
        public boolean hasNext() {
            return harvest.hasNext();
        }

        @Override
        public HarvestPage next() {
            OperaPage page = harvest.next();
            // The last page asks for no next one, so the checkpoint after it holds no token.
            return new HarvestPage(page.records(), page.more() ? page.token() : Optional.empty(),
                    Optional.of(page.maxUpdatedAt()));
        }

        @Override
        public void close() {
            harvest.close();
        }
    }
}
