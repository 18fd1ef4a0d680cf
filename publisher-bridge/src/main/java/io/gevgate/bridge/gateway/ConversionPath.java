package io.gevgate.bridge.gateway;

import io.gevgate.bridge.gpu.GpuProbe;

import java.util.function.Supplier;

/**
 * Which conversion back-end the gateway uses and why: decided once at start-up, before anything
 * is opened, so that {@code --device N} on a host without that device fails with one clear line
 * instead of silently falling back. {@link #gpu()} true means NVRTC kernels writing CUDA VMM slots
 * on {@link #device()}; false means the CPU converter writing memfd slots.
 *
 * @param gpu    true for the GPU path
 * @param device CUDA ordinal (GPU path only; -1 on the CPU path)
 * @param reason one line for the log and status: what was chosen and why
 */
public record ConversionPath(boolean gpu, int device, String reason) {

    /**
     * The selection rule: {@code --no-gpu} forces the CPU path; {@code --device N} demands the GPU
     * path on device N (no such device → {@link GatewayException}); neither picks device 0 when the
     * probe finds a CUDA device and the CPU path otherwise. The probe is a parameter so the rule is
     * testable on hosts with and without a GPU.
     */
    public static ConversionPath choose(Integer requestedDevice, boolean noGpu, Supplier<GpuProbe> probe) {
        if (noGpu) {
            if (requestedDevice != null) {
                throw new GatewayException("--no-gpu and --device " + requestedDevice + " exclude each other");
            }
            return new ConversionPath(false, -1, "CPU conversion, memfd slots (--no-gpu)");
        }
        GpuProbe p = probe.get();
        if (requestedDevice != null) {
            if (!p.available()) {
                throw new GatewayException("--device " + requestedDevice + ": no usable CUDA device ("
                        + p.reason() + "); run without --device (or with --no-gpu) for the CPU path");
            }
            if (requestedDevice < 0 || requestedDevice >= p.devices().size()) {
                throw new GatewayException("--device " + requestedDevice + ": the CUDA driver reports "
                        + p.devices().size() + " device(s) (0.." + (p.devices().size() - 1) + ")");
            }
            return gpuOn(requestedDevice, p, "--device " + requestedDevice);
        }
        if (!p.available()) {
            return new ConversionPath(false, -1, "CPU conversion, memfd slots (no GPU: " + p.reason() + ")");
        }
        return gpuOn(0, p, "CUDA device found");
    }

    private static ConversionPath gpuOn(int device, GpuProbe p, String why) {
        return new ConversionPath(true, device, "GPU conversion on CUDA device " + device + " ("
                + p.devices().get(device) + "), VMM slots (" + why + ")");
    }

    /** "gpu:0" or "cpu", for the status line. */
    public String label() {
        return gpu ? "gpu:" + device : "cpu";
    }
}
