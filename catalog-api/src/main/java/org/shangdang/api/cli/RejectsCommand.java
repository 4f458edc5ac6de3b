package org.shangdang.api.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.shangdang.routes.store.RecordStore;
import org.shangdang.routes.store.Reject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rejects <jobId> [--limit N]}: the records a job rejected, one per line: source, record id, reason. */
@Command(name = "rejects", mixinStandardHelpOptions = true, description = "List the records a job rejected, with the reason.")
final class RejectsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB", description = "the job id (see 'jobs')")
    long jobId;

    @Option(names = "--limit", paramLabel = "N", description = "at most N rejects; default 1000")
    int limit = 1000;

    RejectsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RecordStore store = context.bean(RecordStore.class);
        if (store.job(jobId).isEmpty()) {
            spec.commandLine().getErr().println("error: no job with id " + jobId + " (see 'jobs')");
            return ShangdangCli.USAGE;
        }
        List<Reject> rejects = store.rejects(jobId, 0, Math.max(1, limit));
        PrintWriter out = spec.commandLine().getOut();
        for (Reject reject : rejects) {
            out.println(reject.sourceId() + "\t" + reject.recordId() + "\t" + reject.reason().replace('\n', ' '));
        }
        long total = store.rejectCount(jobId);
        spec.commandLine().getErr().println(total + " rejects in job " + jobId
                + (total > rejects.size() ? " (" + rejects.size() + " shown)" : ""));
        return 0;
    }
}
