package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.acquisition.gvcp.GvcpException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Aravis' fake GigE Vision camera on 127.0.0.1 (the only address it binds) as a test peer: starts
 * it with our serial number, waits until it answers discovery, and stops it by its own PID.
 * Skips the calling test (assumption) when the tool is not installed or when port 3956 stays
 * taken by someone else's fake camera, so a test never talks to a camera it did not start.
 */
final class AravisFakeCamera implements AutoCloseable {
    static final String TOOL = "/usr/bin/arv-fake-gv-camera-0.8";
    private static final int GVCP_PORT = 3956;

    private final Process process;
    private final InetAddress address;

    private AravisFakeCamera(Process process, InetAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts the fake camera with {@code serial} and returns once it answers unicast discovery. */
    static AravisFakeCamera start(String serial) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(TOOL)), TOOL + " is not installed (Debian package aravis-tools)");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        assumeTrue(waitUntilPortFree(lo, Duration.ofSeconds(15)),
                "127.0.0.1:3956 stays taken (another test runs a fake camera); skipping instead of talking to it");
        Process fake = new ProcessBuilder(TOOL, "-i", "127.0.0.1", "-s", serial).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        AravisFakeCamera camera = new AravisFakeCamera(fake, lo);
        try {
            DeviceInfo info = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a loaded machine starts it slowly
            while (info == null && System.nanoTime() < deadline && fake.isAlive()) {
                try {
                    info = Discovery.unicast(lo, Duration.ofMillis(300));
                } catch (GvcpException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(info).as("the fake camera answers discovery").isNotNull();
            assumeThat(info.serialNumber()).as("the camera on 127.0.0.1 is ours (serial %s)", serial).isEqualTo(serial);
            return camera;
        } catch (Throwable t) {
            camera.close();
            throw t;
        }
    }

    /** 127.0.0.1, where the camera answers. */
    InetAddress address() {
        return address;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean waitUntilPortFree(InetAddress lo, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(lo, GVCP_PORT));
                return true;
            } catch (BindException e) {
                Thread.sleep(250);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
