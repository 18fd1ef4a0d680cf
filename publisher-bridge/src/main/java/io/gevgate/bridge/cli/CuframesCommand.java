package io.gevgate.bridge.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.gevgate.bridge.cuframes.CuframesDirectory;
import io.gevgate.bridge.cuframes.CuframesError;
import io.gevgate.bridge.cuframes.CuframesException;
import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.RuntimeDirectory;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gevgate cuframes ls|sub}: inspect and consume cuframes v4 publishers on this host. */
@Command(name = "cuframes", description = "Inspect and consume cuframes v4 publishers on this host.",
        subcommands = {CuframesCommand.Ls.class, CuframesCommand.Sub.class})
public final class CuframesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: ls or sub");
    }

    /** Lists keys with publisher liveness, ring, format and subscribers. */
    @Command(name = "ls", description = "List cuframes publishers (/dev/shm/cuframes-*): pid alive, ring, format, subscribers.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--runtime-dir", description = "Socket directory (default: $CUFRAMES_RUNTIME_DIR or /run/cuframes).")
        Path runtimeDir;

        @Override
        public Integer call() {
            List<CuframesDirectory.Entry> entries = CuframesDirectory.list(RuntimeDirectory.resolve(runtimeDir));
            var out = spec.commandLine().getOut();
            if (entries.isEmpty()) {
                out.println("no cuframes publishers");
                return ExitCodes.OK;
            }
            out.printf("%-24s %-8s %-6s %-5s %-18s %-10s %-7s %-6s %s%n",
                    "KEY", "PID", "ALIVE", "RING", "FORMAT", "SEQ", "PACKETS", "SOCKET", "SUBSCRIBERS");
            for (CuframesDirectory.Entry e : entries) {
                if (e.problem() != null) {
                    out.printf("%-24s %-8d %-6s (%s)%n", e.key(), e.pid(), e.alive() ? "yes" : "no", e.problem());
                    continue;
                }
                String state = e.shutdown() ? "down" : e.alive() ? "yes" : "STALE";
                out.printf("%-24s %-8d %-6s %-5d %-18s %-10s %-7s %-6s %d %s%n", e.key(), e.pid(), state, e.ringSize(),
                        e.geometry(), e.globalSeq() == -1 ? "-" : Long.toUnsignedString(e.globalSeq()),
                        e.packets() ? "yes" : "no", e.socket() ? "yes" : "no", e.subscribers().size(),
                        e.subscribers().isEmpty() ? "" : String.join(",", e.subscribers()));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Subscribes and counts frames, like cuframes' sub_count example. */
    @Command(name = "sub", description = "Subscribe to KEY and count frames: received, gaps, fps.")
    static final class Sub implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY", description = "cuframes key.")
        String key;

        @Option(names = "--count", defaultValue = "100", description = "Frames to receive (default ${DEFAULT-VALUE}).")
        long count;

        @Option(names = "--timeout-ms", defaultValue = "5000", description = "Give up when no frame arrives for this long.")
        int timeoutMs;

        @Option(names = "--mode", defaultValue = "NEWEST_ONLY", description = "NEWEST_ONLY or STRICT_ORDER.")
        SubscriberMode mode;

        @Option(names = "--name", defaultValue = "gevgate-sub", description = "Consumer name (≤ 31 bytes).")
        String name;

        @Option(names = "--runtime-dir", description = "Socket directory (default: $CUFRAMES_RUNTIME_DIR or /run/cuframes).")
        Path runtimeDir;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new ParameterException(spec.commandLine(), "--count must be >= 1");
            }
            var out = spec.commandLine().getOut();
            SubscriberConfig cfg;
            try {
                cfg = SubscriberConfig.builder(key).name(name).mode(mode).runtimeDir(runtimeDir)
                        .connectTimeoutMs(timeoutMs).build();
            } catch (CuframesException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
            try (CuframesSubscriber sub = CuframesSubscriber.connect(cfg)) {
                out.printf("[sub] connected to 'cuframes-%s' (bit %d, %s %dx%d, %s)%n", key, sub.assignedBit(),
                        sub.geometry().format(), sub.geometry().width(), sub.geometry().height(), sub.memoryKind());
                out.flush();
                long t0 = System.nanoTime();
                long received = 0;
                String stop = null;
                while (received < count) {
                    Frame f;
                    try {
                        f = sub.next(timeoutMs);
                    } catch (CuframesException e) {
                        if (e.error() != CuframesError.DISCONNECTED) {
                            throw e;
                        }
                        stop = "publisher disconnected";
                        break;
                    }
                    if (f == null) {
                        stop = "no frame within " + timeoutMs + " ms";
                        break;
                    }
                    sub.release(f);
                    received++;
                }
                double s = (System.nanoTime() - t0) / 1e9;
                out.printf("[sub] received=%d gaps=%d torn=%d elapsed=%.1fs avg_fps=%.1f%n", received, sub.stats().gaps(),
                        sub.stats().torn(), s, s > 0 ? (received - 1) / s : 0.0);
                out.flush();
                if (stop != null) {
                    throw new CliException(ExitCodes.FAILURE, stop + " after " + received + " of " + count + " frames");
                }
                return ExitCodes.OK;
            } catch (CuframesException e) {
                int code = e.error() == CuframesError.NOT_FOUND || e.error() == CuframesError.TIMEOUT
                        ? ExitCodes.DEVICE_UNREACHABLE : ExitCodes.FAILURE;
                throw new CliException(code, "cuframes '" + key + "': " + e.getMessage(), e);
            }
        }
    }
}
