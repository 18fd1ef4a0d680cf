// Kernel variants timed by driver.cu: the production bodies under the production launch bounds
// (names k_<tile>_<decoder>), the second-round code for comparison in the same run (o_..., from
// conversions_r2.cu = the file before the third round, put into namespace r2 by build.sh), and
// experimental ones. VARIANT_LIST feeds the driver's table.
#define K_PLAIN(NAME, BODY, P, B) extern "C" __global__ void NAME(const Params p) { BODY<P, B>(p); }
#define K_BOUND(NAME, BODY, P, B, MINB) extern "C" __global__ void __launch_bounds__(256, MINB) NAME(const Params p) { BODY<P, B>(p); }
#define K_SMEM(NAME, NS, P, B, MINB)                                                    \
    extern "C" __global__ void __launch_bounds__(256, MINB) NAME(const Params p) {      \
        __shared__ u64 tile[18 * SM_GROUPS];                                            \
        NS::smemLoad<P, B, 1>(p, tile);                                                 \
        __syncthreads();                                                                \
        NS::smemCompute<1>(p, tile);                                                    \
    }

K_PLAIN(k_4x2_u8, bayerNv12_4x2, P_U8, 8)
K_PLAIN(k_4x2_lsb_12, bayerNv12_4x2, P_LSB, 12)
K_PLAIN(k_8x2_u8, bayerNv12_8x2, P_U8, 8)
K_PLAIN(k_8x2_lsb_12, bayerNv12_8x2, P_LSB, 12)
extern "C" __global__ void __launch_bounds__(128, 8) k_8x2r_u8(const Params p) { bayerNv12_8x2r<P_U8, 8>(p); }
extern "C" __global__ void __launch_bounds__(128, 8) k_8x2r_lsb_12(const Params p) { bayerNv12_8x2r<P_LSB, 12>(p); }
K_SMEM(k_s8x2r4_u8, , P_U8, 8, 4)
K_SMEM(k_s8x2r4_lsb_12, , P_LSB, 12, 4)

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

#ifdef WITH_X
extern "C" __global__ void x_8x2_u8(const x::Params p) { x::bayerNv12_8x2<x::P_U8, 8>(p); }
extern "C" __global__ void __launch_bounds__(256, 4) x_8x2r_u8(const x::Params p) { x::bayerNv12_8x2r<x::P_U8, 8>(p); }
#define XS(NAME, P, B) extern "C" __global__ void __launch_bounds__(256, 4) NAME(const x::Params p) { \
    __shared__ x::u64 tile[18 * x::SM_GROUPS]; x::smemLoad<P, B, 1>(p, tile); __syncthreads(); x::smemCompute<1>(p, tile); }
XS(x_s8x2r4_u8, x::P_U8, 8)
XS(x_s8x2r4_lsb_12, x::P_LSB, 12)
#define X_U8 V8(x_8x2, 8, 2, 0), V8(x_8x2r, 8, 2, 0), V8(x_s8x2r4, 8, 2, 0),
#define X_12 V12(x_s8x2r4, 8, 2, 0),
#else
#define X_U8
#define X_12
#endif

#define VARIANT_LIST \
    V8(k_4x2, 4, 2, 0), R2_U8 V8(k_8x2, 8, 2, 0), V8B(k_8x2, 8, 2, 16, 8), V8B(k_8x2r, 8, 2, 16, 8), V8B(k_8x2r, 8, 2, 16, 4), \
    V8(k_s8x2r4, 8, 2, 0), X_U8 \
    V12(k_4x2, 4, 2, 0), R2_12 V12(k_8x2, 8, 2, 0), V12(k_s8x2r4, 8, 2, 0), X_12
