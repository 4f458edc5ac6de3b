package org.shangdang.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;

/**
 * A harvest job as the staff API shows it: the stored status plus what follows from it (rate, ETA, links).
 *
 * @param recordsPerSecond records seen per second so far (running) or over the whole job (ended)
 * @param expectedTotal the records the job is expected to see in all, while it runs and its source announces the
 *     list size; null otherwise
 * @param etaSeconds the seconds left at the current rate, when {@code expectedTotal} is known; null otherwise
 */
public record JobView(
        long id,
        String source,
        String mode,
        String state,
        long seen,
        long stored,
        long indexed,
        long rejected,
        long deleted,
        int pages,
        @JsonProperty("records_per_second") double recordsPerSecond,
        @JsonProperty("expected_total") Long expectedTotal,
        @JsonProperty("eta_seconds") Long etaSeconds,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("ended_at") Instant endedAt,
        @JsonProperty("last_error") String lastError,
        Links links) {

    /** Where to follow the job and its rejects. */
    public record Links(String self, String rejects, String stop) {}

    static JobView of(JobStatus job, Optional<Long> expectedTotal, Instant now) {
        Instant until = job.endedAt().orElse(now);
        double seconds = Math.max(0.001, Duration.between(job.startedAt(), until).toMillis() / 1000.0);
        double rate = Math.round(job.seen() / seconds * 10) / 10.0;
        boolean live = job.state() == JobState.RUNNING || job.state() == JobState.PAUSED;
        Long expected = live ? expectedTotal.orElse(null) : null;
        Long eta = expected == null ? null
                : rate > 0 ? (long) Math.ceil(Math.max(0, expected - job.seen()) / rate) : null;
        String self = "/api/admin/jobs/" + job.id();
        return new JobView(job.id(), job.sourceId(), job.mode().name().toLowerCase(Locale.ROOT),
                job.state().name().toLowerCase(Locale.ROOT), job.seen(), job.stored(), job.indexed(),
                job.rejected(), job.deleted(), job.pages(), rate, expected, eta, job.startedAt(),
                job.endedAt().orElse(null), job.lastError().orElse(null),
                new Links(self, self + "/rejects", live ? self + "/stop" : null));
    }
}
