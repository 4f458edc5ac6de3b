package org.shangdang.api.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.shangdang.routes.HarvestAlreadyRunningException;
import org.shangdang.routes.HarvestJobs;
import org.shangdang.routes.SourceCircuitOpenException;
import org.shangdang.routes.breaker.CircuitOverride;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.harvest.JobListener;
import org.shangdang.routes.store.HarvestMode;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code harvest <source>|--all [--full]}: harvests in the foreground with a progress line and prints each job's
 * summary. Ctrl-C stops the running job after its current page (it ends STOPPED; the next incremental harvest
 * resumes from its checkpoint). Exit 0 when every job completed, 1 otherwise (a circuit-broken source is refused
 * with exit 1 unless {@code --force}), 2 for an unknown source.
 */
@Command(name = "harvest", mixinStandardHelpOptions = true,
        description = "Harvest one source or all, incrementally unless --full, and wait for the end.")
final class HarvestCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "the id of the source to harvest")
    String source;

    @Option(names = "--all", description = "harvest every enabled source, one after another")
    boolean all;

    @Option(names = "--full", description = "harvest everything the source holds instead of what changed")
    boolean full;

    @Option(names = "--force", description = "harvest even a circuit-broken source (one that kept failing)")
    boolean force;

    @Option(names = "--progress", paramLabel = "STYLE",
            description = "bar (redrawn in place), lines (one per page) or auto (bar on a terminal); default auto")
    String progress = "auto";

    HarvestCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if ((source == null) == !all) {
            throw new ParameterException(spec.commandLine(), "name one SOURCE or give --all");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HarvestJobs jobs = context.bean(HarvestJobs.class);
        List<String> sourceIds = all ? jobs.sourceIds() : List.of(source);
        if (sourceIds.isEmpty()) {
            err.println("error: no source is enabled (configure shangdang.sources)");
            return ShangdangCli.USAGE;
        }
        HarvestMode mode = full ? HarvestMode.FULL : HarvestMode.INCREMENTAL;
        ProgressLine line = new ProgressLine(System.err, style());
        Interrupt interrupt = new Interrupt(jobs, err);
        jobs.addListener(line);
        jobs.addListener(interrupt);
        Thread hook = new Thread(interrupt::stopAndWait, "shangdang-cli-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            for (String sourceId : sourceIds) {
                try {
                    JobStatus job = jobs.harvest(sourceId, mode, force ? CircuitOverride.FORCE : CircuitOverride.RESPECT);
                    out.println(summary(job));
                    out.flush();
                    if (job.state() != JobState.COMPLETED) {
                        exit = ShangdangCli.FAILED;
                    }
                    if (job.state() == JobState.STOPPED) {
                        break;
                    }
                } catch (UnknownSourceException e) {
                    err.println("error: " + e.getMessage());
                    return ShangdangCli.USAGE;
                } catch (HarvestAlreadyRunningException | SourceCircuitOpenException e) {
                    err.println("error: " + e.getMessage());
                    exit = ShangdangCli.FAILED;
                }
            }
        } finally {
            interrupt.done();
            jobs.removeListener(line);
            jobs.removeListener(interrupt);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
            }
        }
        return exit;
    }

    private ProgressLine.Style style() {
        return switch (progress.toLowerCase(Locale.ROOT)) {
            case "bar" -> ProgressLine.Style.BAR;
            case "lines" -> ProgressLine.Style.LINES;
            case "auto" -> System.console() != null ? ProgressLine.Style.BAR : ProgressLine.Style.LINES;
            default -> throw new ParameterException(spec.commandLine(),
                    "--progress must be bar, lines or auto; got: " + progress);
        };
    }

    static String summary(JobStatus job) {
        long millis = Math.max(1, Duration.between(job.startedAt(), job.endedAt().orElse(job.startedAt())).toMillis());
        String line = String.format(Locale.ROOT, "job %d %s %s %s: seen %d, stored %d, indexed %d, rejected %d,"
                        + " deleted %d, pages %d, %.1f s, %.1f records/s", job.id(), job.sourceId(),
                job.mode().name().toLowerCase(Locale.ROOT), job.state().name().toLowerCase(Locale.ROOT), job.seen(),
                job.stored(), job.indexed(), job.rejected(), job.deleted(), job.pages(), millis / 1000.0,
                job.seen() * 1000.0 / millis);
        return job.lastError().map(error -> line + "; error: " + error).orElse(line);
    }

    /** Ctrl-C: asks the running job to stop after its page and waits (briefly) until the harvest loop has ended. */
    private static final class Interrupt implements JobListener {
        private final HarvestJobs jobs;
        private final PrintWriter err;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile long runningJob = -1;

        Interrupt(HarvestJobs jobs, PrintWriter err) {
            this.jobs = jobs;
            this.err = err;
        }

        @Override
        public void started(JobStatus job) {
            runningJob = job.id();
        }

        @Override
        public void ended(JobStatus job) {
            runningJob = -1;
        }

        void done() {
            finished.countDown();
        }

        void stopAndWait() {
            long job = runningJob;
            if (job < 0 || !jobs.stop(job)) {
                return;
            }
            err.println();
            err.println("stopping job " + job + " after its current page…");
            err.flush();
            try {
                finished.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
