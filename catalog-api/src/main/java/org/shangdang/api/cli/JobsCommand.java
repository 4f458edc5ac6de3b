package org.shangdang.api.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.shangdang.routes.store.JobStatus;
import org.shangdang.routes.store.RecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jobs [--source ID] [--limit N]}: the job history, newest first, as a table. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List harvest jobs, newest first.")
final class JobsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "ID", description = "only this source's jobs")
    String source;

    @Option(names = "--limit", paramLabel = "N", description = "at most N jobs; default 20")
    int limit = 20;

    JobsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            spec.commandLine().getErr().println("error: --limit must be >= 1; got: " + limit);
            return ShangdangCli.USAGE;
        }
        List<JobStatus> jobs = context.bean(RecordStore.class).jobs(Optional.ofNullable(source), 0, limit);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-6s %-20s %-11s %-9s %8s %8s %8s %8s %-20s %-20s %s%n", "JOB", "SOURCE", "MODE",
                "STATE", "SEEN", "INDEXED", "REJECTED", "DELETED", "STARTED", "ENDED", "ERROR");
        for (JobStatus job : jobs) {
            out.printf(Locale.ROOT, "%-6d %-20s %-11s %-9s %8d %8d %8d %8d %-20s %-20s %s%n", job.id(), job.sourceId(),
                    job.mode().name().toLowerCase(Locale.ROOT), job.state().name().toLowerCase(Locale.ROOT), job.seen(),
                    job.indexed(), job.rejected(), job.deleted(), job.startedAt().toString().substring(0, 19),
                    job.endedAt().map(e -> e.toString().substring(0, 19)).orElse("-"), job.lastError().orElse(""));
        }
        if (jobs.isEmpty()) {
            out.println("(no jobs" + (source == null ? "" : " of " + source) + ")");
        }
        return 0;
    }
}
