package io.gevgate.bridge.gpu;

import java.util.List;

/**
 * Result of {@link GpuRuntime#probe()}: either the devices and driver version, or the reason why
 * there is no usable GPU ("libcuda.so.1 not found", "no /dev/nvidiactl", "cuInit: ...").
 */
public record GpuProbe(boolean available, String reason, int driverVersion, List<GpuDeviceInfo> devices) {

    public GpuProbe {
        devices = List.copyOf(devices);
    }

    static GpuProbe unavailable(String reason) {
        return new GpuProbe(false, reason, 0, List.of());
    }

    /** One line for logs and the gateway's "which path" report. */
    public String describe() {
        if (!available) {
            return "no CUDA device: " + reason;
        }
        return String.format("CUDA driver %d.%d, %d device(s): %s", driverVersion / 1000, driverVersion % 1000 / 10,
                devices.size(), devices);
    }
}
