package io.gevgate.bridge.gpu.bench;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.Nv12Geometry;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.gpu.DeviceBuffer;
import io.gevgate.bridge.gpu.GpuConverter;
import io.gevgate.bridge.gpu.GpuDevice;
import io.gevgate.bridge.gpu.GpuProbe;
import io.gevgate.bridge.gpu.GpuRuntime;
import io.gevgate.bridge.gpu.KernelPlan;
import io.gevgate.bridge.gpu.PinnedBuffer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.gevgate.bridge.gpu.NvrtcCompiler;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.cuda.cudart.CUstream_st;

import static org.bytedeco.cuda.global.cudart.CU_EVENT_DEFAULT;
import static org.bytedeco.cuda.global.cudart.cuEventCreate;
import static org.bytedeco.cuda.global.cudart.cuEventDestroy;
import static org.bytedeco.cuda.global.cudart.cuEventElapsedTime;
import static org.bytedeco.cuda.global.cudart.cuEventRecord;
import static org.bytedeco.cuda.global.cudart.cuEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync;
import static org.bytedeco.cuda.global.cudart.cuMemcpyHtoDAsync;

/**
 * GPU conversion benchmark (run by bench/gpu.sh or gpu-bundle/bench.sh on a GPU host). For
 * 1920x1080 and 3840x2160, Mono8, BayerRG8 and BayerRG12p -> NV12 (BT.601 limited):
 * <ul>
 *   <li>kernel time from CUDA events over N back-to-back launches on the camera's stream;</li>
 *   <li>achieved bandwidth = (source bytes + NV12 bytes) / kernel time, against a device-to-device
 *       cuMemcpy that moves the same number of bytes (copies half of them: read + write), measured
 *       in the same run, same stream;</li>
 *   <li>H2D of one frame from pinned memory (the submit path) against the peak of a 256 MiB pinned
 *       cuMemcpyHtoD measured in the same run;</li>
 *   <li>the whole submit() (pinned H2D + kernel, events) per frame.</li>
 * </ul>
 * Every timed batch is queued behind a 40 ms spin kernel, so the events time the GPU, not the
 * host's enqueue rate. Prints a table and writes JSON (args[0], default bench/results/gpu.json).
 */
public final class GpuBenchmark {

    private static final int WARMUP = 30;
    private static final int ITERATIONS = 300;
    private static final long SPIN_NANOS = 40_000_000L; // > the host's time to enqueue one timed batch

    private GpuBenchmark() {
    }

    record Row(String layout, int width, int height, String kernel, boolean defaultPlan, long srcBytes, long dstBytes,
               double kernelUs, double kernelGBs, double copyUs, double copyGBs, double ratio, double h2dUs, double h2dGBs,
               double h2dPeakGBs, double h2dRatio, double submitUs, int registers, int localBytes) {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/gpu.json");
        GpuProbe probe = GpuRuntime.probe();
        System.out.println(probe.describe());
        if (!probe.available()) {
            System.err.println("gpu benchmark: " + probe.describe());
            System.exit(2);
        }
        try (GpuDevice device = GpuRuntime.open(0)) {
            System.out.println(device);
            System.out.println("kernels: " + device.kernelOrigin());
            device.makeCurrent();
            loadSpin(device);
            double peak = h2dPeak(device);
            System.out.printf(Locale.ROOT, "pinned cuMemcpyHtoD peak (256 MiB, best of 5): %.2f GB/s%n", peak);
            List<Row> rows = new ArrayList<>();
            int[][] sizes = {{1920, 1080}, {3840, 2160}};
            InputLayout[] layouts = {InputLayout.MONO8, InputLayout.BAYER_RG8, InputLayout.BAYER_RG12P};
            for (int[] size : sizes) {
                for (InputLayout layout : layouts) {
                    if (layout.family() == InputLayout.Family.BAYER) {
                        // every Bayer -> NV12 tile kernel (same bytes, tested), the default marked
                        for (KernelPlan.BayerTile tile : KernelPlan.BayerTile.values()) {
                            rows.add(measure(device, layout, size[0], size[1], peak, tile));
                        }
                    } else {
                        rows.add(measure(device, layout, size[0], size[1], peak, null));
                    }
                }
            }
            printTable(rows);
            List<NppCfaComparison.Result> npp = NppCfaComparison.run(device, sizes);
            writeJson(out, device, probe, peak, rows, npp);
            System.out.println("wrote " + out.toAbsolutePath());
        }
    }

    private static Row measure(GpuDevice device, InputLayout layout, int width, int height, double peak,
                               KernelPlan.BayerTile tile) {
        ConversionSpec spec = new ConversionSpec(layout, width, height, YuvMatrix.BT601, YuvRange.LIMITED);
        long stride = layout.rowBytes(width);
        long srcBytes = stride * height;
        long yBytes = (long) width * height;
        long uvPitch = Nv12Geometry.uvRowBytes(width);
        long dstBytes = yBytes + uvPitch * Nv12Geometry.uvRows(height);
        long copyBytes = (srcBytes + dstBytes) / 2; // a copy of this many bytes reads + writes srcBytes + dstBytes
        String defaultKernel = KernelPlan.of(spec, OutputFormat.NV12).kernel();
        try (GpuConverter converter = tile == null ? device.converter(spec, OutputFormat.NV12, 4)
                : device.converter(spec, OutputFormat.NV12, 4, tile);
             PinnedBuffer host = device.allocatePinned(srcBytes);
             DeviceBuffer src = device.allocateDevice(srcBytes);
             DeviceBuffer dst = device.allocateDevice(dstBytes);
             DeviceBuffer copySrc = device.allocateDevice(copyBytes);
             DeviceBuffer copyDst = device.allocateDevice(copyBytes);
             Timer timer = new Timer(converter.stream())) {
            SplittableRandom random = new SplittableRandom(42);
            MemorySegment seg = host.segment();
            for (long i = 0; i < srcBytes; i += 8) {
                long v = random.nextLong();
                for (int b = 0; b < 8 && i + b < srcBytes; b++) {
                    seg.set(ValueLayout.JAVA_BYTE, i + b, (byte) (v >>> (8 * b)));
                }
            }
            src.upload(0, seg);
            long yPtr = dst.address();
            long uvPtr = dst.address() + yBytes;
            CUstream_st stream = converter.stream();

            for (int i = 0; i < WARMUP; i++) {
                converter.launchOnly(src.address(), stride, yPtr, width, uvPtr, uvPitch);
            }
            timer.start();
            for (int i = 0; i < ITERATIONS; i++) {
                converter.launchOnly(src.address(), stride, yPtr, width, uvPtr, uvPitch);
            }
            double kernelUs = timer.stopMicros() / ITERATIONS;

            for (int i = 0; i < WARMUP; i++) {
                check(cuMemcpyDtoDAsync(copyDst.address(), copySrc.address(), copyBytes, stream), "cuMemcpyDtoDAsync");
            }
            timer.start();
            for (int i = 0; i < ITERATIONS; i++) {
                check(cuMemcpyDtoDAsync(copyDst.address(), copySrc.address(), copyBytes, stream), "cuMemcpyDtoDAsync");
            }
            double copyUs = timer.stopMicros() / ITERATIONS;

            org.bytedeco.javacpp.Pointer hostPtr = new org.bytedeco.javacpp.Pointer() {
                {
                    address = seg.address();
                }
            };
            for (int i = 0; i < WARMUP; i++) {
                check(cuMemcpyHtoDAsync(src.address(), hostPtr, srcBytes, stream), "cuMemcpyHtoDAsync");
            }
            timer.start();
            for (int i = 0; i < ITERATIONS; i++) {
                check(cuMemcpyHtoDAsync(src.address(), hostPtr, srcBytes, stream), "cuMemcpyHtoDAsync");
            }
            double h2dUs = timer.stopMicros() / ITERATIONS;

            for (int i = 0; i < WARMUP; i++) {
                converter.submit(seg, stride, yPtr, width, uvPtr, uvPitch);
            }
            timer.start();
            for (int i = 0; i < ITERATIONS; i++) {
                converter.submit(seg, stride, yPtr, width, uvPtr, uvPitch);
            }
            double submitUs = timer.stopMicros() / ITERATIONS;
            if (converter.unpinnedSubmits() != 0) {
                throw new IllegalStateException("benchmark source was not recognised as pinned");
            }

            double moved = srcBytes + dstBytes;
            double kernelGBs = moved / kernelUs / 1e3;
            double copyGBs = 2.0 * copyBytes / copyUs / 1e3;
            double h2dGBs = srcBytes / h2dUs / 1e3;
            String kernel = converter.plan().kernel();
            return new Row(layout.name(), width, height, kernel, kernel.equals(defaultKernel), srcBytes, dstBytes,
                    kernelUs, kernelGBs, copyUs, copyGBs, kernelGBs / copyGBs, h2dUs, h2dGBs, peak, h2dGBs / peak, submitUs,
                    converter.kernelRegisters(), converter.kernelLocalBytes());
        }
    }

    private static double h2dPeak(GpuDevice device) {
        long bytes = 256L << 20;
        try (PinnedBuffer host = device.allocatePinned(bytes);
             DeviceBuffer dst = device.allocateDevice(bytes);
             GpuConverter any = device.converter(ConversionSpec.of(InputLayout.MONO8, 2, 2), OutputFormat.NV12, 1);
             Timer timer = new Timer(any.stream())) {
            host.segment().fill((byte) 1);
            org.bytedeco.javacpp.Pointer hostPtr = new org.bytedeco.javacpp.Pointer() {
                {
                    address = host.segment().address();
                }
            };
            double best = 0;
            for (int i = 0; i < 6; i++) {
                timer.start();
                check(cuMemcpyHtoDAsync(dst.address(), hostPtr, bytes, any.stream()), "cuMemcpyHtoDAsync(peak)");
                double us = timer.stopMicros();
                if (i > 0) {
                    best = Math.max(best, bytes / us / 1e3);
                }
            }
            return best;
        }
    }

    private static void printTable(List<Row> rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-12s %-10s %-28s %9s %9s %10s %9s %10s %9s %9s %7s %10s %5s %6s%n", "layout", "size",
                "kernel (* = default)", "kernel us", "GB/s", "D2D us", "D2D GB/s", "conv/D2D", "H2D us", "H2D GB/s",
                "H2D/pk", "submit us", "regs", "local");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-12s %-10s %-28s %9.2f %9.1f %10.2f %9.1f %9.1f%% %9.1f %9.2f %6.1f%% %10.1f %5d %6d%n",
                    r.layout(), r.width() + "x" + r.height(), (r.defaultPlan() ? "* " : "  ") + r.kernel(), r.kernelUs(),
                    r.kernelGBs(), r.copyUs(), r.copyGBs(), 100 * r.ratio(), r.h2dUs(), r.h2dGBs(), 100 * r.h2dRatio(),
                    r.submitUs(), r.registers(), r.localBytes());
        }
        System.out.println();
    }

    private static void writeJson(Path out, GpuDevice device, GpuProbe probe, double peak, List<Row> rows,
                                  List<NppCfaComparison.Result> npp) throws IOException {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"benchmark\": \"gpu-convert\",\n");
        json.append("  \"device\": \"").append(device.info().name()).append("\",\n");
        json.append("  \"arch\": \"").append(device.info().arch()).append("\",\n");
        json.append("  \"driver\": ").append(probe.driverVersion()).append(",\n");
        json.append("  \"kernels\": \"").append(device.kernelOrigin().replace("\\", "/").replace("\"", "'")).append("\",\n");
        json.append("  \"iterations\": ").append(ITERATIONS).append(",\n");
        json.append(String.format(Locale.ROOT, "  \"h2d_peak_gb_s\": %.3f,%n", peak));
        json.append("  \"results\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            json.append(String.format(Locale.ROOT, "    {\"layout\": \"%s\", \"output\": \"NV12\", \"width\": %d, \"height\": %d, "
                    + "\"kernel\": \"%s\", \"default\": %b, \"src_bytes\": %d, \"dst_bytes\": %d, \"kernel_us\": %.3f, \"kernel_gb_s\": %.2f, "
                    + "\"d2d_copy_us\": %.3f, \"d2d_copy_gb_s\": %.2f, \"kernel_vs_d2d\": %.4f, "
                    + "\"h2d_us\": %.3f, \"h2d_gb_s\": %.3f, \"h2d_vs_peak\": %.4f, \"submit_us\": %.3f, "
                    + "\"registers\": %d, \"local_bytes\": %d}%s%n",
                    r.layout(), r.width(), r.height(), r.kernel(), r.defaultPlan(), r.srcBytes(), r.dstBytes(), r.kernelUs(), r.kernelGBs(),
                    r.copyUs(), r.copyGBs(), r.ratio(), r.h2dUs(), r.h2dGBs(), r.h2dRatio(), r.submitUs(),
                    r.registers(), r.localBytes(), i + 1 < rows.size() ? "," : ""));
        }
        json.append("  ],\n  \"npp_cfa_to_rgb\": [\n");
        for (int i = 0; i < npp.size(); i++) {
            json.append("    ").append(npp.get(i).json()).append(i + 1 < npp.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, json);
    }

    static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed: CUresult " + rc);
        }
    }

    /**
     * Holds the stream busy for a while so that the host can enqueue the whole timed batch before
     * the GPU starts it: without it, back-to-back operations shorter than the host's enqueue cost
     * (a few us per JNI + driver call) would time the host, not the GPU.
     */
    private static final String SPIN_SOURCE = """
            extern "C" __global__ void spin(unsigned long long ns) {
                unsigned long long t0, t;
                asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t0));
                do { asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t)); } while (t - t0 < ns);
            }
            """;
    private static CUfunc_st spin;

    static void loadSpin(GpuDevice device) {
        byte[] cubin = NvrtcCompiler.compileCubin(SPIN_SOURCE, "spin.cu", device.info().arch());
        CUmod_st module = new CUmod_st();
        check(cuModuleLoadData(module, new BytePointer(cubin)), "cuModuleLoadData(spin)");
        spin = new CUfunc_st();
        check(cuModuleGetFunction(spin, module, "spin"), "cuModuleGetFunction(spin)");
    }

    /** A pair of timing events on one stream; each timed batch queued behind the spin kernel. */
    static final class Timer implements AutoCloseable {
        private final CUstream_st stream;
        private final CUevent_st begin = new CUevent_st();
        private final CUevent_st end = new CUevent_st();
        private final LongPointer spinNanos = new LongPointer(1).put(SPIN_NANOS);
        private final PointerPointer<?> spinArgs = new PointerPointer<LongPointer>(1).put(0, spinNanos);

        Timer(CUstream_st stream) {
            this.stream = stream;
            check(cuEventCreate(begin, CU_EVENT_DEFAULT), "cuEventCreate");
            check(cuEventCreate(end, CU_EVENT_DEFAULT), "cuEventCreate");
        }

        void start() {
            check(cuLaunchKernel(spin, 1, 1, 1, 1, 1, 1, 0, stream, spinArgs, (PointerPointer<?>) null), "spin");
            check(cuEventRecord(begin, stream), "cuEventRecord");
        }

        double stopMicros() {
            check(cuEventRecord(end, stream), "cuEventRecord");
            check(cuEventSynchronize(end), "cuEventSynchronize");
            float[] ms = new float[1];
            check(cuEventElapsedTime(ms, begin, end), "cuEventElapsedTime");
            return ms[0] * 1000.0;
        }

        @Override
        public void close() {
            cuEventDestroy(begin);
            cuEventDestroy(end);
        }
    }
}
