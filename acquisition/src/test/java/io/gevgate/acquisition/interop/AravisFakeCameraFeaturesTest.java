package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.genapi.Evaluation;
import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GenApi engine over our GVCP client against Aravis' fake camera on 127.0.0.1: its XML
 * (downloaded from the device) loads and every feature reads without error; writes through
 * {@code features()} land in the device's registers. The fake camera's XML only names registers
 * inside its 64 KiB space, so evaluating it never reads past that space (which crashes it).
 */
class AravisFakeCameraFeaturesTest {
    private static final String TOOL = "/usr/bin/arv-fake-gv-camera-0.8";
    private static final String SERIAL = "GENAPIIT";
    private static final int WIDTH_REGISTER = 0x100;
    private static final int EXPOSURE_REGISTER = 0x120;
    private static Process fake;
    private static InetAddress lo;

    @BeforeAll
    static void startFakeCamera() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(TOOL)), TOOL + " is not installed (Debian package aravis-tools)");
        lo = InetAddress.getByName("127.0.0.1");
        assumeTrue(portFree(Duration.ofSeconds(15)),
                "127.0.0.1:3956 stays taken (another fake camera runs); skipping instead of talking to it");
        fake = new ProcessBuilder(TOOL, "-i", "127.0.0.1", "-s", SERIAL).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        DeviceInfo info = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (info == null && System.nanoTime() < deadline && fake.isAlive()) {
            try {
                info = Discovery.unicast(lo, Duration.ofMillis(300));
            } catch (GvcpException e) {
                Thread.sleep(100);
            }
        }
        assertThat(info).as("the fake camera answers discovery").isNotNull();
        assumeThat(info.serialNumber()).as("the camera on 127.0.0.1 is ours (serial %s)", SERIAL).isEqualTo(SERIAL);
    }

    private static boolean portFree(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(lo, 3956));
                return true;
            } catch (BindException e) {
                Thread.sleep(250);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    @AfterAll
    static void stopFakeCamera() throws Exception {
        if (fake != null) {
            fake.destroy();
            if (!fake.waitFor(5, TimeUnit.SECONDS)) {
                fake.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyFeatureReadsAndWritesReachTheRegisters() {
        try (Camera cam = Cameras.open("127.0.0.1")) {
            NodeMap map = cam.nodeMap();
            List<Evaluation> all = map.evaluateAll();
            assertThat(all).hasSizeGreaterThan(50);
            assertThat(all).as("nodes that failed to evaluate").filteredOn(e -> e.error() != null).isEmpty();
            Features f = cam.features();
            assertThat(f.get("DeviceVendorName")).isEqualTo("Aravis");
            assertThat(f.get("DeviceID")).isEqualTo(SERIAL);

            long width = f.getInteger("Width");
            f.set("Width", 320);
            assertThat(cam.client().readRegister(WIDTH_REGISTER)).isEqualTo(320);
            assertThat(f.getInteger("Width")).isEqualTo(320);
            f.set("ExposureTimeAbs", 5000);
            assertThat(cam.client().readRegister(EXPOSURE_REGISTER)).isEqualTo(5000);
            assertThat(f.getFloat("ExposureTimeAbs")).isEqualTo(5000.0);

            assertThatThrownBy(() -> f.set("Width", 100_000)).isInstanceOfSatisfying(GenApiException.class,
                    e -> assertThat(e.reason()).isEqualTo(GenApiException.Reason.OUT_OF_RANGE));
            assertThat(cam.client().readRegister(WIDTH_REGISTER)).isEqualTo(320);
            f.set("Width", width);
            assertThat(cam.client().counters().errorStatuses()).isZero();
        }
        assertThat(fake.isAlive()).as("the fake camera survived the session").isTrue();
    }
}
