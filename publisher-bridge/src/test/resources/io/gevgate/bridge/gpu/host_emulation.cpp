// Runs the kernels of conversions.cu on the CPU, thread by thread, exactly over the grid the Java
// KernelPlan chooses: a GPU-less check that the kernels' arithmetic gives the CPU reference's bytes.
// Protocol (stdin -> stdout, little-endian, repeated until EOF):
//   in : u32 nameLen, name, 136-byte Params (addresses ignored), u32 gridX gridY blockX blockY,
//        u64 srcLen, src bytes, u64 dst0Len, dst0 bytes, u64 dst1Len, dst1 bytes
//   out: dst0 bytes, dst1 bytes (after the kernel ran)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <string>
#include <vector>

#define GEVGATE_HOST_EMULATION 1
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;
struct dim3 { unsigned x, y, z; };
static dim3 blockIdx, threadIdx, blockDim, gridDim;
#define __global__
#define __device__
#define __forceinline__ inline
#define __noinline__
#define __restrict__
#define __launch_bounds__(...)
// CUDA's __byte_perm (default mode): result byte n = byte (selector nibble n & 7) of y:x.
static inline u32 __byte_perm(u32 x, u32 y, u32 s) {
    const u64 v = ((u64) y << 32) | x;
    u32 r = 0;
    for (int n = 0; n < 4; n++) r |= (u32) ((v >> (8 * ((s >> (4 * n)) & 7))) & 0xFF) << (8 * n);
    return r;
}

#include "conversions.cu"

typedef void (*Kernel)(const Params);
struct Entry { const char* name; Kernel fn; };
#define GEVGATE_ENTRY(NAME, BODY) { "gg_" #NAME, gg_##NAME },
static const Entry ENTRIES[] = { GEVGATE_KERNELS(GEVGATE_ENTRY) GEVGATE_BOUNDED_KERNELS(GEVGATE_ENTRY) };

// Block-shared kernels: the phases between the GPU kernel's barriers (s8x2: load | compute;
// s8x2d: load rows of pass 0 | compute pass 0, load rows of pass 1 | compute pass 1), emulated as
// each phase for every thread of the block before the next phase.
typedef void (*Phase)(const Params&, u64*);
struct BlockEntry { const char* name; Phase phases[4]; unsigned bx, by; int passes; };
#define GEVGATE_BLOCK_ENTRY(NAME, PACKING, BITS, BX, BY, PASSES, MINB)                         \
    { "gg_" #NAME,                                                                              \
      { smemPhaseLoad0<PACKING, BITS, BX, BY, PASSES>, smemPhaseCompute0<BX, BY, PASSES>,       \
        smemPhaseLoad1<PACKING, BITS, BX, BY, PASSES>, smemPhaseCompute1<BX, BY, PASSES> },     \
      BX, BY, PASSES },
static const BlockEntry BLOCK_ENTRIES[] = { GEVGATE_BLOCK_KERNELS(GEVGATE_BLOCK_ENTRY) };
static u64 sharedTile[(2 * 16 * 2 + 2) * (32 + 2)]; // room for BY <= 16, PASSES <= 2, BX <= 32

static bool readAll(void* p, size_t n) { return fread(p, 1, n, stdin) == n; }
static void die(const char* what) { fprintf(stderr, "host_emulation: %s\n", what); exit(2); }

int main() {
    for (;;) {
        u32 nameLen;
        if (fread(&nameLen, 4, 1, stdin) != 1) return 0;
        if (nameLen > 200) die("name too long");
        std::string name(nameLen, '\0');
        if (!readAll(&name[0], nameLen)) die("truncated name");
        Params p;
        static_assert(sizeof(Params) == 136, "Params must be 136 bytes");
        if (!readAll(&p, sizeof p)) die("truncated params");
        u32 geo[4];
        if (!readAll(geo, sizeof geo)) die("truncated geometry");
        std::vector<u8> buf[3];
        for (int i = 0; i < 3; i++) {
            u64 n;
            if (!readAll(&n, 8)) die("truncated length");
            if (n > (1ull << 31)) die("buffer too large");
            buf[i].resize(n + 1); // +1: never a null data() for an empty buffer
            if (!readAll(buf[i].data(), n)) die("truncated buffer");
            buf[i].resize(n);
        }
        Kernel fn = nullptr;
        for (const Entry& e : ENTRIES) if (name == e.name) fn = e.fn;
        const BlockEntry* blockKernel = nullptr;
        for (const BlockEntry& e : BLOCK_ENTRIES) if (name == e.name) blockKernel = &e;
        if (!fn && !blockKernel) { fprintf(stderr, "host_emulation: unknown kernel %s\n", name.c_str()); return 3; }
        p.src = (u64) buf[0].data();
        p.dst0 = (u64) buf[1].data();
        p.dst1 = (u64) buf[2].data();
        gridDim = {geo[0], geo[1], 1};
        blockDim = {geo[2], geo[3], 1};
        if (blockKernel && (blockDim.x != blockKernel->bx || blockDim.y != blockKernel->by)) die("block kernel launched with the wrong block shape");
        if (blockKernel && (blockKernel->bx > 32 || blockKernel->by > 16)) die("block kernel larger than the emulated shared tile");
        for (unsigned by = 0; by < gridDim.y && blockKernel; by++)
            for (unsigned bx = 0; bx < gridDim.x; bx++) {
                // poison: a phase-2 read of a group phase 1 did not write gives wrong bytes
                memset(sharedTile, 0xA5, sizeof sharedTile);
                for (int phase = 0; phase < 2 * blockKernel->passes; phase++)
                    for (unsigned ty = 0; ty < blockDim.y; ty++)
                        for (unsigned tx = 0; tx < blockDim.x; tx++) {
                            blockIdx = {bx, by, 0};
                            threadIdx = {tx, ty, 0};
                            blockKernel->phases[phase](p, sharedTile);
                        }
            }
        for (unsigned by = 0; by < gridDim.y && fn; by++)
            for (unsigned bx = 0; bx < gridDim.x; bx++)
                for (unsigned ty = 0; ty < blockDim.y; ty++)
                    for (unsigned tx = 0; tx < blockDim.x; tx++) {
                        blockIdx = {bx, by, 0};
                        threadIdx = {tx, ty, 0};
                        fn(p);
                    }
        fwrite(buf[1].data(), 1, buf[1].size(), stdout);
        fwrite(buf[2].data(), 1, buf[2].size(), stdout);
        fflush(stdout);
    }
}
