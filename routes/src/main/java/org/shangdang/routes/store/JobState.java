package org.shangdang.routes.store;

/** Where a harvest job is in its life. */
public enum JobState {
    /** Harvesting; counters grow after every page. */
    RUNNING,
    /**
     * Still running, but waiting for the index to be reachable again; back to {@link #RUNNING} when it
     * answers, or {@link #FAILED} when the configured wait is over.
     */
    PAUSED,
    /** Reached the end of the list; the checkpoint holds the new high-water mark. */
    COMPLETED,
    /**
     * Stopped by a setup failure (source unreachable after retries, index unreachable for longer than the
     * configured wait, application stopped).
     */
    FAILED,
    /**
     * Stopped by staff between two pages. The checkpoint keeps the token of the first page not yet
     * committed, so the next incremental harvest resumes there.
     */
    STOPPED
}
