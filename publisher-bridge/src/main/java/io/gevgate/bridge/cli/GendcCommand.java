package io.gevgate.bridge.cli;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.inspect.ContainerPrinter;
import io.gevgate.gendc.read.ContainerView;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gevgate gendc ...}: GenDC container tools. */
@Command(name = "gendc", mixinStandardHelpOptions = true,
        description = "GenDC (GenICam Generic Data Container) tools.",
        subcommands = GendcCommand.Inspect.class)
public final class GendcCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'gevgate gendc --help'");
    }

    /** {@code gevgate gendc inspect FILE [--json]}: validate a .gendc file and print its tree. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Validate a linear GenDC container file (.gendc) and print its components and parts.",
                "Exit status 3 with the validation message when the file is not a valid GenDC 1.0/1.1 container."})
    static final class Inspect implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The .gendc file.")
        Path file;

        @Option(names = "--json", description = "Print one JSON object instead of the tree.")
        boolean json;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.FAILURE, "cannot read " + file + ": not a regular file");
            }
            try (Arena arena = Arena.ofConfined();
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                MemorySegment container = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                ContainerView view = new ContainerView().wrap(container);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(ContainerPrinter.json(view));
                } else {
                    out.println(file + " (" + container.byteSize() + " bytes)");
                    out.print(ContainerPrinter.text(view));
                }
                out.flush();
                return ExitCodes.OK;
            } catch (GenDcFormatException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, file + ": " + e.getMessage(), e);
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.FAILURE, "cannot read " + file + ": no such file", e);
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
