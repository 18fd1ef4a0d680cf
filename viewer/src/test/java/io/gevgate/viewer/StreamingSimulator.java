package io.gevgate.viewer;

import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.registers.RegisterSpace;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The in-process simulator with its own stream channel (AcquisitionStart/Stop, trigger,
 * PACKETRESEND, SCDA/SCP/SCPS as the registers say) at a given frame rate: the viewer tests'
 * and scripts/viewer-screenshots.sh's camera.
 */
public final class StreamingSimulator implements AutoCloseable {
    private final SimulatedDevice device;
    private final SimulatedStreamChannel channel;

    private StreamingSimulator(SimulatedDevice device, double frameRate) {
        this.device = device;
        device.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits((float) frameRate));
        this.channel = SimulatedStreamChannel.attach(device);
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

    /** True while the stream channel's emitter runs (between AcquisitionStart and Stop). */
    public boolean streaming() {
        return channel.emitter() != null;
    }

    @Override
    public void close() {
        channel.close();
        device.close();
    }
}
