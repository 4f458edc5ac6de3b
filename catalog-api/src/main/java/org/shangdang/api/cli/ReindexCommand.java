package org.shangdang.api.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shangdang.routes.UnknownSourceException;
import org.shangdang.routes.reindex.ReindexJob;
import org.shangdang.routes.store.JobState;
import org.shangdang.routes.store.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reindex [<source>]}: re-indexes one source in place, or rebuilds the whole index beside the live one and
 * swaps it in, from the raw records in the record store, without asking the sources again. Exits 0 when the job
 * completed, 1 when it failed, 2 for an unknown source or a job already running.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Re-index one source or all from the record store, without re-harvesting.")
final class ReindexCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "the source to re-index; all when absent")
    String source;

    ReindexCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ReindexJob reindex = context.bean(ReindexJob.class);
        PrintWriter err = spec.commandLine().getErr();
        JobStatus job;
        try {
            err.println(source == null ? "re-indexing every source from the record store (new index generation)…"
                    : "re-indexing " + source + " from the record store…");
            err.flush();
            job = source == null ? reindex.reindexAll() : reindex.reindexSource(source);
        } catch (UnknownSourceException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return ShangdangCli.USAGE;
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "job %d %s reindex %s: seen %d, indexed %d, rejected %d,"
                        + " deleted %d%s%n", job.id(), job.sourceId(), job.state().name().toLowerCase(Locale.ROOT),
                job.seen(), job.indexed(), job.rejected(), job.deleted(),
                job.lastError().map(e -> "; error: " + e).orElse(""));
        return job.state() == JobState.COMPLETED ? 0 : ShangdangCli.FAILED;
    }
}
