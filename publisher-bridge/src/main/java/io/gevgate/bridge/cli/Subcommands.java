package io.gevgate.bridge.cli;

import picocli.CommandLine;

/**
 * The one list of gevgate's commands. Each command is a picocli class with
 * {@code mixinStandardHelpOptions = true}; add one line here per command.
 */
final class Subcommands {

    private Subcommands() {
    }

    static void registerAll(CommandLine cli) {
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.addSubcommand(new GendcCommand());
        cli.addSubcommand(new DiscoverCommand());
        cli.addSubcommand(new RegsCommand());
        cli.addSubcommand(new XmlCommand());
        cli.addSubcommand(new SimCommand());
        cli.addSubcommand(new GenicamCommand());
        cli.addSubcommand(new CuframesCommand());
        cli.addSubcommand(new FeaturesCommand());
        cli.addSubcommand(new GetCommand());
        cli.addSubcommand(new SetCommand());
        cli.addSubcommand(new ExecuteCommand());
        cli.addSubcommand(new StreamCommand());
        cli.addSubcommand(new RunCommand());
    }
}
