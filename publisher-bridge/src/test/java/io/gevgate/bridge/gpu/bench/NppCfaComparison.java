package io.gevgate.bridge.gpu.bench;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.gpu.DeviceBuffer;
import io.gevgate.bridge.gpu.GpuConverter;
import io.gevgate.bridge.gpu.GpuDevice;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.bytedeco.cuda.nppc.NppLibraryVersion;
import org.bytedeco.cuda.nppc.NppStreamContext;
import org.bytedeco.cuda.nppc.NppiRect;
import org.bytedeco.cuda.nppc.NppiSize;
import org.bytedeco.javacpp.BytePointer;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static org.bytedeco.cuda.global.cudart.CU_STREAM_NON_BLOCKING;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.nppc.NPPI_BAYER_RGGB;
import static org.bytedeco.cuda.global.nppc.NPPI_INTER_UNDEFINED;
import static org.bytedeco.cuda.global.nppc.nppGetLibVersion;
import static org.bytedeco.cuda.global.nppicc.nppiCFAToRGB_8u_C1C3R_Ctx;

/**
 * NPP's CFA -> RGB ({@code nppiCFAToRGB_8u_C1C3R_Ctx}, the host's libnppicc through JavaCPP's
 * nppicc preset: the JNI glue is in the cuda linux-x86_64 jar already bundled, the .so comes from
 * the GPU host's CUDA toolkit) against gevgate's own demosaic on the same BayerRG8 frame:
 * <ul>
 *   <li>time: NPP CFA -> RGB (3 bytes/pixel) vs our Bayer -> RGBA kernel (the closest output: demosaic
 *       only) and our Bayer -> NV12 kernel (what the gateway runs), CUDA events, same stream;</li>
 *   <li>bytes: NPP's R, G, B against our RGBA's R, G, B (= the CPU reference, bit-identical by the
 *       tests): pixels that differ, split into the 1-pixel border and the interior, and the
 *       largest and mean absolute difference per channel value.</li>
 * </ul>
 * Any failure to load or run NPP is reported as the result ("NPP unavailable: ...") and the rest of
 * the benchmark goes on.
 */
final class NppCfaComparison {

    private static final int WARMUP = 20;
    private static final int ITERATIONS = 200;

    private NppCfaComparison() {
    }

    record Result(int width, int height, String npp, double nppUs, double oursRgbaUs, double oursNv12Us,
                  long pixels, long differingPixels, long differingInterior, long differingBorder, int maxAbsDiff,
                  double meanAbsDiff, String error) {

        String json() {
            if (error != null) {
                return String.format(Locale.ROOT, "{\"width\": %d, \"height\": %d, \"error\": \"%s\"}", width, height,
                        error.replace("\"", "'").replace("\\", "/"));
            }
            return String.format(Locale.ROOT, "{\"width\": %d, \"height\": %d, \"npp\": \"%s\", "
                            + "\"npp_cfa_to_rgb_us\": %.3f, \"ours_bayer_to_rgba_us\": %.3f, \"ours_bayer_to_nv12_us\": %.3f, "
                            + "\"pixels\": %d, \"differing_pixels\": %d, \"differing_interior\": %d, \"differing_border\": %d, "
                            + "\"max_abs_diff\": %d, \"mean_abs_diff_per_value\": %.4f}",
                    width, height, npp, nppUs, oursRgbaUs, oursNv12Us, pixels, differingPixels, differingInterior,
                    differingBorder, maxAbsDiff, meanAbsDiff);
        }
    }

    static List<Result> run(GpuDevice device, int[][] sizes) {
        List<Result> results = new ArrayList<>();
        String version;
        try {
            NppLibraryVersion v = nppGetLibVersion();
            version = "NPP " + v.major() + "." + v.minor() + "." + v.build();
        } catch (Throwable t) {
            String why = "NPP unavailable: " + t;
            System.out.println(why);
            for (int[] size : sizes) {
                results.add(new Result(size[0], size[1], null, 0, 0, 0, 0, 0, 0, 0, 0, 0, why));
            }
            return results;
        }
        System.out.println(version + " (host library)");
        for (int[] size : sizes) {
            try {
                results.add(compare(device, size[0], size[1], version));
            } catch (Throwable t) {
                System.out.println("NPP comparison " + size[0] + "x" + size[1] + " failed: " + t);
                results.add(new Result(size[0], size[1], version, 0, 0, 0, 0, 0, 0, 0, 0, 0, t.toString()));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %14s %16s %16s %12s %12s %10s %8s %9s%n", "size", "NPP CFA->RGB us",
                "ours Bayer->RGBA", "ours Bayer->NV12", "differ px", "interior", "border", "max |d|", "mean |d|");
        for (Result r : results) {
            if (r.error() != null) {
                System.out.printf(Locale.ROOT, "%-10s %s%n", r.width() + "x" + r.height(), r.error());
            } else {
                System.out.printf(Locale.ROOT, "%-10s %14.2f %16.2f %16.2f %12d %12d %10d %8d %9.4f%n",
                        r.width() + "x" + r.height(), r.nppUs(), r.oursRgbaUs(), r.oursNv12Us(), r.differingPixels(),
                        r.differingInterior(), r.differingBorder(), r.maxAbsDiff(), r.meanAbsDiff());
            }
        }
        System.out.println();
        return results;
    }

    private static Result compare(GpuDevice device, int width, int height, String version) {
        ConversionSpec spec = new ConversionSpec(InputLayout.BAYER_RG8, width, height, YuvMatrix.BT601, YuvRange.LIMITED);
        long srcBytes = (long) width * height;
        long rgbPitch = 3L * width;
        long rgbaPitch = 4L * width;
        try (GpuConverter rgba = device.converter(spec, OutputFormat.RGBA8, 2);
             GpuConverter nv12 = device.converter(spec, OutputFormat.NV12, 2);
             DeviceBuffer src = device.allocateDevice(srcBytes);
             DeviceBuffer rgb = device.allocateDevice(rgbPitch * height);
             DeviceBuffer rgbaOut = device.allocateDevice(rgbaPitch * height);
             DeviceBuffer nv12Out = device.allocateDevice(srcBytes * 3 / 2 + width);
             GpuBenchmark.Timer timer = new GpuBenchmark.Timer(rgba.stream());
             Arena arena = Arena.ofConfined();
             NppStreamContext ctx = streamContext(device, rgba);
             NppiSize size = new NppiSize().width(width).height(height);
             NppiRect roi = new NppiRect().x(0).y(0).width(width).height(height)) {
            MemorySegment host = arena.allocate(srcBytes, 64);
            SplittableRandom random = new SplittableRandom(42);
            for (long i = 0; i < srcBytes; i++) {
                host.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
            }
            src.upload(0, host);
            BytePointer srcPtr = devicePointer(src.address());
            BytePointer rgbPtr = devicePointer(rgb.address());
            Runnable npp = () -> GpuBenchmark.check(nppiCFAToRGB_8u_C1C3R_Ctx(srcPtr, width, size, roi, rgbPtr,
                    (int) rgbPitch, NPPI_BAYER_RGGB, NPPI_INTER_UNDEFINED, ctx), "nppiCFAToRGB_8u_C1C3R_Ctx");
            Runnable ours = () -> rgba.launchOnly(src.address(), width, rgbaOut.address(), rgbaPitch, 0, 0);
            long uv = nv12Out.address() + srcBytes;
            Runnable oursNv12 = () -> nv12.launchOnly(src.address(), width, nv12Out.address(), width, uv,
                    (width + 1) / 2 * 2);
            double nppUs = time(timer, npp);
            double oursUs = time(timer, ours);
            double oursNv12Us;
            try (GpuBenchmark.Timer nv12Timer = new GpuBenchmark.Timer(nv12.stream())) { // its own stream
                oursNv12Us = time(nv12Timer, oursNv12);
            }
            rgba.synchronize();
            MemorySegment a = arena.allocate(rgbPitch * height);
            MemorySegment b = arena.allocate(rgbaPitch * height);
            rgb.download(0, a);
            rgbaOut.download(0, b);
            long differ = 0;
            long border = 0;
            long sum = 0;
            int max = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean diff = false;
                    for (int ch = 0; ch < 3; ch++) {
                        int n = a.get(ValueLayout.JAVA_BYTE, y * rgbPitch + 3L * x + ch) & 0xFF;
                        int o = b.get(ValueLayout.JAVA_BYTE, y * rgbaPitch + 4L * x + ch) & 0xFF;
                        int d = Math.abs(n - o);
                        if (d != 0) {
                            diff = true;
                            sum += d;
                            max = Math.max(max, d);
                        }
                    }
                    if (diff) {
                        differ++;
                        if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                            border++;
                        }
                    }
                }
            }
            long pixels = (long) width * height;
            return new Result(width, height, version, nppUs, oursUs, oursNv12Us, pixels, differ, differ - border,
                    border, max, sum / (3.0 * pixels), null);
        }
    }

    private static double time(GpuBenchmark.Timer timer, Runnable op) {
        for (int i = 0; i < WARMUP; i++) {
            op.run();
        }
        timer.start();
        for (int i = 0; i < ITERATIONS; i++) {
            op.run();
        }
        return timer.stopMicros() / ITERATIONS;
    }

    /** NPP's stream context for the converter's stream, filled from the device's attributes. */
    private static NppStreamContext streamContext(GpuDevice device, GpuConverter on) {
        int dev = device.info().ordinal();
        NppStreamContext ctx = new NppStreamContext();
        ctx.hStream(on.stream());
        ctx.nCudaDeviceId(dev);
        ctx.nMultiProcessorCount(attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev));
        ctx.nMaxThreadsPerMultiProcessor(attribute(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_MULTIPROCESSOR, dev));
        ctx.nMaxThreadsPerBlock(attribute(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK, dev));
        ctx.nSharedMemPerBlock(attribute(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK, dev));
        ctx.nCudaDevAttrComputeCapabilityMajor(attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev));
        ctx.nCudaDevAttrComputeCapabilityMinor(attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev));
        ctx.nStreamFlags(CU_STREAM_NON_BLOCKING);
        return ctx;
    }

    private static int attribute(int attribute, int dev) {
        int[] value = new int[1];
        GpuBenchmark.check(cuDeviceGetAttribute(value, attribute, dev), "cuDeviceGetAttribute(" + attribute + ")");
        return value[0];
    }

    /** A JavaCPP pointer holding a raw device address (no ownership). */
    private static BytePointer devicePointer(long deviceAddress) {
        // not named "address": inside the anonymous subclass that name is Pointer's own field
        return new BytePointer() {
            {
                this.address = deviceAddress;
            }
        };
    }
}
