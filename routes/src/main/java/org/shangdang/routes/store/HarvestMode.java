package org.shangdang.routes.store;

/** How a harvest chooses where to start. */
public enum HarvestMode {
    /**
     * Every record the source holds. A full run starts over: it ignores the high-water mark and any
     * resumption token a failed run left behind (it overwrites that token with its own as it goes).
     */
    FULL,
    /**
     * Only what changed: resumes the resumption token a failed run left, else harvests from the
     * high-water datestamp of the last completed run, else (never harvested) everything.
     */
    INCREMENTAL,
    /**
     * Not a harvest: a re-index from the raw records in the store ({@code ReindexJob}), recorded as a job
     * so staff see it with its counters. Never passed to a harvest route.
     */
    REINDEX
}
