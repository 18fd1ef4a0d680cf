package io.gevgate.bridge.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetCount;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetName;
import static org.bytedeco.cuda.global.cudart.cuDeviceTotalMem;
import static org.bytedeco.cuda.global.cudart.cuDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cuInit;

/**
 * Entry point of the GPU path: {@link #probe()} says whether a CUDA device is usable and why not,
 * without ever crashing the JVM; {@link #open(int)} opens one device (context, stream factory,
 * NVRTC-compiled conversion kernels). The gateway maps {@code --device N} to {@code open(N)} and
 * {@code --no-gpu} to not calling this class at all.
 *
 * <p>Why the device-node check comes first: JavaCPP binds CUDA symbols lazily, and a host may carry
 * a stub or mismatched {@code libcuda.so.1} (CI uses an empty stub for NVRTC tests). Calling a
 * driver function through a library that lacks it would kill the process with a dynamic-linker
 * error that no Java code can catch, so without an NVIDIA device node no {@code cu*} call is made.
 */
public final class GpuRuntime {

    private GpuRuntime() {
    }

    /** Whether a CUDA device is usable here, with the devices or the reason. Never throws. */
    public static GpuProbe probe() {
        // Tests set this to exercise the library-loading failure path on hosts without a driver.
        boolean assumeNodes = Boolean.getBoolean("gevgate.gpu.assumeDeviceNodes");
        if (!assumeNodes && !Files.exists(Path.of("/dev/nvidiactl"))) {
            return GpuProbe.unavailable("/dev/nvidiactl does not exist (no NVIDIA kernel driver on this host)");
        }
        try {
            int rc = cuInit(0);
            if (rc != 0) {
                return GpuProbe.unavailable("cuInit returned " + Cuda.describe(rc));
            }
            int[] version = new int[1];
            Cuda.check(cuDriverGetVersion(version), "cuDriverGetVersion");
            int[] count = new int[1];
            Cuda.check(cuDeviceGetCount(count), "cuDeviceGetCount");
            if (count[0] == 0) {
                return GpuProbe.unavailable("the CUDA driver " + version[0] + " reports 0 devices");
            }
            List<GpuDeviceInfo> devices = new ArrayList<>();
            for (int d = 0; d < count[0]; d++) {
                devices.add(info(d));
            }
            return new GpuProbe(true, "", version[0], devices);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError (libcuda.so.1 / libcudart.so.13 missing) on the first touch,
            // NoClassDefFoundError on later ones.
            return GpuProbe.unavailable("cannot load the CUDA libraries (libcuda.so.1 from the NVIDIA driver, "
                    + "libcudart.so.13): " + e);
        } catch (RuntimeException e) {
            return GpuProbe.unavailable(e.getMessage());
        }
    }

    /**
     * Opens device {@code ordinal}: retains its primary context (the one CudaVmmSlotMemory uses, so
     * slot pointers are valid here) and compiles or loads the conversion kernels for its
     * architecture. Throws {@link GpuUnavailableException} when there is no such device.
     */
    public static GpuDevice open(int ordinal) {
        GpuProbe probe = probe();
        if (!probe.available()) {
            throw new GpuUnavailableException(probe.reason(), null);
        }
        if (ordinal < 0 || ordinal >= probe.devices().size()) {
            throw new GpuUnavailableException(String.format("device %d requested but the driver reports %d device(s)",
                    ordinal, probe.devices().size()), null);
        }
        return GpuDevice.open(probe.devices().get(ordinal), probe.driverVersion());
    }

    static GpuDeviceInfo info(int ordinal) {
        int[] major = new int[1];
        int[] minor = new int[1];
        Cuda.check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, ordinal), "cuDeviceGetAttribute(cc major)");
        Cuda.check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, ordinal), "cuDeviceGetAttribute(cc minor)");
        byte[] name = new byte[256];
        Cuda.check(cuDeviceGetName(name, name.length, ordinal), "cuDeviceGetName");
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        long total;
        try (org.bytedeco.javacpp.SizeTPointer bytes = new org.bytedeco.javacpp.SizeTPointer(1)) {
            Cuda.check(cuDeviceTotalMem(bytes, ordinal), "cuDeviceTotalMem");
            total = bytes.get();
        }
        return new GpuDeviceInfo(ordinal, new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII),
                major[0], minor[0], total);
    }
}
