package io.gevgate.bridge.gpu;

import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

/**
 * NVRTC to CUBIN for a real architecture ({@code --gpu-architecture=sm_XX}). CUBIN, not PTX: PTX
 * from an NVRTC newer than the driver (e.g. NVRTC 13.1 on a 13.0 driver) cannot be JIT-compiled by
 * that driver, while a CUBIN for the device's own architecture loads on any driver that supports
 * the GPU. Needs only libnvrtc (no GPU, no driver call), which is what the CI stub test relies on.
 */
public final class NvrtcCompiler {

    private NvrtcCompiler() {
    }

    /** "major.minor" of the loaded NVRTC library. */
    public static String version() {
        int[] major = new int[1];
        int[] minor = new int[1];
        check(nvrtcVersion(major, minor), "nvrtcVersion", null);
        return major[0] + "." + minor[0];
    }

    /** Compiles {@code source} for {@code arch} (e.g. "sm_90") and returns the CUBIN bytes. */
    public static byte[] compileCubin(String source, String name, String arch, String... extraOptions) {
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(name), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", null);
        try {
            String[] options = new String[extraOptions.length + 1];
            options[0] = "--gpu-architecture=" + arch;
            System.arraycopy(extraOptions, 0, options, 1, extraOptions.length);
            PointerPointer<BytePointer> opts = new PointerPointer<>(options);
            int rc = nvrtcCompileProgram(program, options.length, opts);
            check(rc, "nvrtcCompileProgram(" + String.join(" ", options) + ")", program);
            try (SizeTPointer size = new SizeTPointer(1)) {
                check(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", program);
                byte[] cubin = new byte[(int) size.get()];
                check(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN", program);
                return cubin;
            }
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static void check(int rc, String call, _nvrtcProgram program) {
        if (rc == 0) {
            return;
        }
        String text = nvrtcGetErrorString(rc).getString();
        String log = "";
        if (program != null) {
            try (SizeTPointer n = new SizeTPointer(1)) {
                if (nvrtcGetProgramLogSize(program, n) == 0 && n.get() > 1) {
                    BytePointer b = new BytePointer(n.get());
                    nvrtcGetProgramLog(program, b);
                    log = "\n" + b.getString();
                }
            }
        }
        throw new GpuException(call, rc, text + log);
    }
}
