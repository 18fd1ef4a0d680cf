package io.gevgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.genapi.Evaluation;
import io.gevgate.acquisition.genapi.Features;
import io.gevgate.acquisition.genapi.GenApiException;
import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.genapi.node.Diagnostic;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.simulator.registers.FeatureRegisters;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GenApi engine over GVCP against the in-process simulator (127.0.0.140–149): the camera's own
 * XML, fetched from the device, evaluates completely; writes through {@code features()} reach the
 * device's registers; refusals come out as {@link GenApiException} with their reason.
 */
class LiveFeaturesTest {

    private static SimulatedDevice start(String address) throws Exception {
        return SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(address)));
    }

    @Test
    void everyFeatureOfTheSimulatorReadsWithoutErrorOverGvcp() throws Exception {
        try (SimulatedDevice d = start("127.0.0.140"); Camera cam = Cameras.open("127.0.0.140")) {
            NodeMap map = cam.nodeMap();
            assertThat(map.diagnostics()).as("load diagnostics of the simulator's XML")
                    .noneMatch(x -> x.severity() == Diagnostic.Severity.ERROR);
            long before = cam.client().counters().commandsSent();
            List<Evaluation> all = map.evaluateAll();
            long commands = cam.client().counters().commandsSent() - before;
            assertThat(all).hasSizeGreaterThan(100);
            long registers4 = map.nodes().stream().filter(n -> n instanceof io.gevgate.acquisition.genapi.node.RegisterBase r
                    && r.length() == 4).count();
            System.out.printf("simulator: %d nodes evaluated with %d GVCP commands (%d four-byte register nodes)%n",
                    all.size(), commands, registers4);
            // Every register is NoCache, yet the read pass batches them: a few READREGs instead of one each.
            assertThat(commands).as("GVCP commands for the whole pass").isLessThan(registers4 / 2);
            assertThat(all).as("nodes that failed to evaluate").filteredOn(e -> e.error() != null).isEmpty();
            Features f = cam.features();
            assertThat(f.get("DeviceVendorName")).isEqualTo("gevgate");
            assertThat(f.get("DeviceSerialNumber")).isEqualTo("SIM000140");
            assertThat(f.getInteger("Width")).isEqualTo(d.registers().value(FeatureRegisters.WIDTH));
            assertThat(f.get("GevCurrentIPAddress")).isEqualTo(Integer.toString(0x7F00008C));
            assertThat(f.getInteger("DeviceTLVersionMajor")).isEqualTo(2);
            assertThat(f.categoryTree(Visibility.GURU).subcategories()).isNotEmpty();
            assertThat(d.control().owner()).as("reading needs no control privilege").isNull();
        }
    }

    @Test
    void writesThroughFeaturesReachTheDeviceRegisters() throws Exception {
        try (SimulatedDevice d = start("127.0.0.141"); Camera cam = Cameras.open("127.0.0.141")) {
            Features f = cam.features();
            f.set("ExposureTime", 5000);
            assertThat(d.registers().floatValue(FeatureRegisters.EXPOSURE_TIME)).isEqualTo(5000.0f);
            assertThat(f.getFloat("ExposureTime")).isEqualTo(5000.0);
            assertThat(d.control().owner()).as("the first write took control privilege").isNotNull();
            f.set("Width", 640);
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).isEqualTo(640);
            assertThat(f.getInteger("Width")).isEqualTo(640);
            f.set("PixelFormat", "Mono16");
            assertThat(d.registers().value(FeatureRegisters.PIXEL_FORMAT)).isEqualTo(FeatureRegisters.PFNC_MONO16);
            f.set("GevSCPSPacketSize", "1500");
            assertThat(f.getInteger("GevSCPSPacketSize")).isEqualTo(1500);
            f.setString("DeviceUserID", "cam-a");
            assertThat(f.getString("DeviceUserID")).isEqualTo("cam-a");
            f.setEnum("ChunkSelector", "FrameID");
            f.setBoolean("ChunkEnable", true);
            assertThat(d.registers().value(FeatureRegisters.CHUNK_ENABLE_BASE + 4 * FeatureRegisters.CHUNK_FRAME_ID)).isEqualTo(1);
            f.execute("AcquisitionStart");
            assertThat(d.registers().value(FeatureRegisters.ACQUISITION_STATUS)).isEqualTo(1);
            f.execute("AcquisitionStop");
        }
    }

    @Test
    void refusalsSayWhy() throws Exception {
        try (SimulatedDevice d = start("127.0.0.142"); Camera cam = Cameras.open("127.0.0.142")) {
            Features f = cam.features();
            int width = d.registers().value(FeatureRegisters.WIDTH);
            assertReason(() -> f.set("Width", 642), Reason.OUT_OF_RANGE);           // not 16 + k * 4
            assertReason(() -> f.set("Width", 1_000_000), Reason.OUT_OF_RANGE);     // above WidthMax
            assertReason(() -> f.setFloat("ExposureTime", 1.0), Reason.OUT_OF_RANGE);
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).as("nothing written").isEqualTo(width);
            assertReason(() -> f.set("PayloadSize", "1"), Reason.READ_ONLY);
            assertReason(() -> f.set("PixelFormat", "Mono99"), Reason.INVALID_VALUE);
            assertReason(() -> f.get("NoSuchFeature"), Reason.NO_SUCH_NODE);
            assertReason(() -> f.execute("TriggerSoftware"), Reason.NOT_AVAILABLE); // TriggerMode is Off
            f.setEnum("TriggerMode", "On");
            f.execute("TriggerSoftware");

            assertThat(cam.lockTransportParameters(true)).isTrue();
            assertThat(d.registers().value(FeatureRegisters.TL_PARAMS_LOCKED)).isEqualTo(1);
            GenApiException locked = assertReason(() -> f.set("Width", 320), Reason.LOCKED);
            assertThat(locked.getMessage()).contains("TLParamsLocked");
            assertReason(() -> f.setEnum("PixelFormat", "Mono8"), Reason.LOCKED);
            f.setFloat("ExposureTime", 2000.0); // not a transport parameter: still writable
            cam.lockTransportParameters(false);
            f.set("Width", 320);
            assertThat(d.registers().value(FeatureRegisters.WIDTH)).isEqualTo(320);
        }
    }

    @Test
    void deviceErrorsAreTypedPortErrors() throws Exception {
        try (SimulatedDevice d = start("127.0.0.143"); Camera cam = Cameras.open("127.0.0.143")) {
            Features f = cam.features();
            GenApiException e = assertReason(() -> f.setRegister("GenDCFlowMappingTable", new byte[256]), Reason.READ_ONLY);
            assertThat(e.node()).isEqualTo("GenDCFlowMappingTable");
            // A second application holds control: taking it for our write is refused (ACCESS_DENIED).
            try (Camera other = Cameras.open("127.0.0.143")) {
                other.takeControl();
                GvcpWriteRefused.check(() -> f.set("Height", 256));
            }
        }
    }

    /** The device's ACCESS_DENIED reaches the caller as PORT_ERROR naming the feature and the status. */
    private static final class GvcpWriteRefused {
        static void check(Runnable write) {
            GenApiException e = assertReason(write, Reason.PORT_ERROR);
            assertThat(e.getMessage()).contains("ACCESS_DENIED");
        }
    }

    private static GenApiException assertReason(Runnable r, Reason reason) {
        GenApiException[] caught = new GenApiException[1];
        assertThatThrownBy(r::run).isInstanceOfSatisfying(GenApiException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            caught[0] = e;
        });
        return caught[0];
    }
}
