package org.shangdang.api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reindex [<source>]}: re-indexing from the record store without re-harvesting is not wired into the routes
 * of this build yet (issue 6); the command says so and exits 3 rather than pretend.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        description = "Re-index one source or all from the record store, without re-harvesting (not yet available).")
final class ReindexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "the source to re-index; all when absent")
    String source;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: reindex is not available in this build yet: re-indexing from the"
                + " record store is not wired into the harvest routes (issue 6). Meanwhile 'harvest "
                + (source == null ? "--all" : source) + " --full' rebuilds the index from the sources.");
        return ShangdangCli.NOT_AVAILABLE;
    }
}
