package org.shangdang.routes;

/**
 * Ends a harvest that staff asked to stop ({@link HarvestJobs#stop}): thrown between two pages, so the job
 * ends {@link org.shangdang.routes.store.JobState#STOPPED} with its checkpoint at the last committed page.
 */
public class HarvestStoppedException extends RuntimeException {

    public HarvestStoppedException(String sourceId, long jobId, int pages) {
        super("harvest job " + jobId + " of " + sourceId + " stopped on request after " + pages + " pages");
    }
}
