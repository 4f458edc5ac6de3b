package org.shangdang.routes.harvest;

import java.util.Optional;
import org.shangdang.routes.store.JobStatus;

/**
 * Hears about harvest jobs as they start, progress and end: what metrics, progress bars and callers waiting
 * for a job id listen with ({@link JobTracker#addListener}).
 *
 * <p>Called on the harvesting thread, after the store has been written: implementations must be quick and
 * thread-safe (jobs of different sources run at the same time). An exception a listener throws is logged
 * and does not disturb the harvest.
 */
public interface JobListener {

    /** A job has started: {@code job} is RUNNING with zero counters. */
    default void started(JobStatus job) {}

    /**
     * A page is done: {@code job} carries the counters so far.
     *
     * @param expectedTotal the records the job is expected to see in all; empty when the source does not say
     */
    default void progressed(JobStatus job, Optional<Long> expectedTotal) {}

    /** A job has ended COMPLETED, FAILED or STOPPED: {@code job} is its final status. */
    default void ended(JobStatus job) {}
}
