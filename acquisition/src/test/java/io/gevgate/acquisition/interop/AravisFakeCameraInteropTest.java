package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.gvcp.Bootstrap;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.ControlChannel;
import io.gevgate.acquisition.gvcp.ControlEvent;
import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvcp.xml.GenICamXml;
import io.gevgate.acquisition.gvcp.xml.GenICamXmlLoader;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Our GVCP client against Aravis' fake GigE Vision camera on 127.0.0.1 (the only address it binds):
 * unicast discovery, control, XML download, Width read/write, 10 s of heartbeat, release. Only
 * registers inside its 64 KiB RAM and the XML are read (reading beyond crashes it).
 */
class AravisFakeCameraInteropTest {
    private static final String SERIAL = "GVCPIT";
    private static final int WIDTH = 0x100;
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
    void discoverControlXmlRegistersHeartbeatRelease() throws Exception {
        DeviceInfo info = Discovery.unicast(lo, Duration.ofSeconds(5));
        assertThat(info.manufacturer()).isEqualTo("Aravis");
        assertThat(info.model()).isEqualTo("Fake");
        assertThat(info.source().getPort()).isEqualTo(3956);

        List<ControlEvent> events = new CopyOnWriteArrayList<>();
        try (GvcpClient client = GvcpClient.open(lo);
             ControlChannel control = new ControlChannel(client, events::add)) {
            Bootstrap boot = new Bootstrap(client);
            assertThat(boot.firstUrl()).startsWith("Local:").contains(";10000;");

            GenICamXml xml = new GenICamXmlLoader(client::readMemory, GenICamXmlLoader.Limits.defaults())
                    .load(boot.firstUrl(), boot.secondUrl());
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.xml()));
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("RegisterDescription");
            assertThat(doc.getDocumentElement().getAttribute("ModelName")).isEqualTo("Fake");

            control.take(ControlChannel.Mode.CONTROL);
            assertThat(client.readRegister(BootstrapRegisters.CCP) & 0x3).isEqualTo(BootstrapRegisters.CCP_CONTROL);
            assertThat(control.heartbeatTimeout()).isEqualTo(Duration.ofMillis(3000));

            int width = client.readRegister(WIDTH);
            client.writeRegister(WIDTH, 640);
            assertThat(client.readRegister(WIDTH)).isEqualTo(640);
            client.writeRegister(WIDTH, width);

            // 10 s > 3× the camera's 3 s heartbeat timeout: only our heartbeat keeps control.
            Thread.sleep(10_000);
            assertThat(events).isEmpty();
            assertThat(control.isHeld()).isTrue();
            try (GvcpClient intruder = GvcpClient.open(new InetSocketAddress(lo, 3956),
                    new GvcpClient.Options(Duration.ofMillis(150), 1, null))) {
                // Aravis drops writes from a non-controller without an answer.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> intruder.writeRegister(WIDTH, 256))
                        .isInstanceOf(GvcpException.class);
            }
            assertThat(client.readRegister(WIDTH)).isEqualTo(width);

            control.release();
            assertThat(client.readRegister(BootstrapRegisters.CCP) & 0x3).isZero();
            assertThat(client.counters().errorStatuses()).isZero();
        }
        assertThat(fake.isAlive()).as("the fake camera survived the session").isTrue();
    }
}
