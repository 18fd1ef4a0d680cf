// Kernel variants timed by driver.cu: the production bodies under the production launch bounds
// (names k_<tile>_<decoder>), the previous code for comparison in the same run (o_..., from
// conversions_r2.cu = the committed file or build.sh's commit argument, namespace r2; the o_
// kernels use the third-round API: smemLoad/smemCompute, 32x8 blocks), and experimental ones. VARIANT_LIST feeds the driver's table.
#define K_PLAIN(NAME, BODY, P, B) extern "C" __global__ void NAME(const Params p) { BODY<P, B>(p); }
#define K_BOUND(NAME, BODY, P, B, MINB) extern "C" __global__ void __launch_bounds__(256, MINB) NAME(const Params p) { BODY<P, B>(p); }
// Block-shared kernels of the fourth round: BX x BY threads, PASSES tiles of 8x2 per thread.
#define K_SMEM(NAME, P, B, BX, BY, PASSES, MINB)                                        \
    extern "C" __global__ void __launch_bounds__(BX * BY, MINB) NAME(const Params p) {  \
        __shared__ u64 tile[(2 * BY * PASSES + 2) * (BX + 2)];                          \
        smemKernel<P, B, BX, BY, PASSES>(p, tile);                                      \
    }
#define K_SMEMH(NAME, P, B, BX, BY, PASSES, MINB, EARLY)                                \
    extern "C" __global__ void __launch_bounds__(BX * BY, MINB) NAME(const Params p) {  \
        __shared__ u64 tile[(2 * BY * PASSES + 2) * (BX + 2)];                          \
        smemKernel<P, B, BX, BY, PASSES, EARLY>(p, tile);                               \
    }
#define K_SMEM2(NAME, BX, BY, PASSES, MINB) K_SMEM(NAME##_u8, P_U8, 8, BX, BY, PASSES, MINB) \
    K_SMEM(NAME##_lsb_12, P_LSB, 12, BX, BY, PASSES, MINB)

K_PLAIN(k_4x2_u8, bayerNv12_4x2, P_U8, 8)
K_PLAIN(k_4x2_lsb_12, bayerNv12_4x2, P_LSB, 12)
extern "C" __global__ void __launch_bounds__(128, 8) k_8x2r_u8(const Params p) { bayerNv12_8x2r<P_U8, 8>(p); }
extern "C" __global__ void __launch_bounds__(128, 8) k_8x2r_lsb_12(const Params p) { bayerNv12_8x2r<P_LSB, 12>(p); }
// Round 4. Run 1 timed 32x8 / 16x8 / 16x16 blocks, one or two passes (PASSES = 2: the loads of the
// second pass in flight while the first is computed) and 85 registers; run 2 16x8 with 72 registers,
// 8x8 and 8x16 blocks, and the halo fetched by one lane per row (both sides) instead of one lane
// per sample (bench/results/bayer-driver-h100-round4-run{1,2}.txt). Run 3: the halo loads issued
// with the group loads (EARLY_HALO, production) against after the group decode.
K_SMEM2(k_s8x2r4, 32, 8, 1, 4)      // s8x2 (production): 32x8 threads
K_SMEM2(k_s8x2n8, 16, 8, 1, 8)      // s8x2n (production): 16x8 threads
K_SMEMH(k_s8x2h8_u8, P_U8, 8, 16, 8, 1, 8, false)          // 16x8, halo loaded after the group decode (run 2)
K_SMEMH(k_s8x2h8_lsb_12, P_LSB, 12, 16, 8, 1, 8, false)
K_SMEMH(k_s8x2hr4_u8, P_U8, 8, 32, 8, 1, 4, false)         // 32x8, halo loaded after the group decode
K_SMEMH(k_s8x2hr4_lsb_12, P_LSB, 12, 32, 8, 1, 4, false)
K_SMEM2(k_s8x2d4, 32, 8, 2, 4)      // two passes per block (run 1: slower)

#ifdef WITH_R2
extern "C" __global__ void o_8x2_u8(const r2::Params p) { r2::bayerNv12_8x2<r2::P_U8, 8>(p); }
extern "C" __global__ void __launch_bounds__(256, 4) o_8x2r_u8(const r2::Params p) { r2::bayerNv12_8x2r<r2::P_U8, 8>(p); }
extern "C" __global__ void __launch_bounds__(256, 4) o_s8x2_lsb_12(const r2::Params p) {
    __shared__ r2::u64 tile[18 * r2::SM_GROUPS];
    r2::smemLoad<r2::P_LSB, 12, 1>(p, tile);
    __syncthreads();
    r2::smemCompute<1>(p, tile);
}
extern "C" __global__ void __launch_bounds__(256, 4) o_s8x2_u8(const r2::Params p) {
    __shared__ r2::u64 tile[18 * r2::SM_GROUPS];
    r2::smemLoad<r2::P_U8, 8, 1>(p, tile);
    __syncthreads();
    r2::smemCompute<1>(p, tile);
}
#define R2_U8 V8(o_8x2, 8, 2, 0), V8(o_8x2r, 8, 2, 0),
#define R2_12 V12(o_s8x2, 8, 2, 0),
#else
#define R2_U8
#define R2_12
#endif

#ifdef WITH_X // an experimental copy of conversions.cu ($X), namespace x: its s8x2n against ours
extern "C" __global__ void __launch_bounds__(128, 8) x_8x2r_u8(const x::Params p) { x::bayerNv12_8x2r<x::P_U8, 8>(p); }
#define XS(NAME, P, B) extern "C" __global__ void __launch_bounds__(128, 8) NAME(const x::Params p) { \
    __shared__ x::u64 tile[18 * 18]; x::smemKernel<P, B, 16, 8, 1>(p, tile); }
XS(x_s8x2n8_u8, x::P_U8, 8)
XS(x_s8x2n8_lsb_12, x::P_LSB, 12)
#define X_U8 V8B(x_8x2r, 8, 2, 16, 8), V8B(x_s8x2n8, 8, 2, 16, 8),
#define X_12 V12B(x_s8x2n8, 8, 2, 16, 8),
#else
#define X_U8
#define X_12
#endif

// tile height 4 for two-pass kernels: ceil(ceil(H/4)/BY) = ceil(H/(4*BY)) blocks vertically
#define SMEM_VARIANTS(V) \
    V(k_s8x2r4, 8, 2, 32, 8), V(k_s8x2hr4, 8, 2, 32, 8), V(k_s8x2n8, 8, 2, 16, 8), V(k_s8x2h8, 8, 2, 16, 8), \
    V(k_s8x2d4, 8, 4, 32, 8),
#define VARIANT_LIST \
    V8(k_4x2, 4, 2, 0), R2_U8 V8B(k_8x2r, 8, 2, 16, 8), SMEM_VARIANTS(V8B) X_U8 \
    V12(k_4x2, 4, 2, 0), R2_12 V12B(k_8x2r, 8, 2, 16, 8), SMEM_VARIANTS(V12B) X_12
