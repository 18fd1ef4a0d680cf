package io.gevgate.viewer;

import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.stream.GvspEmitter;
import io.gevgate.simulator.stream.GvspEmitterConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The in-process simulator with its GVSP emitter driven by the registers, as the wiring in
 * progress on another branch will do inside the simulator: AcquisitionStart starts an emitter
 * towards SCDA0:SCP0 with Width/Height/PixelFormat/SCPS as the device registers say,
 * AcquisitionStop (or losing the controller) stops it, TriggerSoftware triggers a frame, PACKETRESEND
 * is served by the emitter. Lives in test sources (and drives scripts/viewer-screenshots.sh) so the
 * viewer does not depend on which branch wires the simulator first.
 */
public final class StreamingSimulator implements AutoCloseable {
    private final SimulatedDevice device;
    private final double frameRate;
    private volatile GvspEmitter emitter;

    private StreamingSimulator(SimulatedDevice device, double frameRate) {
        this.device = device;
        this.frameRate = frameRate;
        RegisterSpace r = device.registers();
        r.addListener(FeatureRegisters.ACQUISITION_START, (a, o, v) -> startEmitter());
        r.addListener(FeatureRegisters.ACQUISITION_STOP, (a, o, v) -> stopEmitter());
        r.addListener(FeatureRegisters.TRIGGER_SOFTWARE, (a, o, v) -> {
            GvspEmitter e = emitter;
            if (e != null) {
                e.trigger();
            }
        });
        device.resendHandler((ch, block, first, last, ext, requester) -> {
            GvspEmitter e = emitter;
            if (e != null) {
                e.resend(block, first, last);
            }
        });
        device.onControlDropped(reason -> stopEmitter());
    }

    public static StreamingSimulator start(String ip, double frameRate) {
        try {
            return new StreamingSimulator(SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(ip))),
                    frameRate);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    public SimulatedDevice device() {
        return device;
    }

    public RegisterSpace registers() {
        return device.registers();
    }

    public boolean streaming() {
        return emitter != null;
    }

    private synchronized void startEmitter() {
        stopEmitter();
        RegisterSpace r = device.registers();
        int scda = r.value(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_DESTINATION_ADDRESS));
        int scp = r.value(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_PORT)) & 0xFFFF;
        int scps = r.value(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_PACKET_SIZE)) & 0xFFFF;
        if (scp == 0) {
            return; // no destination: a real device would not stream either
        }
        String dest = (scda >>> 24) + "." + ((scda >>> 16) & 0xFF) + "." + ((scda >>> 8) & 0xFF) + "." + (scda & 0xFF);
        boolean triggered = r.value(FeatureRegisters.TRIGGER_MODE) == 1;
        try {
            emitter = GvspEmitter.start(new GvspEmitterConfig()
                    .destination(dest, scp)
                    .source(device.config().address().getHostAddress(), 0)
                    .packetSize(scps < 576 ? 1500 : scps)
                    .pixelFormat(r.value(FeatureRegisters.PIXEL_FORMAT))
                    .size(r.value(FeatureRegisters.WIDTH), r.value(FeatureRegisters.HEIGHT))
                    .frameRate(triggered ? 0 : frameRate)
                    .triggered(triggered)
                    .threadName("sim-gvsp-" + device.config().address().getHostAddress()));
        } catch (Exception e) {
            throw new IllegalStateException("simulator emitter: " + e.getMessage(), e);
        }
    }

    private synchronized void stopEmitter() {
        GvspEmitter e = emitter;
        emitter = null;
        if (e != null) {
            e.close();
        }
    }

    @Override
    public void close() {
        stopEmitter();
        device.close();
    }
}
