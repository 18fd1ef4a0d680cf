package io.gevgate.bridge.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code gevgate} command line. Errors become one line on stderr and a
 * non-zero exit status; {@code --debug} adds the stack trace.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = newCommandLine();
        return cli.execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new GevgateCommand());
        Subcommands.registerAll(cli);
        configure(cli);
        return cli;
    }

    /** Every command, however deep, gets --help, --version and the one-line error handler. */
    private static void configure(CommandLine cli) {
        cli.getCommandSpec().mixinStandardHelpOptions(true);
        cli.getCommandSpec().versionProvider(new VersionProvider());
        cli.setExecutionExceptionHandler(new OneLineErrorHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        for (CommandLine sub : cli.getSubcommands().values()) {
            configure(sub);
        }
    }
}
