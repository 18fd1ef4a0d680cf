// gevgate pixel conversion kernels. The arithmetic is docs/conversions.md, the CPU reference is
// io.gevgate.bridge.convert.FrameConverter: every kernel must give the SAME BYTES. All maths is
// 32-bit signed int; >> on a negative int is an arithmetic shift (floor), as in Java.
//
// Compiled at start-up by NVRTC to CUBIN (GpuKernels). The same file also compiles as plain C++
// with a small prelude (KernelHostEmulation in the tests) so that the bytes can be checked against
// the CPU reference on machines without a GPU: no shared memory, no __syncthreads, every thread
// computes its outputs from global memory alone.
//
// One thread per 2x2 pixel block (= one NV12 chroma sample) for NV12, one thread per pixel pair
// for RGBA. Launch geometry comes from KernelPlan (Java): block 32x8, grid over blocks/pairs.

#ifndef GEVGATE_HOST_EMULATION
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;
#endif

// Kernel arguments: one struct passed by value (layout mirrored by KernelParams.java, 136 bytes).
struct Params {
    u64 src;        //  0: source frame (device address)
    i64 srcStride;  //  8
    u64 dst0;       // 16: NV12 Y plane or RGBA image
    i64 pitch0;     // 24
    u64 dst1;       // 32: NV12 UV plane (unused for RGBA)
    i64 pitch1;     // 40
    int width;      // 48
    int height;     // 52
    int redX;       // 56: Bayer red column parity
    int redY;       // 60: Bayer red row parity
    int variant;    // 64: RGB: 1 = BGR order; YUV422: index of Y0 in a group (0 YUYV, 1 UYVY)
    int reserved;   // 68
    // 72: yR yG yB yOffset cbR cbG cbB crR crG crB kY kRV kGU kGV kBU (YuvCoefficients), 0
    int c[16];
};

enum { C_YR, C_YG, C_YB, C_YOFF, C_CBR, C_CBG, C_CBB, C_CRR, C_CRG, C_CRB, C_KY, C_KRV, C_KGU, C_KGV, C_KBU };

// Sample decoders: (packing, bits). Packing codes follow InputLayout.Packing.
enum { P_U8 = 0, P_U16LE = 1, P_LSB = 2, P_GEV = 3 };

static __device__ __forceinline__ int clamp8(int v) { return v < 0 ? 0 : (v > 255 ? 255 : v); }
static __device__ __forceinline__ int upper8(int v) { return v > 255 ? 255 : v; }
static __device__ __forceinline__ int imin(int a, int b) { return a < b ? a : b; }

// docs §3: rounding shift, round half up, saturating.
template <int BITS> static __device__ __forceinline__ int reduce8(int v) {
    if (BITS == 8) return v;
    const int shift = BITS > 8 ? BITS - 8 : 1; // BITS == 8 returned above; keeps the shift counts valid
    int r = (v + (1 << (shift - 1))) >> shift;
    return r > 255 ? 255 : r;
}

// Where sample x sits in a row: byte offset and, for packed layouts, the bit shift (LSB) or the
// odd-pixel flag (GEV). Computed once per column and reused for every row of a tile.
struct Col { int b; int sh; };

template <int PACKING, int BITS>
static __device__ __forceinline__ Col column(int x) {
    Col c;
    if (PACKING == P_U8) { c.b = x; c.sh = 0; }
    else if (PACKING == P_U16LE) { c.b = 2 * x; c.sh = 0; }
    else if (PACKING == P_LSB) { int bit = x * BITS; c.b = bit >> 3; c.sh = bit & 7; }
    else { c.b = 3 * (x >> 1); c.sh = x & 1; }
    return c;
}

// 8-bit sample at a prepared column (docs §3), for every packing. Reads only bytes inside the row.
template <int PACKING, int BITS>
static __device__ __forceinline__ int fetch8(const u8* __restrict__ row, Col c) {
    if (PACKING == P_U8) {
        return row[c.b];
    } else if (PACKING == P_U16LE) {
        int v = (row[c.b] | (row[c.b + 1] << 8)) & ((1 << BITS) - 1);
        return reduce8<BITS>(v);
    } else if (PACKING == P_LSB) {
        // A 10- or 12-bit sample starts at bit offset 0..6 of its first byte and so always spans
        // exactly two bytes: both lie inside the row (rowBytes = ceil(W*bits/8)).
        int v = ((row[c.b] | (row[c.b + 1] << 8)) >> c.sh) & ((1 << BITS) - 1);
        return reduce8<BITS>(v);
    } else { // P_GEV: pairs in 3 bytes: hi0, lo0 | lo1 << 4, hi1
        const int L = BITS - 8;
        int v = c.sh == 0 ? ((row[c.b] << L) | (row[c.b + 1] & ((1 << L) - 1)))
                          : ((row[c.b + 2] << L) | ((row[c.b + 1] >> 4) & ((1 << L) - 1)));
        return reduce8<BITS>(v);
    }
}

template <int PACKING, int BITS>
static __device__ __forceinline__ int sample8(const u8* __restrict__ row, int x) {
    return fetch8<PACKING, BITS>(row, column<PACKING, BITS>(x));
}

// fetch8 split in two (fourth round): fetchRaw loads exactly the bytes fetch8 reads (little-endian
// in one word), decodeRaw turns them into the same 8-bit sample, so that a kernel can issue the
// loads early and decode after other work (s8x2's halo samples).
template <int PACKING, int BITS>
static __device__ __forceinline__ u32 fetchRaw(const u8* __restrict__ row, Col c) {
    if (PACKING == P_U8) return row[c.b];
    if (PACKING == P_GEV && c.sh != 0) return ((u32) row[c.b + 1] << 8) | ((u32) row[c.b + 2] << 16);
    return row[c.b] | ((u32) row[c.b + 1] << 8);
}

template <int PACKING, int BITS>
static __device__ __forceinline__ int decodeRaw(u32 raw, Col c) {
    if (PACKING == P_U8) {
        return (int) raw;
    } else if (PACKING == P_U16LE) {
        return reduce8<BITS>((int) raw & ((1 << BITS) - 1));
    } else if (PACKING == P_LSB) {
        return reduce8<BITS>(((int) raw >> c.sh) & ((1 << BITS) - 1));
    } else {
        const int L = BITS - 8;
        int v = c.sh == 0 ? (((int) raw & 0xFF) << L) | (((int) raw >> 8) & ((1 << L) - 1))
                          : (((int) raw >> 16) << L) | (((int) raw >> 12) & ((1 << L) - 1));
        return reduce8<BITS>(v);
    }
}

// Two adjacent output bytes: one 16-bit store when the address is even (the common case: VMM
// slots and pitches are even), else two byte stores. Same bytes either way.
static __device__ __forceinline__ void store2(u8* o, int a, int b) {
    if ((((u64) o) & 1) == 0) {
        *(u16*) o = (u16) (a | (b << 8));
    } else {
        o[0] = (u8) a;
        o[1] = (u8) b;
    }
}

static __device__ __forceinline__ int lumaOf(const Params& p, int r, int g, int b) {
    return clamp8(((p.c[C_YR] * r + p.c[C_YG] * g + p.c[C_YB] * b + 32768) >> 16) + p.c[C_YOFF]);
}

// Luma of a grey pixel: the same formula with R = G = B = v (what the CPU's 256-entry table holds).
static __device__ __forceinline__ int lumaGrey(const Params& p, int v) {
    return lumaOf(p, v, v, v);
}

// Writes the NV12 outputs of block (bx, by): up to 4 luma bytes and one Cb,Cr pair from the RGB
// of the block's pixels. Pixels that do not exist (odd width/height) replicate the last column/row
// in the chroma sums (docs §5) and are not written.
static __device__ __forceinline__ void storeNv12(const Params& p, int x0, int y0, bool hasX1, bool hasY1,
                                                 const int r[4], const int g[4], const int b[4]) {
    u8* yPlane = (u8*) p.dst0;
    u8* row0 = yPlane + (i64) y0 * p.pitch0 + x0;
    if (hasX1) store2(row0, lumaOf(p, r[0], g[0], b[0]), lumaOf(p, r[1], g[1], b[1]));
    else row0[0] = (u8) lumaOf(p, r[0], g[0], b[0]);
    if (hasY1) {
        u8* row1 = row0 + p.pitch0;
        if (hasX1) store2(row1, lumaOf(p, r[2], g[2], b[2]), lumaOf(p, r[3], g[3], b[3]));
        else row1[0] = (u8) lumaOf(p, r[2], g[2], b[2]);
    }
    int sr = r[0] + r[1] + r[2] + r[3];
    int sg = g[0] + g[1] + g[2] + g[3];
    int sb = b[0] + b[1] + b[2] + b[3];
    int cb = clamp8(((p.c[C_CBR] * sr + p.c[C_CBG] * sg + p.c[C_CBB] * sb + 131072) >> 18) + 128);
    int cr = clamp8(((p.c[C_CRR] * sr + p.c[C_CRG] * sg + p.c[C_CRB] * sb + 131072) >> 18) + 128);
    store2((u8*) p.dst1 + (i64) (y0 >> 1) * p.pitch1 + x0, cb, cr);
}

static __device__ __forceinline__ void storeRgba(const Params& p, int x, int y, int r, int g, int b) {
    u8* o = (u8*) p.dst0 + (i64) y * p.pitch0 + 4 * (i64) x;
    if ((((u64) o) & 3) == 0) {
        *(u32*) o = (u32) r | ((u32) g << 8) | ((u32) b << 16) | 0xFF000000u;
    } else {
        o[0] = (u8) r; o[1] = (u8) g; o[2] = (u8) b; o[3] = 0xFF;
    }
}

// ---- mono ------------------------------------------------------------------------------------

template <int PACKING, int BITS> static __device__ void monoNv12(const Params& p) {
    int bx = blockIdx.x * blockDim.x + threadIdx.x;
    int by = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * bx, y0 = 2 * by;
    if (x0 >= p.width || y0 >= p.height) return;
    bool hasX1 = x0 + 1 < p.width, hasY1 = y0 + 1 < p.height;
    const u8* s0 = (const u8*) p.src + (i64) y0 * p.srcStride;
    u8* yRow = (u8*) p.dst0 + (i64) y0 * p.pitch0 + x0;
    Col c0 = column<PACKING, BITS>(x0);
    Col c1 = column<PACKING, BITS>(hasX1 ? x0 + 1 : x0);
    int v0 = fetch8<PACKING, BITS>(s0, c0);
    if (hasX1) store2(yRow, lumaGrey(p, v0), lumaGrey(p, fetch8<PACKING, BITS>(s0, c1)));
    else yRow[0] = (u8) lumaGrey(p, v0);
    if (hasY1) {
        const u8* s1 = s0 + p.srcStride;
        yRow += p.pitch0;
        int w0 = fetch8<PACKING, BITS>(s1, c0);
        if (hasX1) store2(yRow, lumaGrey(p, w0), lumaGrey(p, fetch8<PACKING, BITS>(s1, c1)));
        else yRow[0] = (u8) lumaGrey(p, w0);
    }
    // A grey block has Cb = Cr = 128 exactly in every table (chroma rows sum to 0).
    store2((u8*) p.dst1 + (i64) by * p.pitch1 + x0, 128, 128);
}

template <int PACKING, int BITS> static __device__ void monoRgba(const Params& p) {
    int px = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * px;
    if (x0 >= p.width || y >= p.height) return;
    const u8* s = (const u8*) p.src + (i64) y * p.srcStride;
    int v = sample8<PACKING, BITS>(s, x0);
    storeRgba(p, x0, y, v, v, v);
    if (x0 + 1 < p.width) { v = sample8<PACKING, BITS>(s, x0 + 1); storeRgba(p, x0 + 1, y, v, v, v); }
}

// ---- Bayer (docs §6) -------------------------------------------------------------------------

// Mirror without repeating the edge: -1 -> 1, n -> n-2. Coordinates up to 2 beyond the edge
// are only ever fetched for pixels that are not computed (odd sizes); they stay in range.
static __device__ __forceinline__ int mirror(int v, int n) {
    if (v < 0) return -v;
    if (v >= n) { int m = 2 * n - 2 - v; return m < 0 ? 0 : m; }
    return v;
}

// Bayer kernels run one thread per TWO horizontally adjacent 2x2 blocks (4x2 pixels): the thread
// reads a 4-row x 6-column window of 8-bit samples once (frame columns x0-1..x0+4, rows y0-1..y0+2,
// mirrored at the edges) and both blocks take their 4x4 tiles from it. This halves the loads and
// the index work per pixel; the kernels are instruction-bound, not bandwidth-bound.
//
// Each block is computed in "canonical" orientation, with the tile flipped horizontally when red
// sits in odd columns and vertically when it sits in odd rows, so that tile (1,1) is always the red
// site, (1,2) green in a red row, (2,1) green in a blue row and (2,2) blue. The bilinear formulas
// (docs §6) are symmetric, so the RG formulas hold for every phase. The flips are template
// parameters: every index is a compile-time constant (no runtime-indexed arrays, which would live
// in local memory) and the phase costs one uniform switch per thread.
template <int FX, int FY, int O>
static __device__ __forceinline__ void bayerBlockFrom(const int f[4][6], int r[4], int g[4], int b[4]) {
#define T(i, j) f[FY ? 3 - (i) : (i)][O + (FX ? 3 - (j) : (j))]
    int rR = T(1, 1);
    int gR = (T(0, 1) + T(2, 1) + T(1, 0) + T(1, 2) + 2) >> 2;
    int bR = (T(0, 0) + T(0, 2) + T(2, 0) + T(2, 2) + 2) >> 2;
    int gGr = T(1, 2);
    int rGr = (T(1, 1) + T(1, 3) + 1) >> 1;
    int bGr = (T(0, 2) + T(2, 2) + 1) >> 1;
    int gGb = T(2, 1);
    int bGb = (T(2, 0) + T(2, 2) + 1) >> 1;
    int rGb = (T(1, 1) + T(3, 1) + 1) >> 1;
    int bB = T(2, 2);
    int gB = (T(1, 2) + T(3, 2) + T(2, 1) + T(2, 3) + 2) >> 2;
    int rB = (T(1, 1) + T(1, 3) + T(3, 1) + T(3, 3) + 2) >> 2;
#undef T
    // Frame order 0 (x0,y0), 1 (x0+1,y0), 2 (x0,y0+1), 3 (x0+1,y0+1); canonical index of frame
    // pixel (dx, dy) is ((FY ? 1-dy : dy) << 1) | (FX ? 1-dx : dx): constants after inlining.
    const int cr[4] = {rR, rGr, rGb, rB}, cg[4] = {gR, gGr, gGb, gB}, cb[4] = {bR, bGr, bGb, bB};
#pragma unroll
    for (int k = 0; k < 4; k++) {
        const int c = ((FY ? 1 - (k >> 1) : (k >> 1)) << 1) | (FX ? 1 - (k & 1) : (k & 1));
        r[k] = cr[c]; g[k] = cg[c]; b[k] = cb[c];
    }
}

// Odd sizes: a missing column/row takes the last existing pixel's values (chroma replication, docs §5).
static __device__ __forceinline__ void replicateEdges(bool hasX1, bool hasY1, int r[4], int g[4], int b[4]) {
    if (!hasX1) { r[1] = r[0]; g[1] = g[0]; b[1] = b[0]; r[3] = r[2]; g[3] = g[2]; b[3] = b[2]; }
    if (!hasY1) { r[2] = r[0]; g[2] = g[0]; b[2] = b[0]; r[3] = r[1]; g[3] = g[1]; b[3] = b[1]; }
}

template <int PACKING, int BITS>
static __device__ __forceinline__ void loadWindow(const Params& p, int x0, int y0, int f[4][6]) {
    Col cols[6];
#pragma unroll
    for (int j = 0; j < 6; j++) {
        cols[j] = column<PACKING, BITS>(mirror(x0 - 1 + j, p.width));
    }
#pragma unroll
    for (int i = 0; i < 4; i++) {
        const u8* row = (const u8*) p.src + (i64) mirror(y0 - 1 + i, p.height) * p.srcStride;
#pragma unroll
        for (int j = 0; j < 6; j++) {
            f[i][j] = fetch8<PACKING, BITS>(row, cols[j]);
        }
    }
}

// OUT: 0 = NV12, 1 = RGBA. Writes the block at x0 (+2 when O == 2) if it exists.
template <int OUT, int FX, int FY, int O>
static __device__ __forceinline__ void bayerEmit(const Params& p, const int f[4][6], int x0, int y0) {
    int x = x0 + O;
    if (x >= p.width) return;
    bool hasX1 = x + 1 < p.width, hasY1 = y0 + 1 < p.height;
    int r[4], g[4], b[4];
    bayerBlockFrom<FX, FY, O>(f, r, g, b);
    if (OUT == 0) {
        replicateEdges(hasX1, hasY1, r, g, b);
        storeNv12(p, x, y0, hasX1, hasY1, r, g, b);
    } else {
        storeRgba(p, x, y0, r[0], g[0], b[0]);
        if (hasX1) storeRgba(p, x + 1, y0, r[1], g[1], b[1]);
        if (hasY1) {
            storeRgba(p, x, y0 + 1, r[2], g[2], b[2]);
            if (hasX1) storeRgba(p, x + 1, y0 + 1, r[3], g[3], b[3]);
        }
    }
}

template <int OUT, int FX, int FY>
static __device__ __forceinline__ void bayerPair(const Params& p, const int f[4][6], int x0, int y0) {
    bayerEmit<OUT, FX, FY, 0>(p, f, x0, y0);
    bayerEmit<OUT, FX, FY, 2>(p, f, x0, y0);
}

template <int PACKING, int BITS, int OUT> static __device__ void bayerKernel(const Params& p) {
    int tx = blockIdx.x * blockDim.x + threadIdx.x;
    int by = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 4 * tx, y0 = 2 * by;
    if (x0 >= p.width || y0 >= p.height) return;
    int f[4][6];
    loadWindow<PACKING, BITS>(p, x0, y0, f);
    switch ((p.redX << 1) | p.redY) { // uniform for the whole grid
        case 0: bayerPair<OUT, 0, 0>(p, f, x0, y0); break;
        case 1: bayerPair<OUT, 0, 1>(p, f, x0, y0); break;
        case 2: bayerPair<OUT, 1, 0>(p, f, x0, y0); break;
        default: bayerPair<OUT, 1, 1>(p, f, x0, y0); break;
    }
}

template <int PACKING, int BITS> static __device__ void bayerNv12_4x2(const Params& p) { bayerKernel<PACKING, BITS, 0>(p); }
template <int PACKING, int BITS> static __device__ void bayerRgba(const Params& p) { bayerKernel<PACKING, BITS, 1>(p); }

// ---- Bayer -> NV12 on wide tiles (the production NV12 path) ----------------------------------
//
// One thread per 8 x (2*NB) pixels: 4*NB chroma blocks sharing one (2*NB+2)-row x 10-column window
// of 8-bit samples (frame columns x0-1..x0+8, rows y0-1..y0+2*NB). Compared with 4x2 per thread
// this reads each sample fewer times, loads a row of the window with a few aligned 32-bit words
// instead of one byte load per sample, and writes 8 luma and 8 chroma bytes per row with single
// 64-bit stores. The kernels are instruction-bound, so the arithmetic is also arranged to share
// work: the demosaic is written in frame coordinates so that the neighbour sums of adjacent sites
// (a diagonal sum is the horizontal sum of the green site above/below) are the same expressions
// and computed once; the +yOffset and +128 are folded into the rounding constants; luma needs no
// clamp and chroma only the upper one (KernelPlan.checkNoClampBounds proves both for the table
// passed in, or refuses the plan). Bytes are the same as bayerNv12's: the host emulation and the
// GPU test compare every byte of every tile variant with the CPU reference.

// Bytes of 8 pixels of a packing; the 32-bit fast load needs every tile to start on a 4-byte
// boundary (all packings but 10-bit LSB, which always takes the per-sample path).
template <int PACKING, int BITS> struct Wide {
    static constexpr int B8 = PACKING == P_U8 ? 8 : PACKING == P_U16LE ? 16 : PACKING == P_LSB ? BITS : 12;
    static constexpr int WIRE_BITS = PACKING == P_U8 ? 8 : PACKING == P_U16LE ? 16 : PACKING == P_LSB ? BITS : 12;
    static constexpr bool FAST = (B8 % 4) == 0;
    // words from byte(x0) - 4 through the last byte of pixel x0+8
    static constexpr int WORDS = (4 + B8 + (PACKING == P_U8 ? 1 : 2) + 3) / 4;
};

// N bits at bit offset OFF (LSB-first) of a little-endian word array; OFF, N constants after unrolling.
template <int WORDS>
static __device__ __forceinline__ u32 bitsAt(const u32 (&w)[WORDS], int off, int n) {
    const int i = off >> 5, sh = off & 31;
    u32 v = w[i] >> sh;
    if (sh + n > 32) v |= w[i + 1] << (32 - sh);
    return n == 32 ? v : v & ((1u << n) - 1);
}

// Byte K (a constant after unrolling) of w, zero-extended: one byte permute (PRMT) instead of the
// shift and mask the compiler emits for (w >> 8K) & 0xFF (third round: ~30 ALU instructions less
// per 8x2 thread).
static __device__ __forceinline__ int byteOf(u32 w, int k) {
    return (int) __byte_perm(w, 0, 0x4440 | k);
}

// 8-bit sample of window column j (frame column x0-1+j) from the words loaded at byte(x0) - 4.
template <int PACKING, int BITS>
static __device__ __forceinline__ int wideSample(const u32 (&w)[Wide<PACKING, BITS>::WORDS], int j) {
    if (PACKING == P_U8) {
        return byteOf(w[(3 + j) >> 2], (3 + j) & 3);
    } else if (PACKING == P_U16LE) {
        return reduce8<BITS>((int) bitsAt(w, 8 * (2 + 2 * j), 16) & ((1 << BITS) - 1));
    } else if (PACKING == P_LSB) {
        return reduce8<BITS>((int) bitsAt(w, 32 + BITS * (j - 1), BITS));
    } else { // P_GEV: pixel x0-1+j is member ((j-1) & 1) of the pair starting at byte 4 + 3*floor((j-1)/2)
        const int L = BITS - 8;
        const int pb = 4 + 3 * ((j - 1) >> 1);
        int v;
        if (((j - 1) & 1) == 0) {
            v = ((int) bitsAt(w, 8 * pb, 8) << L) | (int) bitsAt(w, 8 * (pb + 1), L);
        } else {
            v = ((int) bitsAt(w, 8 * (pb + 2), 8) << L) | (int) bitsAt(w, 8 * (pb + 1) + 4, L);
        }
        return reduce8<BITS>(v);
    }
}

// Per byte: min(h + inc, 255) for inc in {0, 1} (bit 0 of each byte of inc): the increment is
// dropped where h is 0xFF, so no byte carries into the next.
static __device__ __forceinline__ u32 saturatingIncrement4(u32 h, u32 inc) {
    const u32 notFull = (((~h & 0x7F7F7F7Fu) + 0x7F7F7F7Fu) | ~h) >> 7; // bit 0 of a byte: h byte != 0xFF
    return h + (inc & notFull & 0x01010101u);
}

// Eight 12-bit LSB-packed samples (12 bytes in w0..w2; pair p = bytes 3p..3p+2, sample 2p = bits
// 0..11, 2p+1 = bits 12..23) reduced to 8 bits (docs §3: min((v + 8) >> 4, 255)), 4 samples at a
// time in the bytes of a word: the top 8 bits of a sample plus its bit 3, saturating. Sample k in
// byte k of the result. About 27 instructions for 8 samples instead of ~6 per sample.
static __device__ __forceinline__ u64 reduceLsb12x8(u32 w0, u32 w1, u32 w2) {
    const u32 a = __byte_perm(__byte_perm(w0, w1, 0x0630), w2, 0x5210); // bytes 0, 3, 6, 9
    const u32 b = __byte_perm(__byte_perm(w0, w1, 0x0741), w2, 0x6210); // bytes 1, 4, 7, 10
    const u32 c = __byte_perm(__byte_perm(w0, w1, 0x0052), w2, 0x7410); // bytes 2, 5, 8, 11
    // even samples: top bits = low byte's high nibble | middle byte's low nibble << 4; bit 3 = low byte's bit 3
    const u32 even = saturatingIncrement4(((a >> 4) & 0x0F0F0F0Fu) | ((b << 4) & 0xF0F0F0F0u), a >> 3);
    // odd samples: top bits = high byte; bit 3 = middle byte's bit 7
    const u32 odd = saturatingIncrement4(c, b >> 7);
    return (u64) __byte_perm(even, odd, 0x5140) | ((u64) __byte_perm(even, odd, 0x7362) << 32);
}

// Loads the window: aligned 32-bit words for interior tiles, else one mirrored sample at a time.
template <int PACKING, int BITS, int ROWS>
static __device__ __forceinline__ void loadWideWindow(const Params& p, int tile, int x0, int y0, int (&f)[ROWS][10]) {
    typedef Wide<PACKING, BITS> WD;
    const int rowBytes = (p.width * WD::WIRE_BITS + 7) >> 3;
    const bool fast = WD::FAST && (((p.src | (u64) p.srcStride) & 3) == 0) && x0 >= 8 && x0 + 9 <= p.width
            && tile * WD::B8 - 4 + 4 * WD::WORDS <= rowBytes;
    if (fast) {
        // Rows y0-1 .. y0+ROWS-2: one address and a stride add per row when all are inside the
        // frame (every tile but the first and last row of tiles), else mirrored row by row.
        const u8* base = (const u8*) p.src + tile * WD::B8 - 4;
        const u8* rows[ROWS];
        if (y0 >= 1 && y0 + ROWS - 1 <= p.height) {
            rows[0] = base + (i64) (y0 - 1) * p.srcStride;
#pragma unroll
            for (int i = 1; i < ROWS; i++) rows[i] = rows[i - 1] + p.srcStride;
        } else {
#pragma unroll
            for (int i = 0; i < ROWS; i++) rows[i] = base + (i64) mirror(y0 - 1 + i, p.height) * p.srcStride;
        }
#pragma unroll
        for (int i = 0; i < ROWS; i++) {
            const u32* q = (const u32*) rows[i];
            u32 w[WD::WORDS];
#pragma unroll
            for (int k = 0; k < WD::WORDS; k++) w[k] = q[k];
            // Sample by sample also for 12-bit LSB: decoding the 8 middle samples with
            // reduceLsb12x8 measured 2-7 % SLOWER here on the H100 (bench/results/gpu-h100-tiles3.txt);
            // it pays off only in s8x2's block-wide decode.
#pragma unroll
            for (int j = 0; j < 10; j++) f[i][j] = wideSample<PACKING, BITS>(w, j);
        }
    } else {
        Col cols[10];
#pragma unroll
        for (int j = 0; j < 10; j++) cols[j] = column<PACKING, BITS>(mirror(x0 - 1 + j, p.width));
#pragma unroll
        for (int i = 0; i < ROWS; i++) {
            const u8* row = (const u8*) p.src + (i64) mirror(y0 - 1 + i, p.height) * p.srcStride;
#pragma unroll
            for (int j = 0; j < 10; j++) f[i][j] = fetch8<PACKING, BITS>(row, cols[j]);
        }
    }
}

// Bilinear RGB of the pixel at window (R, C) (docs §6) in frame coordinates: x0 and y0 are even, so
// the site's colour follows from the parities of C-1 and R-1 against the red position (FX, FY).
// H = west + east, V = north + south; a diagonal sum is written as the H of the rows above and
// below, the same expressions the green sites there use, so they are computed once.
template <int FX, int FY, int ROWS>
static __device__ __forceinline__ void demosaicAt(const int (&f)[ROWS][10], int R, int C, int& r, int& g, int& b) {
    const bool redRow = ((R - 1) & 1) == FY;
    const bool redCol = ((C - 1) & 1) == FX;
    const int h = f[R][C - 1] + f[R][C + 1];
    const int v = f[R - 1][C] + f[R + 1][C];
    if (redRow == redCol) { // red (both) or blue (neither) site
        const int own = f[R][C];
        const int gg = (h + v + 2) >> 2;
        const int diag = ((f[R - 1][C - 1] + f[R - 1][C + 1]) + (f[R + 1][C - 1] + f[R + 1][C + 1]) + 2) >> 2;
        if (redRow) { r = own; g = gg; b = diag; } else { b = own; g = gg; r = diag; }
    } else { // green: the horizontal neighbours have the colour of the row, the vertical ones the other
        g = f[R][C];
        const int hh = (h + 1) >> 1, vv = (v + 1) >> 1;
        if (redRow) { r = hh; b = vv; } else { b = hh; r = vv; }
    }
}

// Luma with the rounding constant and offset folded in (c = 32768 + (yOffset << 16)): the byte is
// bits 16..23 (KernelPlan proves the sum stays in [0, 2^24), so no clamp is needed).
static __device__ __forceinline__ u32 lumaSum(const Params& p, int cst, int r, int g, int b) {
    return (u32) (p.c[C_YR] * r + p.c[C_YG] * g + p.c[C_YB] * b + cst);
}

// Puts byte 2 of a luma sum (the luma byte) into byte POS of word w: one byte permute (PRMT)
// instead of shift, mask and or. POS is a constant after unrolling.
static __device__ __forceinline__ u32 insertLuma(u32 w, u32 sum, int pos) {
    return __byte_perm(w, sum, pos == 0 ? 0x3216 : pos == 1 ? 0x3260 : pos == 2 ? 0x3610 : 0x6210);
}

// One block row (2 pixel rows, 4 chroma blocks) of a tile: window rows WR-1..WR+2, pixel rows WR,
// WR+1. Chroma block by chroma block, so that only one block's 4 pixels of RGB are live at a time
// (computing all 16 first held 48 values plus the window: 72-94 registers per thread). Vector
// path: luma bytes and Cb,Cr pairs are packed into words and written with 64-bit stores after the
// last block. Edge tiles (partial, odd sizes) and unaligned destinations: block by block with the
// bounds and chroma replication of storeNv12.
template <int FX, int FY, int ROWS, bool VECTOR>
static __device__ __forceinline__ void bayerTileRow(const Params& p, const int (&f)[ROWS][10], int WR, int x0, int y) {
    constexpr bool vectorStores = VECTOR;
    const int ycst = 32768 + (p.c[C_YOFF] << 16);
    // +128 folded into the rounding constant: the sum stays >= 0 (KernelPlan), so only the upper
    // clamp can act.
    const int ccst = 131072 + (128 << 18);
    const bool hasY1 = VECTOR || y + 1 < p.height;
    u32 luma[2][2] = {{0, 0}, {0, 0}}; // [pixel row][columns 0-3 | 4-7], byte dx & 3
    u32 uv[2] = {0, 0};                // Cb,Cr of blocks 0,1 | 2,3
#pragma unroll
    for (int k = 0; k < 4; k++) {
        int r[4], g[4], b[4]; // frame order (x,y) (x+1,y) (x,y+1) (x+1,y+1)
#pragma unroll
        for (int q = 0; q < 4; q++) demosaicAt<FX, FY, ROWS>(f, WR + (q >> 1), 1 + 2 * k + (q & 1), r[q], g[q], b[q]);
        if constexpr (vectorStores) {
#pragma unroll
            for (int q = 0; q < 4; q++) {
                const int dx = 2 * k + (q & 1);
                luma[q >> 1][dx >> 2] = insertLuma(luma[q >> 1][dx >> 2], lumaSum(p, ycst, r[q], g[q], b[q]), dx & 3);
            }
            const int sr = r[0] + r[1] + r[2] + r[3];
            const int sg = g[0] + g[1] + g[2] + g[3];
            const int sb = b[0] + b[1] + b[2] + b[3];
            // upper8(v >> 18) for v >= 0 (KernelPlan) is byte 3 of min(v, 2^26 - 1) << 6: the clamp
            // before the shift, and the bytes collected with byte permutes instead of shifts and ors
            const u32 cb = (u32) imin(p.c[C_CBR] * sr + p.c[C_CBG] * sg + p.c[C_CBB] * sb + ccst, 0x3FFFFFF) << 6;
            const u32 cr = (u32) imin(p.c[C_CRR] * sr + p.c[C_CRG] * sg + p.c[C_CRB] * sb + ccst, 0x3FFFFFF) << 6;
            const u32 pair = __byte_perm(cb, cr, 0x0073); // Cb, Cr in bytes 0, 1
            uv[k >> 1] = (k & 1) ? __byte_perm(uv[k >> 1], pair, 0x5410) : pair;
        } else {
            const int x = x0 + 2 * k;
            if (x < p.width) {
                const bool hasX1 = x + 1 < p.width;
                replicateEdges(hasX1, hasY1, r, g, b);
                storeNv12(p, x, y, hasX1, hasY1, r, g, b);
            }
        }
    }
    if constexpr (vectorStores) {
        u8* y0row = (u8*) p.dst0 + (i64) y * p.pitch0 + x0;
        *(u64*) y0row = (u64) luma[0][0] | ((u64) luma[0][1] << 32);
        *(u64*) (y0row + p.pitch0) = (u64) luma[1][0] | ((u64) luma[1][1] << 32);
        *(u64*) ((u8*) p.dst1 + (i64) (y >> 1) * p.pitch1 + x0) = (u64) uv[0] | ((u64) uv[1] << 32);
    }
}

// The vector path (64-bit stores, no bounds) is chosen once per tile, not per chroma block: a
// branch per block cost ~4 instructions and made the compiler reload the coefficients after each
// (third round). Tiles at the right/bottom edge or with unaligned destinations store block by
// block with bounds and chroma replication: the same bytes.
template <int NB, int FX, int FY>
static __device__ __forceinline__ void bayerTile(const Params& p, const int (&f)[2 * NB + 2][10], int x0, int y0,
                                                 bool vectorX) {
    if (vectorX && y0 + 2 * NB <= p.height) {
#pragma unroll
        for (int rb = 0; rb < NB; rb++) bayerTileRow<FX, FY, 2 * NB + 2, true>(p, f, 1 + 2 * rb, x0, y0 + 2 * rb);
    } else {
#pragma unroll
        for (int rb = 0; rb < NB; rb++) {
            const int y = y0 + 2 * rb;
            if (y < p.height) bayerTileRow<FX, FY, 2 * NB + 2, false>(p, f, 1 + 2 * rb, x0, y);
        }
    }
}

template <int PACKING, int BITS, int NB> static __device__ void bayerNv12Wide(const Params& p) {
    const int tile = blockIdx.x * blockDim.x + threadIdx.x;
    const int ty = blockIdx.y * blockDim.y + threadIdx.y;
    const int x0 = 8 * tile, y0 = 2 * NB * ty;
    if (x0 >= p.width || y0 >= p.height) return;
    int f[2 * NB + 2][10];
    loadWideWindow<PACKING, BITS, 2 * NB + 2>(p, tile, x0, y0, f); // the same for every phase
    // 64-bit stores: destinations 8-byte aligned and all 8 columns of the tile inside the frame
    const bool vectorX = ((p.dst0 | (u64) p.pitch0 | p.dst1 | (u64) p.pitch1) & 7) == 0 && x0 + 8 <= p.width;
    switch ((p.redX << 1) | p.redY) { // uniform for the whole grid
        case 0: bayerTile<NB, 0, 0>(p, f, x0, y0, vectorX); break;
        case 1: bayerTile<NB, 0, 1>(p, f, x0, y0, vectorX); break;
        case 2: bayerTile<NB, 1, 0>(p, f, x0, y0, vectorX); break;
        default: bayerTile<NB, 1, 1>(p, f, x0, y0, vectorX); break;
    }
}

template <int PACKING, int BITS> static __device__ void bayerNv12_8x2(const Params& p) { bayerNv12Wide<PACKING, BITS, 1>(p); }
// 8x2 compiled for 8 blocks of 128 threads per SM (GEVGATE_BOUNDED_KERNELS: at most 64 registers),
// launched with 16x8-thread blocks (KernelPlan.BayerTile.T8X2R): see GEVGATE_BOUNDED_KERNELS.
template <int PACKING, int BITS> static __device__ void bayerNv12_8x2r(const Params& p) { bayerNv12Wide<PACKING, BITS, 1>(p); }

// ---- Bayer -> NV12 from a block-shared tile (s8x2) ------------------------------------------
//
// The wide tiles above decode every window sample of a thread from global memory; neighbouring
// threads decode the same halo columns again and a packed sample costs shifts and masks each time.
// Here a block of 32x8 threads (KernelPlan's fixed block) converts 256 x 16*NB pixels in two
// phases: (1) the whole block decodes its window (frame columns bx0-8 .. bx0+263, rows by0-1 ..
// by0+16*NB) ONCE into shared memory as 8-bit samples, 8 per u64, with aligned 32-bit global loads
// for interior groups; (2) after __syncthreads each thread takes its (2*NB+2) x 10 window from
// shared memory with three 64-bit loads per row and runs the same demosaic/NV12 code as the wide
// tiles (bayerTile), so the bytes are the same by construction and every packing costs the same
// in phase 2. The host emulation runs phase 1 for every thread of a block, then phase 2.

// Like mirror() for -1..n (the only coordinates whose samples are used), clamped into the frame
// for the far halo groups that only fill shared memory and are never read for an output.
static __device__ __forceinline__ int mirrorSafe(int v, int n) {
    if (v < 0) v = -v;
    if (v >= n) v = 2 * n - 2 - v;
    return v < 0 ? 0 : (v >= n ? n - 1 : v);
}

// 8-bit sample k (0..7) of a group of 8 pixels whose wire bytes start at w[0] (docs §3).
template <int PACKING, int BITS, int GW>
static __device__ __forceinline__ int groupSample(const u32 (&w)[GW], int k) {
    if (PACKING == P_U8) {
        return (int) bitsAt(w, 8 * k, 8);
    } else if (PACKING == P_U16LE) {
        return reduce8<BITS>((int) bitsAt(w, 16 * k, 16) & ((1 << BITS) - 1));
    } else if (PACKING == P_LSB) {
        return reduce8<BITS>((int) bitsAt(w, BITS * k, BITS));
    } else { // P_GEV: pair k>>1 at byte 3*(k>>1): hi0, lo0 | lo1 << 4, hi1
        const int L = BITS - 8;
        const int pb = 3 * (k >> 1);
        int v;
        if ((k & 1) == 0) {
            v = ((int) bitsAt(w, 8 * pb, 8) << L) | (int) bitsAt(w, 8 * (pb + 1), L);
        } else {
            v = ((int) bitsAt(w, 8 * (pb + 2), 8) << L) | (int) bitsAt(w, 8 * (pb + 1) + 4, L);
        }
        return reduce8<BITS>(v);
    }
}

// Decodes the 8 samples of a group from its wire words (FAST packings, interior groups).
template <int PACKING, int BITS, int GW>
static __device__ __forceinline__ u64 decodeGroup(const u32 (&w)[GW]) {
    if (PACKING == P_U8) return (u64) w[0] | ((u64) w[GW - 1] << 32);
    if (PACKING == P_LSB && BITS == 12) return reduceLsb12x8(w[0], w[GW > 1 ? 1 : 0], w[GW - 1]);
    u32 lo = 0, hi = 0;
#pragma unroll
    for (int k = 0; k < 4; k++) {
        lo |= (u32) groupSample<PACKING, BITS, GW>(w, k) << (8 * k);
        hi |= (u32) groupSample<PACKING, BITS, GW>(w, k + 4) << (8 * k);
    }
    return (u64) lo | ((u64) hi << 32);
}

// Samples of frame columns gx..gx+7 of one row, column gx+k in byte k. gx is a multiple of 8, so
// an interior group starts on a 4-byte boundary of the row for every FAST packing.
template <int PACKING, int BITS>
static __device__ __forceinline__ u64 loadGroup(const Params& p, const u8* __restrict__ row, int gx, bool aligned) {
    typedef Wide<PACKING, BITS> WD;
    if (WD::FAST && aligned && gx >= 0 && gx + 8 <= p.width) {
        constexpr int GW = WD::FAST ? WD::B8 / 4 : 1;
        const u32* q = (const u32*) (row + (i64) gx * WD::WIRE_BITS / 8);
        u32 w[GW];
#pragma unroll
        for (int k = 0; k < GW; k++) w[k] = q[k];
        return decodeGroup<PACKING, BITS, GW>(w);
    }
    u32 lo = 0, hi = 0;
#pragma unroll
    for (int k = 0; k < 4; k++) {
        lo |= (u32) sample8<PACKING, BITS>(row, mirrorSafe(gx + k, p.width)) << (8 * k);
        hi |= (u32) sample8<PACKING, BITS>(row, mirrorSafe(gx + k + 4, p.width)) << (8 * k);
    }
    return (u64) lo | ((u64) hi << 32);
}

// Phase 1, generalised (fourth round) to blocks of BX x BY threads (tile 8*BX x 2*BY pixels per
// pass) and to a part of the shared rows: shared rows R0 .. R0+ROWS-1 (frame rows yTop+r, yTop =
// the block's first output row - 1), BX+2 groups per shared row. issue() starts the global loads
// of the fast path into registers and store() decodes them into shared memory, so a kernel can
// issue the loads of its next rows before computing the current ones (s8x2d); the generic path
// (edge blocks, unaligned rows) does all its work in store().
//
// Fast path (third round), for blocks whose 8*BX columns lie inside the frame with 4-byte aligned
// rows: thread (tx, ty) takes interior group tx+1 of rows ty, ty+BY, ... with no division or
// per-group bounds checks, issues all its loads before decoding (the generic loop waits for each
// group's load before the next: the main stall of the 12-bit kernel in the second round), rows
// addressed without mirroring when they are inside the frame, and threads that have one row less
// than others fetch the one halo sample per row and side that phase 2 reads.
template <int PACKING, int BITS, int BX, int BY, int PASSES, int R0, int ROWS, bool EARLY_HALO = true>
struct SmemRows {
    typedef Wide<PACKING, BITS> WD;
    static constexpr int G = BX + 2;                         // groups per shared row
    static constexpr int GW = WD::FAST ? WD::B8 / 4 : 1;     // wire words per group
    static constexpr int PER = (ROWS + BY - 1) / BY;         // rows per thread (the last partial)
    static constexpr int HALO0 = (ROWS % BY) * BX;           // first thread with PER-1 rows (0: all PER)
    u32 w[PER][GW];
    u32 halo[2]; // raw bytes of the two halo samples of one row (halo lanes, EARLY_HALO)
    bool fast;

    // The halo samples of shared row R0+h: frame columns bx0-1 and bx0+8*BX (mirrored at the frame edge).
    static __device__ __forceinline__ const u8* haloRow(const Params& p, int yTop, int h) {
        return (const u8*) p.src + (i64) mirrorSafe(yTop + R0 + h, p.height) * p.srcStride;
    }

    __device__ __forceinline__ void issue(const Params& p) {
        const int bx0 = 8 * BX * blockIdx.x, yTop = 2 * BY * PASSES * blockIdx.y - 1;
        const bool aligned = ((p.src | (u64) p.srcStride) & 3) == 0;
        fast = WD::FAST && aligned && bx0 + 8 * BX <= p.width;
        if (!fast) return;
        const u8* col = (const u8*) p.src + (i64) (bx0 + 8 * threadIdx.x) * WD::WIRE_BITS / 8;
        // one address and stride adds when all rows are inside the frame, else mirrored row by row
        const bool interiorY = yTop + R0 >= 0 && yTop + R0 + ROWS <= p.height;
#pragma unroll
        for (int m = 0; m < PER; m++) {
            const int r = threadIdx.y + BY * m;
            if (r < ROWS) {
                const int y = yTop + R0 + r;
                const u32* q = (const u32*) (col + (i64) (interiorY ? y : mirrorSafe(y, p.height)) * p.srcStride);
#pragma unroll
                for (int k = 0; k < GW; k++) w[m][k] = q[k];
            }
        }
        // Halo loads issued with the group loads, so that their latency overlaps instead of
        // following the group decode (the halo lanes' chain held the barrier: fourth round).
        const int h = threadIdx.y * BX + threadIdx.x - HALO0;
        if (EARLY_HALO && h >= 0 && h < ROWS) {
            const u8* row = haloRow(p, yTop, h);
            halo[0] = fetchRaw<PACKING, BITS>(row, column<PACKING, BITS>(mirrorSafe(bx0 - 1, p.width)));
            halo[1] = fetchRaw<PACKING, BITS>(row, column<PACKING, BITS>(mirrorSafe(bx0 + 8 * BX, p.width)));
        }
    }

    __device__ __forceinline__ void store(const Params& p, u64* tile) {
        const int bx0 = 8 * BX * blockIdx.x, yTop = 2 * BY * PASSES * blockIdx.y - 1;
        const int lane = threadIdx.y * BX + threadIdx.x;
        if (fast) {
#pragma unroll
            for (int m = 0; m < PER; m++) {
                const int r = threadIdx.y + BY * m;
                if (r < ROWS) tile[(R0 + r) * G + threadIdx.x + 1] = decodeGroup<PACKING, BITS, GW>(w[m]);
            }
            // Halo: phase 2 reads one sample of each halo group, frame column bx0-1 (byte 7 of
            // group 0) and bx0+8*BX (byte 0 of group G-1); threads with one row less fetch just
            // that sample, so no warp waits for a whole halo group's decode.
            // One lane per row fetches (or, EARLY_HALO, decodes) both sides: ROWS lanes of one
            // warp, with the two loads independent (fourth round: a lane per sample put the halo
            // in two warps, each through a divergent branch per side: 7 % slower).
            const int h = lane - HALO0;
            if (h >= 0 && h < ROWS) {
                const Col cl = column<PACKING, BITS>(mirrorSafe(bx0 - 1, p.width));
                const Col cr = column<PACKING, BITS>(mirrorSafe(bx0 + 8 * BX, p.width));
                int left, right;
                if (EARLY_HALO) {
                    left = decodeRaw<PACKING, BITS>(halo[0], cl);
                    right = decodeRaw<PACKING, BITS>(halo[1], cr);
                } else {
                    const u8* row = haloRow(p, yTop, h);
                    left = fetch8<PACKING, BITS>(row, cl);
                    right = fetch8<PACKING, BITS>(row, cr);
                }
                tile[(R0 + h) * G] = (u64) left << 56;
                tile[(R0 + h) * G + G - 1] = (u64) right;
            }
            return;
        }
        const bool aligned = ((p.src | (u64) p.srcStride) & 3) == 0;
        for (int i = lane; i < ROWS * G; i += BX * BY) {
            const int r = i / G, q = i - r * G;
            const u8* row = (const u8*) p.src + (i64) mirrorSafe(yTop + R0 + r, p.height) * p.srcStride;
            tile[(R0 + r) * G + q] = loadGroup<PACKING, BITS>(p, row, bx0 - 8 + 8 * q, aligned);
        }
    }
};

// Phase 2: this thread's 8x2 pixels of output pass T (0, or 1 for the second tile of s8x2d) from
// its 4x10 window in shared memory (shared rows 2*BY*T + 2*ty .. +3; a block covers 2*BY*PASSES output rows).
template <int BX, int BY, int T, int PASSES>
static __device__ __forceinline__ void smemComputePass(const Params& p, const u64* tile) {
    constexpr int G = BX + 2;
    const int x0 = 8 * BX * blockIdx.x + 8 * threadIdx.x;
    const int y0 = 2 * BY * (PASSES * blockIdx.y + T) + 2 * threadIdx.y;
    if (x0 >= p.width || y0 >= p.height) return;
    int f[4][10];
#pragma unroll
    for (int i = 0; i < 4; i++) {
        // shared row 2*BY*T + 2*ty + i is frame row y0-1+i; groups tx, tx+1, tx+2 hold columns x0-8 .. x0+15
        const u64* row = tile + (2 * BY * T + 2 * threadIdx.y + i) * G + threadIdx.x;
        const u64 a = row[0], b = row[1];
        const u32 c = (u32) row[2];
        f[i][0] = byteOf((u32) (a >> 32), 3);
#pragma unroll
        for (int j = 1; j <= 8; j++) f[i][j] = byteOf(j <= 4 ? (u32) b : (u32) (b >> 32), (j - 1) & 3);
        f[i][9] = byteOf(c, 0);
    }
    const bool vectorX = ((p.dst0 | (u64) p.pitch0 | p.dst1 | (u64) p.pitch1) & 7) == 0 && x0 + 8 <= p.width;
    switch ((p.redX << 1) | p.redY) { // uniform for the whole grid
        case 0: bayerTile<1, 0, 0>(p, f, x0, y0, vectorX); break;
        case 1: bayerTile<1, 0, 1>(p, f, x0, y0, vectorX); break;
        case 2: bayerTile<1, 1, 0>(p, f, x0, y0, vectorX); break;
        default: bayerTile<1, 1, 1>(p, f, x0, y0, vectorX); break;
    }
}

// The phases of the block-shared kernels as functions, for the host emulation (which runs each
// phase for every thread of a block before the next, as the barriers order them on the GPU).
// One pass: [rows 0..2BY+1] | compute. Two passes (PASSES = 2, 4BY+2 shared rows; timed only in
// experiments/bayer-profile, no product kernel: slower): [rows 0..2BY+1] | compute pass 0, [rows
// 2BY+2..4BY+1] | compute pass 1. On the GPU the two-pass body (smemKernel) issues the loads of
// its second rows before computing pass 0; pass 0 reads rows 0..2BY+1 only, so storing the second
// rows while other warps compute pass 0 is safe.
// 12-bit LSB: halo loads after the group decode (driver, fourth round run 3, 3840x2160: 12.58-12.65
// us against 12.82-12.85 with the loads issued early; 8-bit: 11.27-11.34 against 11.05-11.08).
static __device__ __forceinline__ constexpr bool earlyHalo(int packing, int bits) { return !(packing == P_LSB && bits == 12); }

template <int PACKING, int BITS, int BX, int BY, int PASSES>
static __device__ void smemPhaseLoad0(const Params& p, u64* tile) {
    SmemRows<PACKING, BITS, BX, BY, PASSES, 0, 2 * BY + 2, earlyHalo(PACKING, BITS)> a;
    a.issue(p);
    a.store(p, tile);
}
template <int PACKING, int BITS, int BX, int BY, int PASSES>
static __device__ void smemPhaseLoad1(const Params& p, u64* tile) {
    SmemRows<PACKING, BITS, BX, BY, PASSES, 2 * BY + 2, 2 * BY, earlyHalo(PACKING, BITS)> b;
    b.issue(p);
    b.store(p, tile);
}
template <int BX, int BY, int PASSES>
static __device__ void smemPhaseCompute0(const Params& p, u64* tile) { smemComputePass<BX, BY, 0, PASSES>(p, tile); }
template <int BX, int BY, int PASSES>
static __device__ void smemPhaseCompute1(const Params& p, u64* tile) { smemComputePass<BX, BY, 1, PASSES>(p, tile); }

// ---- RGB8 / BGR8 -----------------------------------------------------------------------------

static __device__ __forceinline__ void rgbPixel(const Params& p, const u8* row, int x, int& r, int& g, int& b) {
    const u8* q = row + 3 * x;
    if (p.variant) { b = q[0]; g = q[1]; r = q[2]; } else { r = q[0]; g = q[1]; b = q[2]; }
}

static __device__ void rgbNv12(const Params& p) {
    int bx = blockIdx.x * blockDim.x + threadIdx.x;
    int by = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * bx, y0 = 2 * by;
    if (x0 >= p.width || y0 >= p.height) return;
    bool hasX1 = x0 + 1 < p.width, hasY1 = y0 + 1 < p.height;
    int x1 = hasX1 ? x0 + 1 : x0;
    const u8* s0 = (const u8*) p.src + (i64) y0 * p.srcStride;
    const u8* s1 = hasY1 ? s0 + p.srcStride : s0;
    int r[4], g[4], b[4];
    rgbPixel(p, s0, x0, r[0], g[0], b[0]);
    rgbPixel(p, s0, x1, r[1], g[1], b[1]);
    rgbPixel(p, s1, x0, r[2], g[2], b[2]);
    rgbPixel(p, s1, x1, r[3], g[3], b[3]);
    storeNv12(p, x0, y0, hasX1, hasY1, r, g, b);
}

static __device__ void rgbRgba(const Params& p) {
    int px = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * px;
    if (x0 >= p.width || y >= p.height) return;
    const u8* s = (const u8*) p.src + (i64) y * p.srcStride;
    int r, g, b;
    rgbPixel(p, s, x0, r, g, b);
    storeRgba(p, x0, y, r, g, b);
    if (x0 + 1 < p.width) { rgbPixel(p, s, x0 + 1, r, g, b); storeRgba(p, x0 + 1, y, r, g, b); }
}

// ---- YUV 4:2:2 (even width) ------------------------------------------------------------------

static __device__ void yuvNv12(const Params& p) {
    int bx = blockIdx.x * blockDim.x + threadIdx.x;
    int by = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * bx, y0 = 2 * by;
    if (x0 >= p.width || y0 >= p.height) return;
    bool hasY1 = y0 + 1 < p.height;
    int yi = p.variant, ui = 1 - p.variant;
    const u8* s0 = (const u8*) p.src + (i64) y0 * p.srcStride + 2 * (i64) x0;
    const u8* s1 = hasY1 ? s0 + p.srcStride : s0;
    u8* yRow = (u8*) p.dst0 + (i64) y0 * p.pitch0 + x0;
    yRow[0] = s0[yi];
    yRow[1] = s0[yi + 2];
    if (hasY1) {
        yRow[p.pitch0] = s1[yi];
        yRow[p.pitch0 + 1] = s1[yi + 2];
    }
    u8* uv = (u8*) p.dst1 + (i64) by * p.pitch1 + x0;
    uv[0] = (u8) ((s0[ui] + s1[ui] + 1) >> 1);
    uv[1] = (u8) ((s0[ui + 2] + s1[ui + 2] + 1) >> 1);
}

static __device__ void yuvRgba(const Params& p) {
    int px = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int x0 = 2 * px;
    if (x0 >= p.width || y >= p.height) return;
    int yi = p.variant, ui = 1 - p.variant;
    const u8* s = (const u8*) p.src + (i64) y * p.srcStride + 2 * (i64) x0;
    int u = s[ui] - 128;
    int v = s[ui + 2] - 128;
    int rc = p.c[C_KRV] * v + 32768;
    int gc = p.c[C_KGU] * u + p.c[C_KGV] * v + 32768;
    int bc = p.c[C_KBU] * u + 32768;
    int l0 = p.c[C_KY] * (s[yi] - p.c[C_YOFF]);
    int l1 = p.c[C_KY] * (s[yi + 2] - p.c[C_YOFF]);
    storeRgba(p, x0, y, clamp8((l0 + rc) >> 16), clamp8((l0 + gc) >> 16), clamp8((l0 + bc) >> 16));
    storeRgba(p, x0 + 1, y, clamp8((l1 + rc) >> 16), clamp8((l1 + gc) >> 16), clamp8((l1 + bc) >> 16));
}

// ---- entry points ----------------------------------------------------------------------------
// X(name, body): the list KernelPlan.java names kernels from; the host emulation reuses it.

#define GEVGATE_SAMPLE_KERNELS(X, FAMILY, OUT)                                             \
    X(FAMILY##_##OUT##_u8, FAMILY##OUT<P_U8 GEVGATE_COMMA 8>)                              \
    X(FAMILY##_##OUT##_u16_10, FAMILY##OUT<P_U16LE GEVGATE_COMMA 10>)                      \
    X(FAMILY##_##OUT##_u16_12, FAMILY##OUT<P_U16LE GEVGATE_COMMA 12>)                      \
    X(FAMILY##_##OUT##_u16_16, FAMILY##OUT<P_U16LE GEVGATE_COMMA 16>)                      \
    X(FAMILY##_##OUT##_lsb_10, FAMILY##OUT<P_LSB GEVGATE_COMMA 10>)                        \
    X(FAMILY##_##OUT##_lsb_12, FAMILY##OUT<P_LSB GEVGATE_COMMA 12>)                        \
    X(FAMILY##_##OUT##_gev_10, FAMILY##OUT<P_GEV GEVGATE_COMMA 10>)                        \
    X(FAMILY##_##OUT##_gev_12, FAMILY##OUT<P_GEV GEVGATE_COMMA 12>)

#define GEVGATE_COMMA ,

#define GEVGATE_KERNELS(X)                          \
    GEVGATE_SAMPLE_KERNELS(X, mono, Nv12)           \
    GEVGATE_SAMPLE_KERNELS(X, mono, Rgba)           \
    GEVGATE_SAMPLE_KERNELS(X, bayer, Nv12_4x2)      \
    GEVGATE_SAMPLE_KERNELS(X, bayer, Nv12_8x2)      \
    GEVGATE_SAMPLE_KERNELS(X, bayer, Rgba)          \
    X(rgb_Nv12, rgbNv12)                            \
    X(rgb_Rgba, rgbRgba)                            \
    X(yuv_Nv12, yuvNv12)                            \
    X(yuv_Rgba, yuvRgba)

#define GEVGATE_DEFINE_KERNEL(NAME, BODY) \
    extern "C" __global__ void gg_##NAME(const Params p) { BODY(p); }

#ifndef GEVGATE_NO_ENTRY_POINTS // experiments/bayer-profile/driver.cu defines its own entry points
GEVGATE_KERNELS(GEVGATE_DEFINE_KERNEL)
#endif

// Kernels with a register cap: the 8x2 body under __launch_bounds__(128 threads, 8 blocks per SM),
// launched in blocks of 16x8 threads (128 x 16 pixels; KernelPlan.BayerTile.T8X2R). Measured on the
// H100 (third round, bench/results/bayer-driver-h100-round3-run3.txt): at 3840x2160 the same code
// took 12.0-12.2 us in 32x8 blocks, 11.7 in 32x4, 12.2 in 64x2 and 11.2-11.4 in 16x8 or 16x4.
// Narrow blocks, whose warps span 2 tile rows of 128 columns instead of 1 of 256, win; the cause is
// not isolated (ncu's cold single launches show about the same L1 hit rate, 70.6 vs 71.9 %, so it
// is not simply more L1 reuse; the gain shows in the warm back-to-back launches of the benchmark).
#define GEVGATE_BOUNDED_KERNELS(X) GEVGATE_SAMPLE_KERNELS(X, bayer, Nv12_8x2r)

#define GEVGATE_DEFINE_BOUNDED_KERNEL(NAME, BODY) \
    extern "C" __global__ void __launch_bounds__(128, 8) gg_##NAME(const Params p) { BODY(p); }

#ifndef GEVGATE_NO_ENTRY_POINTS // experiments/bayer-profile/driver.cu defines its own entry points
GEVGATE_BOUNDED_KERNELS(GEVGATE_DEFINE_BOUNDED_KERNEL)
#endif

// Block-shared kernels: XB(name, packing, bits, BX, BY, PASSES, min blocks per SM for
// __launch_bounds__). s8x2: 32x8 threads, 256x16 pixels per block. s8x2n (fourth round): the same
// code in 16x8-thread blocks (128x16 pixels, __launch_bounds__(128, 8): 64 registers, no spill).
// Measured on the H100 (fourth round, bench/results/bayer-driver-h100-round4-run3.txt, kernel us,
// BayerRG12p 1080p / 2160p): s8x2 7.08 / 13.08, s8x2n 4.96 / 12.82; BayerRG8 1080p 5.92 -> 4.50.
// Smaller blocks: a barrier holds 4 warps instead of 8, and at 1080p the 2025-block grid of
// 32x8 blocks (1.9 waves at 4 blocks/SM) becomes 4050 blocks at 8 per SM. Slower and not built
// as product kernels (runs 1, 2): two passes per block with the second pass's loads in flight
// during the first (PASSES = 2: 14.9 us at 2160p, 9.6 at 1080p: half the blocks), 16x16, 8x8 and
// 8x16 threads (13.9-15.1 us at 2160p).
#define GEVGATE_BLOCK_SAMPLE_KERNELS(XB, OUT, BX, BY, PASSES, MINB)                           \
    XB(bayer_##OUT##_u8, P_U8, 8, BX, BY, PASSES, MINB)                                       \
    XB(bayer_##OUT##_u16_10, P_U16LE, 10, BX, BY, PASSES, MINB)                               \
    XB(bayer_##OUT##_u16_12, P_U16LE, 12, BX, BY, PASSES, MINB)                               \
    XB(bayer_##OUT##_u16_16, P_U16LE, 16, BX, BY, PASSES, MINB)                               \
    XB(bayer_##OUT##_lsb_10, P_LSB, 10, BX, BY, PASSES, MINB)                                 \
    XB(bayer_##OUT##_lsb_12, P_LSB, 12, BX, BY, PASSES, MINB)                                 \
    XB(bayer_##OUT##_gev_10, P_GEV, 10, BX, BY, PASSES, MINB)                                 \
    XB(bayer_##OUT##_gev_12, P_GEV, 12, BX, BY, PASSES, MINB)

#define GEVGATE_BLOCK_KERNELS(XB)                                   \
    GEVGATE_BLOCK_SAMPLE_KERNELS(XB, Nv12_s8x2, 32, 8, 1, 4)        \
    GEVGATE_BLOCK_SAMPLE_KERNELS(XB, Nv12_s8x2n, 16, 8, 1, 8)

#ifndef GEVGATE_HOST_EMULATION
// The body of a block-shared kernel (shared tile of (2*BY*PASSES + 2) x (BX+2) groups).
template <int PACKING, int BITS, int BX, int BY, int PASSES, bool EARLY_HALO = true>
static __device__ __forceinline__ void smemKernel(const Params& p, u64* tile) {
    SmemRows<PACKING, BITS, BX, BY, PASSES, 0, 2 * BY + 2, EARLY_HALO> a;
    a.issue(p);
    a.store(p, tile);
    if constexpr (PASSES == 2) {
        SmemRows<PACKING, BITS, BX, BY, PASSES, 2 * BY + 2, 2 * BY, EARLY_HALO> b;
        b.issue(p); // in flight while pass 0 is computed
        __syncthreads();
        smemComputePass<BX, BY, 0, PASSES>(p, tile);
        b.store(p, tile); // rows pass 0 does not read
        __syncthreads();
        smemComputePass<BX, BY, 1, PASSES>(p, tile);
    } else {
        __syncthreads();
        smemComputePass<BX, BY, 0, PASSES>(p, tile);
    }
}

#define GEVGATE_DEFINE_BLOCK_KERNEL(NAME, PACKING, BITS, BX, BY, PASSES, MINB)                  \
    extern "C" __global__ void __launch_bounds__(BX * BY, MINB) gg_##NAME(const Params p) {     \
        __shared__ u64 tile[(2 * BY * PASSES + 2) * (BX + 2)];                                  \
        smemKernel<PACKING, BITS, BX, BY, PASSES, earlyHalo(PACKING, BITS)>(p, tile);           \
    }

#ifndef GEVGATE_NO_ENTRY_POINTS // experiments/bayer-profile/driver.cu defines its own entry points
GEVGATE_BLOCK_KERNELS(GEVGATE_DEFINE_BLOCK_KERNEL)
#endif
#endif
