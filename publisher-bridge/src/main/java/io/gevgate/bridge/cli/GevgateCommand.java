package io.gevgate.bridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code gevgate} command; its subcommands are listed in {@link Subcommands}. */
@Command(name = "gevgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GigE Vision camera-acquisition gateway.",
        subcommandsRepeatable = false)
public final class GevgateCommand extends GlobalOptions implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'gevgate --help'");
    }
}
