package org.shangdang.api.admin;

import java.util.Locale;
import org.shangdang.routes.store.JobState;

/** A stop was asked of a job that is not running here; answered 409 {@code job_not_running}. */
class JobNotRunningException extends RuntimeException {

    JobNotRunningException(long jobId, JobState state) {
        super("job " + jobId + " is not running in this application (state: " + state.name().toLowerCase(Locale.ROOT) + ")");
    }
}
