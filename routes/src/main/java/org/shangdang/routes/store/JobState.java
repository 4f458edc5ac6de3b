package org.shangdang.routes.store;

/** Where a harvest job is in its life. */
public enum JobState {
    /** Harvesting; counters grow after every page. */
    RUNNING,
    /** Reached the end of the list; the checkpoint holds the new high-water mark. */
    COMPLETED,
    /** Stopped by a setup failure (source unreachable after retries, index unwritable, application stopped). */
    FAILED
}
