package org.shangdang.api.admin;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.shangdang.api.error.NotFoundException;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.breaker.CircuitOverride;
import org.shangdang.routes.breaker.CircuitState;
import org.shangdang.routes.breaker.SourceCircuit;
import org.shangdang.routes.breaker.SourceCircuits;
import org.shangdang.routes.config.SourceProperties;
import org.shangdang.routes.config.SourcesProperties;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff API ({@code /api/admin/...}, staff credential required, see
 * {@link org.shangdang.api.security.SecurityConfiguration}): sources with their health, harvests started in the
 * background and stopped, job status and history, rejects with their raw payloads, and retries of rejects.
 */
@RestController
@RequestMapping(path = "/api/admin", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminController {

    private static final int MAX_PAGE_SIZE = 200;

    private final HarvestJobs jobs;
    private final SourcesProperties sources;
    private final RecordStore store;
    private final RejectRetry retry;
    private final SourceCircuits circuits;

    public AdminController(HarvestJobs jobs, SourcesProperties sources, RecordStore store, RejectRetry retry,
            SourceCircuits circuits) {
        this.jobs = jobs;
        this.sources = sources;
        this.store = store;
        this.retry = retry;
        this.circuits = circuits;
    }

    /** {@code GET /api/admin/sources}: every configured source with its health and last harvest. */
    @GetMapping("/sources")
    public List<SourceView> sources() {
        return sources.sources().stream().map(this::view).toList();
    }

    /** {@code GET /api/admin/sources/{id}}. */
    @GetMapping("/sources/{id}")
    public SourceView source(@PathVariable("id") String id) {
        return view(sources.source(id).orElseThrow(() -> new NotFoundException("no source with id '" + id
                + "'; configured: " + sources.sources().stream().map(SourceProperties::id).toList())));
    }

    /**
     * {@code POST /api/admin/sources/{id}/harvest?mode=incremental|full&force=false}: starts a harvest in the
     * background; 202 with the job, whose {@code Location} is followed for progress; 409 if one is running, 409
     * {@code circuit_open} if the source is circuit-broken and {@code force=true} is not given.
     */
    @PostMapping("/sources/{id}/harvest")
    public ResponseEntity<JobView> harvest(@PathVariable("id") String id,
            @RequestParam(name = "mode", defaultValue = "incremental") String mode,
            @RequestParam(name = "force", defaultValue = "false") boolean force) {
        JobStatus started = jobs.start(id, mode(mode), force ? CircuitOverride.FORCE : CircuitOverride.RESPECT);
        JobView view = JobView.of(started, Optional.empty(), Instant.now());
        return ResponseEntity.accepted().location(URI.create(view.links().self())).body(view);
    }

    /**
     * {@code POST /api/admin/harvest?mode=incremental|full}: starts a harvest of every enabled source, each in the
     * background; 202 with the jobs started and the sources skipped (already running, or circuit-broken) with the
     * reason.
     */
    @PostMapping("/harvest")
    public ResponseEntity<Map<String, Object>> harvestAll(
            @RequestParam(name = "mode", defaultValue = "incremental") String mode) {
        HarvestMode harvestMode = mode(mode);
        List<JobView> started = new ArrayList<>();
        List<Map<String, String>> skipped = new ArrayList<>();
        for (String sourceId : jobs.sourceIds()) {
            try {
                started.add(JobView.of(jobs.start(sourceId, harvestMode), Optional.empty(), Instant.now()));
            } catch (HarvestAlreadyRunningException | SourceCircuitOpenException e) {
                skipped.add(Map.of("source", sourceId, "reason", e.getMessage()));
            }
        }
        return ResponseEntity.accepted().body(Map.of("jobs", started, "skipped", skipped));
    }

    /**
     * {@code GET /api/admin/jobs?page=1&size=20&source=}: the job history, newest first.
     */
    @GetMapping("/jobs")
    public PageView<JobView> history(@RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "size", defaultValue = "20") int size,
            @RequestParam(name = "source", required = false) String source) {
        checkPage(page, size);
        Optional<String> sourceId = Optional.ofNullable(source).filter(s -> !s.isBlank());
        Instant now = Instant.now();
        List<JobView> items = store.jobs(sourceId, (long) (page - 1) * size, size).stream()
                .map(job -> JobView.of(job, jobs.expectedTotal(job.id()), now)).toList();
        return new PageView<>(store.jobCount(sourceId), page, size, items);
    }

    /** {@code GET /api/admin/jobs/{id}}: one job's status, live while it runs. */
    @GetMapping("/jobs/{id}")
    public JobView job(@PathVariable("id") long id) {
        return JobView.of(requireJob(id), jobs.expectedTotal(id), Instant.now());
    }

    /**
     * {@code POST /api/admin/jobs/{id}/stop}: asks a running job to stop after its current page; 202 with the job
     * (still running until then); 409 if it is not running.
     */
    @PostMapping("/jobs/{id}/stop")
    public ResponseEntity<JobView> stop(@PathVariable("id") long id) {
        JobStatus job = requireJob(id);
        if (!jobs.stop(id)) {
            throw new JobNotRunningException(id, job.state());
        }
        return ResponseEntity.accepted().body(JobView.of(job, jobs.expectedTotal(id), Instant.now()));
    }

    /** {@code GET /api/admin/jobs/{id}/rejects?page=1&size=50}: the records the job rejected, oldest first. */
    @GetMapping("/jobs/{id}/rejects")
    public PageView<RejectView> rejects(@PathVariable("id") long id,
            @RequestParam(name = "page", defaultValue = "1") int page,
            @RequestParam(name = "size", defaultValue = "50") int size) {
        checkPage(page, size);
        requireJob(id);
        List<RejectView> items = store.rejects(id, (long) (page - 1) * size, size).stream().map(RejectView::of).toList();
        return new PageView<>(store.rejectCount(id), page, size, items);
    }

    /**
     * {@code POST /api/admin/jobs/{id}/rejects/retry}: maps the job's rejected records again from the record store
     * and indexes those that now pass (after a crosswalk fix, or once the index accepts them).
     */
    @PostMapping("/jobs/{id}/rejects/retry")
    public RejectRetry.Result retryRejects(@PathVariable("id") long id) {
        return retry.retry(requireJob(id));
    }

    /**
     * {@code GET /api/admin/rejects/{id}/payload}: the rejected record's bytes exactly as the source served them,
     * with their media type (XML for MARCXML and Dublin Core, JSON for JSON formats).
     */
    @GetMapping(path = "/rejects/{id}/payload", produces = MediaType.ALL_VALUE)
    public ResponseEntity<byte[]> payload(@PathVariable("id") long id) {
        Reject reject = store.reject(id).orElseThrow(() -> new NotFoundException("no reject with id " + id));
        MediaType type = store.raw(reject.sourceId(), reject.recordId()).map(raw -> PayloadTypes.of(raw.format()))
                .or(() -> sources.source(reject.sourceId()).flatMap(PayloadTypes::of))
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok()
                .contentType(type)
                .header("Content-Disposition", "inline; filename=\"reject-" + id + PayloadTypes.extension(type) + "\"")
                .body(reject.payload());
    }

    private SourceView view(SourceProperties source) {
        Optional<JobStatus> last = store.latestJob(source.id());
        Optional<Instant> lastSuccess = store.latestJob(source.id(), JobState.COMPLETED).flatMap(JobStatus::endedAt);
        Optional<Long> running = jobs.runningJob(source.id());
        SourceCircuit circuit = circuits.circuit(source.id());
        String health = !source.enabled() ? "disabled"
                : running.isPresent() ? "running"
                : circuit.state() == CircuitState.OPEN ? "broken"
                : last.map(job -> switch (job.state()) {
                    case COMPLETED -> "ok";
                    case STOPPED -> "stopped";
                    case FAILED -> "failing";
                    // Left RUNNING in the store, but not running here: another application runs it.
                    case RUNNING, PAUSED -> "running";
                }).orElse("never_harvested");
        Instant now = Instant.now();
        return new SourceView(source.id(), source.name(), source.library(), source.county(),
                source.protocol().name().toLowerCase(Locale.ROOT), source.cron().orElse(null), source.enabled(), health,
                running.orElse(null), last.map(job -> JobView.of(job, jobs.expectedTotal(job.id()), now)).orElse(null),
                lastSuccess.orElse(null), store.rawCount(source.id()), store.deletedRawCount(source.id()),
                SourceView.CircuitView.of(circuit));
    }

    private JobStatus requireJob(long id) {
        return store.job(id).orElseThrow(() -> new NotFoundException("no job with id " + id));
    }

    private static HarvestMode mode(String mode) {
        try {
            return HarvestMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidAdminRequestException("mode must be incremental or full; got: '" + mode + "'");
        }
    }

    private static void checkPage(int page, int size) {
        if (page < 1 || page > 1_000_000) {
            throw new InvalidAdminRequestException("page must be between 1 and 1000000; got: " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidAdminRequestException("size must be between 1 and " + MAX_PAGE_SIZE + "; got: " + size);
        }
    }
}
