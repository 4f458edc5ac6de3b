package org.shangdang.routes.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A harvest job as staff see it.
 *
 * @param id the job id, increasing with every job
 * @param sourceId the source harvested
 * @param mode full or incremental
 * @param state running, paused (waiting for the index), completed or failed
 * @param seen records the source served (present and deleted)
 * @param stored raw records written to the record store
 * @param indexed canonical records written to the index
 * @param rejected records the crosswalk could not map or the index refused (each has a {@link Reject} row)
 * @param deleted records deleted at the source and removed from the index
 * @param pages pages (list responses) processed
 * @param startedAt when the job started
 * @param endedAt when it completed or failed; empty while running
 * @param lastError why it failed; empty unless {@link JobState#FAILED}
 */
public record JobStatus(
        long id,
        String sourceId,
        HarvestMode mode,
        JobState state,
        long seen,
        long stored,
        long indexed,
        long rejected,
        long deleted,
        int pages,
        Instant startedAt,
        Optional<Instant> endedAt,
        Optional<String> lastError) {

    public JobStatus {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        endedAt = endedAt == null ? Optional.empty() : endedAt;
        lastError = lastError == null ? Optional.empty() : lastError;
    }
}
