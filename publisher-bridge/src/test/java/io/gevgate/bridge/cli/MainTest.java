package io.gevgate.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheProjectVersion() {
        Result r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("gevgate ").doesNotContain("unknown");
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        CommandLine cli = Main.newCommandLine();
        for (var entry : cli.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue; // picocli's own "help NAME" takes a command name, not options
            }
            Result help = run(entry.getKey(), "--help");
            assertThat(help.status()).as(entry.getKey() + " --help").isZero();
            assertThat(help.out()).as(entry.getKey() + " --help").contains("Usage:");
            Result version = run(entry.getKey(), "--version");
            assertThat(version.status()).as(entry.getKey() + " --version").isZero();
            assertThat(version.out()).startsWith("gevgate ");
        }
    }

    @Test
    void noCommandIsAUsageError() {
        Result r = run();
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("missing command");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Result r = run("no-such-command");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no-such-command");
    }

    @Test
    void errorsAreOneLineWithoutDebugAndCarryTheirExitCode() {
        CommandLine cli = Main.newCommandLine();
        cli.addSubcommand("fail", new Failing());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.getSubcommands().get("fail").setExecutionExceptionHandler(new OneLineErrorHandler());
        cli.getSubcommands().get("fail").setErr(new PrintWriter(err, true));
        int status = cli.execute("fail");
        assertThat(status).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString().strip()).isEqualTo("gevgate: broken input at offset 4").doesNotContain("\tat ");
    }

    @Test
    void debugAddsTheStackTrace() {
        CommandLine cli = Main.newCommandLine();
        cli.addSubcommand("fail", new Failing());
        StringWriter err = new StringWriter();
        cli.getSubcommands().get("fail").setExecutionExceptionHandler(new OneLineErrorHandler());
        cli.getSubcommands().get("fail").setErr(new PrintWriter(err, true));
        try {
            int status = cli.execute("--debug", "fail");
            assertThat(status).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(err.toString()).contains("gevgate: broken input at offset 4").contains("\tat ");
        } finally {
            GlobalOptions.debug = false;
        }
    }

    @CommandLine.Command(name = "fail")
    static final class Failing implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new CliException(ExitCodes.INVALID_INPUT, "broken input\nat offset 4");
        }
    }
}
