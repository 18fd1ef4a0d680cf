// Stand-alone timing/profiling driver for the Bayer -> NV12 kernels (issue 9, third round).
// Not part of the product: it compiles conversions.cu with nvcc (same ptxas as NVRTC), times each
// variant the way GpuBenchmark does (300 back-to-back launches on one stream behind a 40 ms spin
// kernel, CUDA events; D2D copy of (src + NV12)/2 bytes as the baseline), and checks every variant's
// bytes against the 4x2 kernel (which GpuConversionGpuTest proves equal to the CPU reference).
// Usage: driver [time|profile]   (profile: one launch of each variant at 3840x2160, for ncu)
// Build: nvcc -O3 -std=c++17 -arch=sm_90 -lineinfo -DGEVGATE_NO_ENTRY_POINTS -o driver driver.cu
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <string>

#include "../../publisher-bridge/src/main/resources/io/gevgate/bridge/gpu/conversions.cu"
#ifdef WITH_R2 // the second-round source, for a same-run comparison (build.sh puts it here)
namespace r2 {
#include "conversions_r2.cu"
}
#endif
#ifdef WITH_X // an experimental variant of the source (build.sh: $X), namespace x
namespace x {
#include "conversions_x.cu"
}
#endif

#include "variants.cuh"

#define CK(x) do { cudaError_t e_ = (x); if (e_ != cudaSuccess) { \
    fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, cudaGetErrorString(e_)); exit(1); } } while (0)

__global__ void spin(unsigned long long ns) {
    unsigned long long t0 = clock64();
    (void) t0;
    unsigned long long start;
    asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(start));
    for (;;) {
        unsigned long long now;
        asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(now));
        if (now - start >= ns) break;
    }
}

typedef void (*KernelFn)(const Params);  // r2::Params has the same layout
struct Variant { const char* name; KernelFn fn; int tileW, tileH; int packing; int gridStride; int bx = 32, by = 8; };

#define V8(NAME, TW, TH, GS) {#NAME "_u8", (KernelFn) NAME##_u8, TW, TH, 0, GS}
#define V8B(NAME, TW, TH, BX, BY) {#NAME "_u8_" #BX "x" #BY, (KernelFn) NAME##_u8, TW, TH, 0, 0, BX, BY}
#define V12(NAME, TW, TH, GS) {#NAME "_lsb_12", (KernelFn) NAME##_lsb_12, TW, TH, 2, GS}
#define V12B(NAME, TW, TH, BX, BY) {#NAME "_lsb_12_" #BX "x" #BY, (KernelFn) NAME##_lsb_12, TW, TH, 2, 0, BX, BY}

static Variant VARIANTS[] = { VARIANT_LIST };

int main(int argc, char** argv) {
    const bool profile = argc > 1 && strcmp(argv[1], "profile") == 0;
    const char* only = argc > 2 ? argv[2] : nullptr;
    int smCount = 0;
    CK(cudaDeviceGetAttribute(&smCount, cudaDevAttrMultiProcessorCount, 0));
    cudaStream_t stream;
    CK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    cudaEvent_t e0, e1;
    CK(cudaEventCreate(&e0));
    CK(cudaEventCreate(&e1));
    const int sizes[2][2] = {{1920, 1080}, {3840, 2160}};
    // BT.601 limited (YuvCoefficients)
    const int coef[15] = {16829, 33039, 6416, 16, -9714, -19070, 28784, 28784, -24103, -4681, 76309, 104597, -25675, -53279, 132201};
    const int nv = sizeof(VARIANTS) / sizeof(VARIANTS[0]);
    printf("%-34s %-10s %9s %9s %9s %5s %5s %9s\n", "kernel", "size", "kernel us", "D2D us", "conv/D2D", "regs", "local", "mismatch");
    for (int s = profile ? 1 : 0; s < 2; s++) {
        const int W = sizes[s][0], H = sizes[s][1];
        for (int packing = 0; packing <= 2; packing += 2) {
            const long stride = packing == 0 ? W : (W * 12 + 7) / 8;
            const long srcBytes = stride * H;
            const long yBytes = (long) W * H;
            const long uvPitch = W; // even W
            const long dstBytes = yBytes + uvPitch * (H / 2);
            const long copyBytes = (srcBytes + dstBytes) / 2;
            std::vector<unsigned char> host(srcBytes);
            unsigned long long x = 42;
            for (long i = 0; i < srcBytes; i++) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; host[i] = (unsigned char) (x >> 56); }
            unsigned char *src, *dst, *ref, *cs, *cd;
            CK(cudaMalloc(&src, srcBytes));
            CK(cudaMalloc(&dst, dstBytes));
            CK(cudaMalloc(&ref, dstBytes));
            CK(cudaMalloc(&cs, copyBytes));
            CK(cudaMalloc(&cd, copyBytes));
            CK(cudaMemcpy(src, host.data(), srcBytes, cudaMemcpyHostToDevice));
            Params p;
            memset(&p, 0, sizeof p);
            p.src = (u64) src; p.srcStride = stride; p.dst0 = (u64) dst; p.pitch0 = W; p.dst1 = (u64) (dst + yBytes);
            p.pitch1 = uvPitch; p.width = W; p.height = H; p.redX = 0; p.redY = 0;
            for (int i = 0; i < 15; i++) p.c[i] = coef[i];
            std::vector<unsigned char> refHost(dstBytes), outHost(dstBytes);
            bool haveRef = false;
            for (int v = 0; v < nv; v++) {
                const Variant& k = VARIANTS[v];
                if (k.packing != packing) continue;
                if (only && !strstr(k.name, only) && !strstr(k.name, "4x2")) continue;
                cudaFuncAttributes attr;
                CK(cudaFuncGetAttributes(&attr, (const void*) k.fn));
                int threadsX = (W + k.tileW - 1) / k.tileW, threadsY = (H + k.tileH - 1) / k.tileH;
                dim3 grid((threadsX + k.bx - 1) / k.bx, (threadsY + k.by - 1) / k.by), block(k.bx, k.by);
                if (k.gridStride) {
                    int perSm = 0;
                    CK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, k.fn, k.bx * k.by, 0));
                    grid = dim3(smCount * perSm * k.gridStride, 1);
                    p.reserved = (int) (((threadsX + 31) / 32) * ((threadsY + 7) / 8)); // virtual block count
                } else {
                    p.reserved = 0;
                }
                CK(cudaMemsetAsync(dst, 0xA5, dstBytes, stream));
                k.fn<<<grid, block, 0, stream>>>(p);
                CK(cudaGetLastError());
                CK(cudaStreamSynchronize(stream));
                CK(cudaMemcpy(outHost.data(), dst, dstBytes, cudaMemcpyDeviceToHost));
                long mismatch = 0;
                if (!haveRef) { refHost = outHost; haveRef = true; }
                else for (long i = 0; i < dstBytes; i++) mismatch += outHost[i] != refHost[i];
                if (profile) {
                    printf("%-34s %4dx%-5d profiled once, regs %d, mismatching bytes %ld, grid %u x %u\n", k.name, W, H, attr.numRegs, mismatch, grid.x, grid.y);
                    continue;
                }
                const int WARM = 20, N = 300;
                for (int i = 0; i < WARM; i++) k.fn<<<grid, block, 0, stream>>>(p);
                spin<<<1, 1, 0, stream>>>(40000000ULL);
                CK(cudaEventRecord(e0, stream));
                for (int i = 0; i < N; i++) k.fn<<<grid, block, 0, stream>>>(p);
                CK(cudaEventRecord(e1, stream));
                CK(cudaEventSynchronize(e1));
                float ms;
                CK(cudaEventElapsedTime(&ms, e0, e1));
                const double kus = 1000.0 * ms / N;
                for (int i = 0; i < WARM; i++) CK(cudaMemcpyAsync(cd, cs, copyBytes, cudaMemcpyDeviceToDevice, stream));
                spin<<<1, 1, 0, stream>>>(40000000ULL);
                CK(cudaEventRecord(e0, stream));
                for (int i = 0; i < N; i++) CK(cudaMemcpyAsync(cd, cs, copyBytes, cudaMemcpyDeviceToDevice, stream));
                CK(cudaEventRecord(e1, stream));
                CK(cudaEventSynchronize(e1));
                CK(cudaEventElapsedTime(&ms, e0, e1));
                const double cus = 1000.0 * ms / N;
                printf("%-34s %4dx%-5d %9.2f %9.2f %8.1f%% %5d %5zu %9ld\n", k.name, W, H, kus, cus, 100.0 * cus / kus,
                       attr.numRegs, attr.localSizeBytes, mismatch);
                fflush(stdout);
            }
            cudaFree(src); cudaFree(dst); cudaFree(ref); cudaFree(cs); cudaFree(cd);
        }
    }
    return 0;
}
