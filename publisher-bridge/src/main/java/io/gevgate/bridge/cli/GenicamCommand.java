package io.gevgate.bridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gevgate genicam}: offline tools for GenICam XML files. */
@Command(name = "genicam", mixinStandardHelpOptions = true,
        description = "Offline tools for GenICam XML files.",
        subcommands = GenicamCheckCommand.class)
public final class GenicamCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'gevgate genicam check FILE.xml'");
    }
}
