package io.gevgate.acquisition.genapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.genapi.node.AccessMode;
import io.gevgate.acquisition.genapi.node.CategoryNode;
import io.gevgate.acquisition.genapi.node.CommandNode;
import io.gevgate.acquisition.genapi.node.Node;
import io.gevgate.acquisition.genapi.node.PortNode;
import io.gevgate.acquisition.genapi.node.Visibility;
import io.gevgate.acquisition.genapi.port.MemoryPort;
import io.gevgate.acquisition.genapi.port.RegisterFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aravis's fake-camera XML (schema 1.0) loads strictly and every feature reads over a memory port. */
class AravisFakeCameraXmlTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = AravisFakeCameraXmlTest.class.getResourceAsStream("/genapi/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static NodeMap loadWithRegisters(MemoryPort port) throws IOException {
        NodeMap map = NodeMap.load(resource("aravis-fake-camera.xml"));
        RegisterFile.apply(new String(resource("aravis-fake-camera.registers"), StandardCharsets.US_ASCII), port);
        map.bindDevicePort(port);
        return map;
    }

    @Test
    void loadsWithoutDiagnostics() throws IOException {
        NodeMap map = NodeMap.load(resource("aravis-fake-camera.xml"));
        assertThat(map.diagnostics()).isEmpty();
        assertThat(map.countsByType()).containsEntry("IntReg", 20).containsEntry("EnumEntry", 20)
                .containsEntry("StructEntry", 4).containsEntry("Category", 7).containsEntry("Port", 1);
        assertThat(map.documentInfo()).containsEntry("VendorName", "Aravis");
    }

    @Test
    void everyReadableFeatureReadsWithoutError() throws IOException {
        MemoryPort port = new MemoryPort();
        NodeMap map = loadWithRegisters(port);
        List<String> failures = new ArrayList<>();
        int read = 0;
        for (Node n : map.nodes()) {
            if (n instanceof CategoryNode || n instanceof PortNode) {
                continue;
            }
            AccessMode a = n.accessMode();
            if (!a.readable()) {
                assertThat(a).as(n.name()).isEqualTo(AccessMode.WO);
                continue;
            }
            try {
                map.get(n.name());
                read++;
            } catch (GenApiException e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(read).isGreaterThan(60);
        assertThat(map.get("DeviceVendorName")).isEqualTo("Aravis");
        assertThat(map.getInteger("Width")).isEqualTo(512);
        assertThat(map.getEnum("PixelFormat")).isEqualTo("Mono8");
        assertThat(map.getInteger("PayloadSize")).isEqualTo(512 * 512);
        assertThat(map.getFloat("AcquisitionFrameRate")).isEqualTo(25.0);
        assertThat(map.getBoolean("TestBoolean")).isFalse();
    }

    @Test
    void writesGoThroughConvertersSelectorsAndStructEntries() throws IOException {
        MemoryPort port = new MemoryPort();
        NodeMap map = loadWithRegisters(port);
        map.setFloat("AcquisitionFrameRate", 50.0);
        assertThat(port.peek(0x138, 4)).containsExactly(0, 0, 0x4e, 0x20); // 20000 us
        map.setEnum("TriggerSelector", "AcquisitionStart");
        map.setEnum("TriggerMode", "On");
        assertThat(port.peek(0x300 + 0x20, 4)).containsExactly(0, 0, 0, 1);
        assertThat(port.peek(0x300, 4)).containsExactly(0, 0, 0, 0);
        map.setEnum("TriggerSelector", "FrameStart");
        assertThat(map.getEnum("TriggerMode")).isEqualTo("Off");
        map.setInteger("StructEntry_16_31", -2); // low half of the big-endian register, signed
        assertThat(map.getInteger("TestRegister")).isEqualTo(0xFFFE);
        assertThat(map.getInteger("StructEntry_16_31")).isEqualTo(-2);
        map.setBoolean("TestBoolean", true);
        assertThat(map.getInteger("StructEntry_0_31")).isEqualTo(321);
        map.execute("AcquisitionStart");
        assertThat(port.peek(0x124, 4)).containsExactly(0, 0, 0, 1);
        assertThat(((CommandNode) map.node("AcquisitionStart")).isDone()).isTrue();
    }

    @Test
    void categoryTreeHidesInvisibleAndListsRootChildren() throws IOException {
        NodeMap map = loadWithRegisters(new MemoryPort());
        CategoryTree tree = map.categoryTree(Visibility.BEGINNER);
        assertThat(tree.subcategories()).extracting(CategoryTree::name)
                .containsExactly("DeviceControl", "ImageFormatControl", "AcquisitionControl", "TransportLayerControl", "Debug");
        assertThat(tree.subcategories().get(1).features()).contains("Width", "PixelFormat");
    }
}
