package io.gevgate.bridge.memory;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.cuDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

/**
 * A CUDA kernel (compiled by NVRTC to CUBIN for the device's architecture) that writes the test
 * pattern {@code (seq*31 + i*7 + (i>>9)) & 0xFF} into device memory: frames "written by a kernel".
 */
public final class GpuPatternKernel {
    private static final String SOURCE = """
            extern "C" __global__ void pattern(unsigned char* p, unsigned long long seq, unsigned long long n) {
                unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x;
                if (i < n) p[i] = (unsigned char)(seq * 31ull + i * 7ull + (i >> 9));
            }
            """;

    private final int device;
    private final CUfunc_st function;

    public GpuPatternKernel(int device) {
        this.device = device;
        CudaVmmSlotMemory.makeCurrent(device);
        int[] major = new int[1];
        int[] minor = new int[1];
        CudaVmmSlotMemory.check(cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device), "cc major");
        CudaVmmSlotMemory.check(cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device), "cc minor");
        _nvrtcProgram prog = new _nvrtcProgram();
        nvrtcOk(nvrtcCreateProgram(prog, new BytePointer(SOURCE), new BytePointer("pattern.cu"), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", prog);
        String arch = "--gpu-architecture=sm_" + major[0] + minor[0];
        // The String... constructor builds a char*[]; PointerPointer(Pointer) would alias the string itself.
        int rc = nvrtcCompileProgram(prog, 1, new PointerPointer<>(arch));
        nvrtcOk(rc, "nvrtcCompileProgram(" + arch + ")", prog);
        SizeTPointer size = new SizeTPointer(1);
        nvrtcOk(nvrtcGetCUBINSize(prog, size), "nvrtcGetCUBINSize", prog);
        BytePointer cubin = new BytePointer(size.get());
        nvrtcOk(nvrtcGetCUBIN(prog, cubin), "nvrtcGetCUBIN", prog);
        CUmod_st module = new CUmod_st();
        CudaVmmSlotMemory.check(cuModuleLoadData(module, cubin), "cuModuleLoadData");
        function = new CUfunc_st();
        CudaVmmSlotMemory.check(cuModuleGetFunction(function, module, "pattern"), "cuModuleGetFunction");
    }

    private static void nvrtcOk(int rc, String call, _nvrtcProgram prog) {
        if (rc != 0) {
            String log = "";
            SizeTPointer n = new SizeTPointer(1);
            if (prog != null && nvrtcGetProgramLogSize(prog, n) == 0 && n.get() > 1) {
                BytePointer b = new BytePointer(n.get());
                nvrtcGetProgramLog(prog, b);
                log = b.getString();
            }
            throw new IllegalStateException(call + " failed: nvrtcResult " + rc + " " + log);
        }
    }

    /** Fills {@code n} bytes at {@code devicePtr} with frame {@code seq}'s pattern (asynchronous; publish synchronises). */
    public void fill(long devicePtr, long seq, long n) {
        CudaVmmSlotMemory.makeCurrent(device);
        LongPointer pArg = new LongPointer(1).put(devicePtr);
        LongPointer seqArg = new LongPointer(1).put(seq);
        LongPointer nArg = new LongPointer(1).put(n);
        PointerPointer<?> args = new PointerPointer<>(pArg, seqArg, nArg);
        int threads = 256;
        int blocks = (int) ((n + threads - 1) / threads);
        CudaVmmSlotMemory.check(cuLaunchKernel(function, blocks, 1, 1, threads, 1, 1, 0, (CUstream_st) null, args,
                (PointerPointer<?>) null), "cuLaunchKernel(pattern)");
    }
}
