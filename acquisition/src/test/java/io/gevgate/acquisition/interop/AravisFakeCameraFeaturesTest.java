package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.genapi.Evaluation;
import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.NodeMap;
import java.net.InetAddress;
import java.util.List;
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
    private static final String SERIAL = "GENAPIIT";
    private static final int WIDTH_REGISTER = 0x100;
    private static final int EXPOSURE_REGISTER = 0x120;
    private static AravisFakeCamera fake;
    private static InetAddress lo;

    @BeforeAll
    static void startFakeCamera() throws Exception {
        fake = AravisFakeCamera.start(SERIAL);
        lo = fake.address();
    }

    @AfterAll
    static void stopFakeCamera() throws Exception {
        if (fake != null) {
            fake.close();
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
