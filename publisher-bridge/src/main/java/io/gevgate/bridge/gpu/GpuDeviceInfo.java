package io.gevgate.bridge.gpu;

/** What the driver reports about one CUDA device. */
public record GpuDeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, long totalMemory) {

    /** The NVRTC/ptxas architecture of the device, e.g. {@code sm_90} for an H100. */
    public String arch() {
        return "sm_" + ccMajor + ccMinor;
    }

    @Override
    public String toString() {
        return String.format("CUDA device %d: %s, compute capability %d.%d (%s), %d MiB", ordinal, name, ccMajor,
                ccMinor, arch(), totalMemory >> 20);
    }
}
