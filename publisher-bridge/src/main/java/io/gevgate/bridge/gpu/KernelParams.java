package io.gevgate.bridge.gpu;

import io.gevgate.bridge.convert.YuvCoefficients;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes the kernels' single by-value argument, {@code struct Params} of conversions.cu (136 bytes,
 * 8-byte aligned), into native memory. The converter owns one block and rewrites it per frame:
 * cuLaunchKernel copies the bytes at launch time, so reuse is safe and costs no allocation.
 */
public final class KernelParams {

    /** sizeof(struct Params) in conversions.cu. */
    public static final int SIZE = 136;

    static final long SRC = 0;
    static final long SRC_STRIDE = 8;
    static final long DST0 = 16;
    static final long PITCH0 = 24;
    static final long DST1 = 32;
    static final long PITCH1 = 40;
    static final long WIDTH = 48;
    static final long HEIGHT = 52;
    static final long RED_X = 56;
    static final long RED_Y = 60;
    static final long VARIANT = 64;
    static final long COEFFICIENTS = 72;

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private KernelParams() {
    }

    /** Everything that stays the same for every frame of a plan (size, phase, variant, coefficients). */
    static void writeConstant(MemorySegment params, KernelPlan plan) {
        params.set(INT, WIDTH, plan.width());
        params.set(INT, HEIGHT, plan.height());
        params.set(INT, RED_X, plan.redX());
        params.set(INT, RED_Y, plan.redY());
        params.set(INT, VARIANT, plan.variant());
        params.set(INT, VARIANT + 4, 0);
        YuvCoefficients c = plan.coefficients();
        int[] values = {c.yR(), c.yG(), c.yB(), c.yOffset(), c.cbR(), c.cbG(), c.cbB(), c.crR(), c.crG(), c.crB(),
            c.kY(), c.kRV(), c.kGU(), c.kGV(), c.kBU(), 0};
        for (int i = 0; i < values.length; i++) {
            params.set(INT, COEFFICIENTS + 4L * i, values[i]);
        }
    }

    /** The per-frame addresses (device addresses on the GPU; host addresses in the host emulation). */
    static void writeAddresses(MemorySegment params, long src, long srcStride, long dst0, long pitch0,
                               long dst1, long pitch1) {
        params.set(LONG, SRC, src);
        params.set(LONG, SRC_STRIDE, srcStride);
        params.set(LONG, DST0, dst0);
        params.set(LONG, PITCH0, pitch0);
        params.set(LONG, DST1, dst1);
        params.set(LONG, PITCH1, pitch1);
    }
}
