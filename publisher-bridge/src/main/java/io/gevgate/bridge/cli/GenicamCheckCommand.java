package io.gevgate.bridge.cli;

import io.gevgate.acquisition.genapi.Evaluation;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.node.Diagnostic;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import io.gevgate.acquisition.genapi.port.RegisterFile;
import io.gevgate.acquisition.genapi.xml.LoadLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gevgate genicam check FILE.xml [--registers FILE]}: loads a GenICam XML against a
 * memory port (registers read as zero unless given), evaluates every node and reports node
 * counts, load diagnostics and every node that could not be evaluated. Exit status 3 when the
 * document uses anything the engine does not support or is structurally broken.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Load a GenICam XML offline, evaluate every node, report what fails and why.",
            "Exit status 3 (invalid input) on any unsupported or broken construct."})
public final class GenicamCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xml", description = "The GenICam XML (uncompressed).")
    Path xml;

    @Option(names = "--registers", paramLabel = "FILE",
            description = "Register values: lines 'ADDRESS VALUE' (4-byte big-endian), 'ADDRESS:N VALUE' or 'ADDRESS \"text\"'.")
    Path registers;

    @Option(names = "--max-bytes", paramLabel = "N", defaultValue = "8388608",
            description = "Refuse documents larger than N bytes (default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MemoryPort port = new MemoryPort();
        if (registers != null) {
            try {
                RegisterFile.apply(Files.readString(registers, StandardCharsets.US_ASCII), port);
            } catch (IOException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + registers + ": " + e.getMessage(), e);
            } catch (RegisterFile.FormatException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, registers + ": " + e.getMessage(), e);
            }
        }
        NodeMap map;
        try {
            map = NodeMap.load(xml, NodeMap.Mode.LENIENT, new LoadLimits(maxBytes, LoadLimits.DEFAULT.maxElements(),
                    LoadLimits.DEFAULT.maxDepth()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + xml + ": " + e.getMessage(), e);
        } catch (GenApiException e) {
            throw new CliException(ExitCodes.INVALID_INPUT, xml + ": " + e.getMessage(), e);
        }
        map.bindDevicePort(port);
        Map<String, String> doc = map.documentInfo();
        out.printf("%s: %s %s, schema %s.%s%n", xml, doc.getOrDefault("VendorName", "?"), doc.getOrDefault("ModelName", "?"),
                doc.getOrDefault("SchemaMajorVersion", "?"), doc.getOrDefault("SchemaMinorVersion", "?"));

        Map<String, Integer> counts = map.countsByType();
        out.println("nodes by type:");
        int total = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            out.printf("  %-16s %6d%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        out.printf("  %-16s %6d%n", "total", total);

        List<Diagnostic> diagnostics = map.diagnostics();
        long loadErrors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        out.printf("load diagnostics: %d (%d errors)%n", diagnostics.size(), loadErrors);
        for (Diagnostic d : diagnostics) {
            out.println("  " + d);
        }

        List<Evaluation> evaluations = map.evaluateAll();
        List<Evaluation> failed = evaluations.stream().filter(Evaluation::failed).toList();
        long defects = failed.stream().filter(Evaluation::isDocumentDefect).count();
        out.printf("evaluated %d nodes: %d could not be evaluated (%d document defects, %d due to register values)%n",
                evaluations.size(), failed.size(), defects, failed.size() - defects);
        for (Evaluation e : failed) {
            out.printf("  %s (%s): %s%n", e.node(), e.type(), e.error().getMessage());
        }
        boolean ok = loadErrors == 0 && defects == 0;
        out.println(ok ? "result: OK" : "result: FAILED (unsupported or broken constructs)");
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
}
