package io.gevgate.acquisition.genapi;

import io.gevgate.acquisition.genapi.port.MemoryPort;
import java.nio.charset.StandardCharsets;

/** Small hand-written documents for the node tests: a body wrapped in RegisterDescription + Port. */
final class Xml {

    static final String NS_1_1 = "http://www.genicam.org/GenApi/Version_1_1";

    private Xml() {
    }

    static String doc(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<RegisterDescription ModelName=\"T\" VendorName=\"gevgate\" SchemaMajorVersion=\"1\""
                + " SchemaMinorVersion=\"1\" SchemaSubMinorVersion=\"0\" xmlns=\"" + NS_1_1 + "\">\n"
                + "<Port Name=\"Device\"/>\n" + body + "\n</RegisterDescription>\n";
    }

    /** Loads strictly and binds the Device port to {@code port}. */
    static NodeMap load(String body, MemoryPort port) {
        NodeMap map = NodeMap.load(doc(body).getBytes(StandardCharsets.UTF_8));
        map.bindDevicePort(port);
        return map;
    }

    static NodeMap lenient(String body) {
        return NodeMap.load(doc(body).getBytes(StandardCharsets.UTF_8), NodeMap.Mode.LENIENT,
                io.gevgate.acquisition.genapi.xml.LoadLimits.DEFAULT);
    }

    /** A 4-byte register node, big-endian by default. */
    static String intReg(String name, String address, String access, String extra) {
        return "<IntReg Name=\"" + name + "\"><Address>" + address + "</Address><Length>4</Length><AccessMode>" + access
                + "</AccessMode><pPort>Device</pPort><Sign>Unsigned</Sign><Endianess>BigEndian</Endianess>" + extra
                + "</IntReg>";
    }
}
