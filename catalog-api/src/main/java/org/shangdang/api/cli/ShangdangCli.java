package org.shangdang.api.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The staff command line, in the service's jar: {@code java -jar shangdang.jar <command>}. Commands that need
 * the record store or the sources start the application without its web server; options of the form
 * {@code --spring.profiles.active=demo} or {@code --shangdang.data-dir=/srv/data} (a dotted property name) go to
 * that application, everything else to the command.
 *
 * <p>Exit codes: 0 success; 1 a job failed or was stopped, or the application could not start; 2 bad usage
 * (unknown command, option or source); 3 the command is not available in this build.
 */
@Command(name = "shangdang.jar", mixinStandardHelpOptions = true, version = "Shangdang 0.1",
        description = "Staff commands of the Shangdang service; without a command, the jar runs the service.",
        subcommands = CommandLine.HelpCommand.class)
public final class ShangdangCli implements Runnable {

    /** A job failed or was stopped, or the application could not start. */
    public static final int FAILED = 1;
    /** Bad usage: unknown command, option or source, or a job of that kind already running. */
    public static final int USAGE = 2;

    private static final Set<String> COMMANDS = Set.of("harvest", "reindex", "jobs", "rejects", "hash-secret", "help");
    private static final Pattern SPRING_ARG = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

    /** Whether these arguments ask for a command rather than the service. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command the arguments name and returns its exit code. */
    public static int run(String[] args) {
        List<String> springArgs = new ArrayList<>();
        List<String> commandArgs = new ArrayList<>();
        for (String arg : args) {
            (SPRING_ARG.matcher(arg).matches() ? springArgs : commandArgs).add(arg);
        }
        try (CliContext context = new CliContext(springArgs)) {
            CommandLine cli = new CommandLine(new ShangdangCli())
                    .addSubcommand("harvest", new HarvestCommand(context))
                    .addSubcommand("reindex", new ReindexCommand(context))
                    .addSubcommand("jobs", new JobsCommand(context))
                    .addSubcommand("rejects", new RejectsCommand(context))
                    .addSubcommand("hash-secret", new HashSecretCommand());
            cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                commandLine.getErr().println("error: " + CliContext.rootMessage(e));
                return FAILED;
            });
            return cli.execute(commandArgs.toArray(String[]::new));
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
