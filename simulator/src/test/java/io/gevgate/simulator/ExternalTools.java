package io.gevgate.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool with a time limit and captures its output. */
final class ExternalTools {
    record Result(int exit, String stdout, String stderr) {
    }

    private ExternalTools() {
    }

    static boolean installed(String path) {
        return Files.isExecutable(Path.of(path));
    }

    static Result run(long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("gevgate-tool", ".out");
        Path err = Files.createTempFile("gevgate-tool", ".err");
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
