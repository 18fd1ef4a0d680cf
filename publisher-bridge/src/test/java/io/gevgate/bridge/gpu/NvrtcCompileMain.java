package io.gevgate.bridge.gpu;

import java.nio.file.Path;

/**
 * Child-JVM entry of {@link NvrtcStubCompileTest}: compiles the conversion kernels with NVRTC to a
 * CUBIN for the architecture in args[1] into the cache directory args[0], then loads it again from
 * the cache. Runs with a stub libcuda.so.1 (no GPU): only NVRTC is called, never a cu* function.
 * Prints "CUBIN <arch> <bytes> <nvrtc> compiled|cached" lines; exit 0 on success.
 */
public final class NvrtcCompileMain {

    private NvrtcCompileMain() {
    }

    public static void main(String[] args) {
        CubinCache cache = new CubinCache(Path.of(args[0]));
        for (int round = 0; round < 2; round++) {
            GpuKernels.Cubin cubin = GpuKernels.cubinFor(args[1], cache);
            byte[] b = cubin.bytes();
            boolean elf = b.length > 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
            System.out.printf("CUBIN %s %d %s %s elf=%b%n", cubin.arch(), b.length, cubin.nvrtcVersion(),
                    cubin.fromCache() ? "cached" : "compiled", elf);
            if (!elf) {
                System.exit(3);
            }
        }
    }
}
