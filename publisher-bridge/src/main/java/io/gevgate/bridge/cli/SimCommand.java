package io.gevgate.bridge.cli;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gevgate sim}: runs one simulated GigE Vision camera until SIGINT/SIGTERM. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run a simulated GigE Vision camera on a (loopback) address until interrupted.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--address", required = true, description = "IPv4 address to bind, e.g. 127.0.0.2.")
    String address;

    @Option(names = "--port", defaultValue = "3956", description = "GVCP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--xml", description = "GenICam XML to serve instead of the built-in one.")
    Path xml;

    @Option(names = "--zip", description = "Serve the XML as a zip archive.")
    boolean zip;

    @Option(names = "--sha1", description = "Append ?SHA1=<digest> to the First URL.")
    boolean sha1;

    @Option(names = "--heartbeat-ms", defaultValue = "3000", description = "Initial heartbeat timeout in ms.")
    int heartbeatMs;

    @Option(names = "--udp-gso", description = "Send GVSP with UDP GSO (cheaper per packet; receivers get the "
            + "same datagrams, but a capture on the interface or a packet-socket receiver sees unsegmented messages).")
    boolean udpGso;

    /** Set by tests to stop the command without a signal. */
    static volatile CountDownLatch stopForTests;

    @Override
    public Integer call() throws Exception {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(address);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "--address: not an IP address: " + address);
        }
        SimulatorConfig cfg = SimulatorConfig.defaults(addr).withPort(port).withZip(zip).withSha1InUrl(sha1)
                .withHeartbeatTimeoutMs(heartbeatMs);
        if (xml != null) {
            try {
                cfg = cfg.withXml(Files.readAllBytes(xml));
            } catch (IOException e) {
                throw new CliException(ExitCodes.INVALID_INPUT, "--xml: cannot read " + xml + ": " + e.getMessage());
            }
        }
        CountDownLatch stop = stopForTests != null ? stopForTests : new CountDownLatch(1);
        SimulatedDevice device;
        io.gevgate.simulator.stream.SimulatedStreamChannel stream;
        try {
            device = SimulatedDevice.start(cfg);
            stream = io.gevgate.simulator.stream.SimulatedStreamChannel.attach(device,
                    io.gevgate.simulator.stream.SimulatedStreamChannel.Options.defaults().withUdpGso(udpGso));
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        // SIGINT/SIGTERM run shutdown hooks: close the socket there and let call() return.
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gevgate-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("gevgate sim: serving GVCP on " + device.gvcpAddress().getAddress().getHostAddress() + ":"
                + device.gvcpAddress().getPort() + " (" + device.firstUrl() + ")");
        System.out.flush();
        try {
            stop.await();
        } finally {
            stream.close();
            device.close();
            System.out.println("gevgate sim: stopped (" + device.counters() + ")");
            System.out.flush();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already in shutdown: the hook is running and is released by 'closed'
            }
        }
        return ExitCodes.OK;
    }
}
