package io.gevgate.simulator;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvcp.GvcpCapabilities;
import io.gevgate.acquisition.gvcp.xml.GenICamXmlLoader;
import io.gevgate.simulator.gvcp.ActionHandler;
import io.gevgate.simulator.gvcp.ControlPrivilege;
import io.gevgate.simulator.gvcp.GvcpServer;
import io.gevgate.simulator.gvcp.ResendHandler;
import io.gevgate.simulator.gvcp.ServerCounters;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.roce.SimulatedRdmaChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A simulated GigE Vision camera on one IPv4 (loopback) address: GVCP server, register space with
 * the bootstrap map and feature registers, its own GenICam XML (plain or zipped) behind the First
 * URL, CCP with heartbeat expiry, message-channel events, ACTION and PACKETRESEND dispatch.
 *
 * <p>Wiring points for a stream emitter: {@link #registers()} (read Width/PixelFormat/SCDA0/SCP0,
 * {@code addListener} on AcquisitionStart/Stop or SCP0), {@link #resendHandler(ResendHandler)},
 * {@link #onControlDropped(Consumer)} (stop streaming when the controller goes away).
 */
public final class SimulatedDevice implements AutoCloseable {
    private final SimulatorConfig config;
    private final RegisterSpace registers;
    private final GvcpServer server;
    private final String firstUrl;
    private final List<Consumer<String>> controlDroppedListeners = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final SimulatedRdmaChannel rdma;

    private SimulatedDevice(SimulatorConfig config) throws IOException {
        this.config = config;
        byte[] xml = config.xml() != null ? config.xml() : SimulatorXml.builtIn();
        String entry = SimulatorXml.FILE_NAME;
        byte[] stored = config.zipXml() ? SimulatorXml.zip(xml, entry) : xml;
        String fileName = config.zipXml() ? entry.replace(".xml", ".zip") : entry;
        String url = String.format("Local:%s;%x;%x", fileName, FeatureRegisters.XML_BASE, stored.length);
        if (config.sha1InUrl()) {
            url += "?SHA1=" + HexFormat.of().formatHex(GenICamXmlLoader.sha1(stored));
        }
        this.firstUrl = url;
        // The server is created after the registers; the capability supplier reads it lazily.
        GvcpServer[] serverRef = new GvcpServer[1];
        this.registers = DeviceRegisterMap.build(config, url, stored, () -> capabilities(serverRef[0]));
        this.server = new GvcpServer(new InetSocketAddress(config.address(), config.port()), new GvcpServer.Device() {
            @Override
            public RegisterSpace registers() {
                return registers;
            }

            @Override
            public int writeDelayMs(int address) {
                return address == FeatureRegisters.ACQUISITION_START ? config.pendingAckDelayMs() : 0;
            }

            @Override
            public void forceIp(int ip, int mask, int gateway) {
                // The socket stays on its loopback address; the registers report what was forced.
                registers.set(BootstrapRegisters.PERSISTENT_IP, ip);
                registers.set(BootstrapRegisters.PERSISTENT_SUBNET_MASK, mask);
                registers.set(BootstrapRegisters.PERSISTENT_GATEWAY, gateway);
            }

            @Override
            public long mac() {
                return config.mac();
            }

            @Override
            public void controlDropped(String reason) {
                SimulatedDevice.this.controlDropped(reason);
            }
        });
        serverRef[0] = server;
        registers.addListener(FeatureRegisters.ACQUISITION_START, (a, o, v) -> registers.set(FeatureRegisters.ACQUISITION_STATUS, 1));
        registers.addListener(FeatureRegisters.ACQUISITION_STOP, (a, o, v) -> registers.set(FeatureRegisters.ACQUISITION_STATUS, 0));
        registers.addListener(BootstrapRegisters.TIMESTAMP_CONTROL, (a, o, v) -> timestampControl(v));
        // the RDMA streaming profile (docs/rdma-profile.md): its features are in the built-in XML
        this.rdma = SimulatedRdmaChannel.install(this);
    }

    /** Starts a device; fails with an {@link UncheckedIOException} if the address:port is taken. */
    public static SimulatedDevice start(SimulatorConfig config) {
        try {
            SimulatedDevice d = new SimulatedDevice(config);
            d.server.start();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the simulator to " + config.address().getHostAddress()
                    + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** Only what is implemented: PACKETRESEND only while a resend handler is wired. */
    private static int capabilities(GvcpServer server) {
        int caps = GvcpCapabilities.USER_DEFINED_NAME | GvcpCapabilities.SERIAL_NUMBER
                | GvcpCapabilities.HEARTBEAT_DISABLE | GvcpCapabilities.CCP_APPLICATION_PORT_IP
                | GvcpCapabilities.PRIMARY_APPLICATION_SWITCHOVER
                | GvcpCapabilities.ACTION | GvcpCapabilities.PENDING_ACK | GvcpCapabilities.EVENTDATA
                | GvcpCapabilities.EVENT | GvcpCapabilities.WRITEMEM | GvcpCapabilities.CONCATENATION;
        if (server != null && server.resendHandler() != null) {
            caps |= GvcpCapabilities.PACKET_RESEND;
        }
        return caps;
    }

    private void timestampControl(int v) {
        if ((v & 0x2) != 0) {
            long ns = timestampNanos();
            registers.set(BootstrapRegisters.TIMESTAMP_VALUE_HIGH, (int) (ns >>> 32));
            registers.set(BootstrapRegisters.TIMESTAMP_VALUE_LOW, (int) ns);
        }
    }

    /** Device timestamp in ticks (1 GHz: nanoseconds since the device started). */
    public long timestampNanos() {
        return System.nanoTime() - startNanos;
    }

    private void controlDropped(String reason) {
        // Losing the controller closes the stream and message channels, as a real device does.
        registers.set(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_PORT), 0);
        registers.set(BootstrapRegisters.MCP, 0);
        registers.set(FeatureRegisters.ACQUISITION_STATUS, 0);
        for (Consumer<String> l : controlDroppedListeners) {
            l.accept(reason);
        }
    }

    public SimulatorConfig config() {
        return config;
    }

    public RegisterSpace registers() {
        return registers;
    }

    public String firstUrl() {
        return firstUrl;
    }

    public InetSocketAddress gvcpAddress() {
        return server.localAddress();
    }

    public ControlPrivilege control() {
        return server.control();
    }

    public ServerCounters counters() {
        return server.counters();
    }

    /** The RDMA streaming profile's device side (RoCEv2 emitter, loss-injection knobs). */
    public SimulatedRdmaChannel rdma() {
        return rdma;
    }

    /** PACKETRESEND commands go to {@code handler}; wiring one sets the PACKETRESEND capability bit. */
    public void resendHandler(ResendHandler handler) {
        server.resendHandler(handler);
    }

    public void actionHandler(ActionHandler handler) {
        server.actionHandler(handler);
    }

    /** Called (on the GVCP thread) when control is dropped: heartbeat expiry or release. */
    public void onControlDropped(Consumer<String> listener) {
        controlDroppedListeners.add(listener);
    }

    /** Sends an EVENT_CMD on the message channel; false when the host has not opened one. */
    public boolean sendEvent(int eventId, int streamChannel, long blockId) {
        return server.sendEvent(eventId, streamChannel, blockId, timestampNanos(), null);
    }

    /** Sends an EVENTDATA_CMD with device-specific data (at most 512 bytes). */
    public boolean sendEventData(int eventId, int streamChannel, long blockId, byte[] data) {
        return server.sendEvent(eventId, streamChannel, blockId, timestampNanos(), data);
    }

    @Override
    public void close() {
        server.close();
        rdma.close();
    }
}
