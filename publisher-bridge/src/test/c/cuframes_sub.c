/*
 * C conformance subscriber, written from docs/cuframes-protocol.md.
 * usage: cuframes_sub SOCKET_DIR KEY COUNT MODE(0 newest|1 strict) TIMEOUT_MS [DUMP_FILE]
 * Receives COUNT frames (memfd backend), checks every byte against the shared test pattern
 * and prints "FRAME seq pts" per frame and "DONE received=N gaps=G bad=B torn=T" at the end.
 * Exit 0 only if COUNT frames arrived and none was bad. With CF_SUB_HASH=1 the pattern check is
 * replaced by "HASH seq pts fnv1a64" per frame (content checked by the caller, e.g. a converted frame).
 * With DUMP_FILE (gateway tests, whose frames are camera images, not the shared pattern) the
 * pattern check is skipped and every intact frame is appended as: u64 seq, i64 pts, frame bytes
 * (little-endian); the test verifies the bytes itself.
 */
#include "cuframes_wire.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

/*
 * CUDA VMM import (§4, memory_backend 0) through the driver API, loaded with dlopen so this
 * file builds without CUDA headers and runs on hosts without a GPU (memfd only there).
 */
typedef int CUresult;
typedef unsigned long long CUdeviceptr;
typedef unsigned long long CUmemHandle;
typedef struct { int type; int id; } CUmemLocation;
typedef struct { CUmemLocation location; int flags; } CUmemAccessDesc;
#define CU_MEM_LOCATION_TYPE_DEVICE 1
#define CU_MEM_ACCESS_FLAGS_PROT_READWRITE 3
#define CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR 1
static CUresult (*p_cuInit)(unsigned);
static CUresult (*p_cuDeviceGet)(int *, int);
static CUresult (*p_cuDevicePrimaryCtxRetain)(void **, int);
static CUresult (*p_cuCtxSetCurrent)(void *);
static CUresult (*p_cuMemImportFromShareableHandle)(CUmemHandle *, void *, int);
static CUresult (*p_cuMemAddressReserve)(CUdeviceptr *, size_t, size_t, CUdeviceptr, unsigned long long);
static CUresult (*p_cuMemMap)(CUdeviceptr, size_t, size_t, CUmemHandle, unsigned long long);
static CUresult (*p_cuMemSetAccess)(CUdeviceptr, size_t, const CUmemAccessDesc *, size_t);
static CUresult (*p_cuMemcpyDtoH)(void *, CUdeviceptr, size_t);

static int cuda_load(void) {
    void *lib = dlopen("libcuda.so.1", RTLD_NOW);
    if (!lib) { printf("FAIL dlopen libcuda.so.1: %s\n", dlerror()); return -1; }
#define SYM(var, name) if (!(*(void **)&var = dlsym(lib, name))) { printf("FAIL dlsym %s\n", name); return -1; }
    SYM(p_cuInit, "cuInit")
    SYM(p_cuDeviceGet, "cuDeviceGet")
    SYM(p_cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain")
    SYM(p_cuCtxSetCurrent, "cuCtxSetCurrent")
    SYM(p_cuMemImportFromShareableHandle, "cuMemImportFromShareableHandle")
    SYM(p_cuMemAddressReserve, "cuMemAddressReserve")
    SYM(p_cuMemMap, "cuMemMap")
    SYM(p_cuMemSetAccess, "cuMemSetAccess")
    SYM(p_cuMemcpyDtoH, "cuMemcpyDtoH_v2")
#undef SYM
    int dev;
    void *ctx;
    if (p_cuInit(0) || p_cuDeviceGet(&dev, 0) || p_cuDevicePrimaryCtxRetain(&ctx, dev) || p_cuCtxSetCurrent(ctx)) {
        printf("FAIL CUDA context on device 0\n");
        return -1;
    }
    return 0;
}

/* Imports one slot FD: import, close the fd, reserve, map, set access (§4). */
static int cuda_import(int fd, size_t size, CUdeviceptr *out) {
    CUmemHandle h;
    CUresult rc = p_cuMemImportFromShareableHandle(&h, (void *)(uintptr_t)fd, CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR);
    close(fd);
    if (rc) { printf("FAIL cuMemImportFromShareableHandle %d\n", rc); return -1; }
    if ((rc = p_cuMemAddressReserve(out, size, 0, 0, 0))) { printf("FAIL cuMemAddressReserve %d\n", rc); return -1; }
    if ((rc = p_cuMemMap(*out, size, 0, h, 0))) { printf("FAIL cuMemMap %d\n", rc); return -1; }
    CUmemAccessDesc a = {{CU_MEM_LOCATION_TYPE_DEVICE, 0}, CU_MEM_ACCESS_FLAGS_PROT_READWRITE};
    if ((rc = p_cuMemSetAccess(*out, size, &a, 1))) { printf("FAIL cuMemSetAccess %d\n", rc); return -1; }
    return 0;
}

static int fail(const char *what) {
    printf("FAIL %s (errno %d %s)\n", what, errno, strerror(errno));
    fflush(stdout);
    return 2;
}

static int peer_closed(int fd) {
    struct pollfd p = {fd, POLLIN | POLLRDHUP, 0};
    if (poll(&p, 1, 0) <= 0) return 0;
    if (p.revents & (POLLHUP | POLLRDHUP | POLLERR)) return 1;
    char c;
    ssize_t r = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return r == 0;
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: %s SOCKET_DIR KEY COUNT MODE TIMEOUT_MS [DUMP_FILE]\n", argv[0]);
        return 64;
    }
    FILE *dump = NULL;
    if (argc == 7 && !(dump = fopen(argv[6], "wb"))) {
        printf("FAIL cannot open %s: %s\n", argv[6], strerror(errno));
        return 64;
    }
    const char *dir = argv[1], *key = argv[2];
    long count = atol(argv[3]);
    uint32_t mode = (uint32_t)atoi(argv[4]);
    int timeout_ms = atoi(argv[5]);
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* §5.9 step 1: connect with 100 ms retries */
    struct sockaddr_un sa = {0};
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/%s.sock", dir, key);
    int s = -1;
    int64_t deadline = now_ms() + 10000;
    for (;;) {
        s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (connect(s, (struct sockaddr *)&sa, sizeof sa) == 0) break;
        close(s);
        if (now_ms() > deadline) return fail("connect");
        usleep(100000);
    }

    /* step 2: HELLO_REQ (28 + N) */
    const char *name = "c-conformance";
    uint32_t n = (uint32_t)strlen(name);
    uint8_t hello[28 + 31] = {0};
    wr32(hello, CF_PROTO);
    wr32(hello + 4, n);
    memcpy(hello + 8, name, n);
    wr32(hello + 8 + n, 0);      /* cuda_device */
    wr32(hello + 12 + n, mode);  /* mode */
    if (cf_send_msg(s, CF_HELLO_REQ, hello, 28 + n, NULL, 0)) return fail("send HELLO_REQ");
    uint8_t buf[CF_MAX_PAYLOAD];
    uint32_t type, len = sizeof buf;
    if (cf_recv_msg(s, &type, buf, &len, NULL, NULL, 5000)) return fail("recv HELLO_RESP");
    if (type != CF_HELLO_RESP || len < 84) { printf("FAIL HELLO_RESP type 0x%x len %u\n", type, len); return 3; }
    if ((int32_t)rd32(buf) != CF_OK || rd32(buf + 4) != CF_PROTO) { printf("FAIL HELLO_RESP result %d proto %u\n", (int32_t)rd32(buf), rd32(buf + 4)); return 3; }
    uint32_t path_len = rd32(buf + 80);
    if (path_len > len - 84) { printf("FAIL shm_path_len %u\n", path_len); return 3; }
    char shm_path[256] = {0};
    memcpy(shm_path, buf + 84, path_len < 255 ? path_len : 255);

    /* step 3: SUBSCRIBE_REQ (32 bytes) -> SUBSCRIBE_RESP (28) */
    uint8_t subreq[32] = {0};
    wr32(subreq, CF_PROTO);
    if (cf_send_msg(s, CF_SUBSCRIBE_REQ, subreq, 32, NULL, 0)) return fail("send SUBSCRIBE_REQ");
    len = sizeof buf;
    if (cf_recv_msg(s, &type, buf, &len, NULL, NULL, 5000)) return fail("recv SUBSCRIBE_RESP");
    if (type != CF_SUBSCRIBE_RESP || len < 16) { printf("FAIL SUBSCRIBE_RESP type 0x%x len %u\n", type, len); return 3; }
    int32_t result = (int32_t)rd32(buf);
    if (result != CF_OK) { printf("FAIL SUBSCRIBE_RESP result %d\n", result); return 4; }
    uint32_t bit = rd32(buf + 4);
    uint64_t last = rd64(buf + 8);

    /* step 4: VMM_FDS with SCM_RIGHTS */
    int fds[64], nfds = 0;
    len = sizeof buf;
    if (cf_recv_msg(s, &type, buf, &len, fds, &nfds, 5000)) return fail("recv VMM_FDS");
    if (type != CF_VMM_FDS || len < 12) { printf("FAIL VMM_FDS type 0x%x len %u\n", type, len); return 3; }
    uint64_t slot_size = rd64(buf);
    uint32_t fd_count = rd32(buf + 8);
    if ((int)fd_count != nfds) { printf("FAIL fd_count %u but %d fds\n", fd_count, nfds); return 3; }

    /* step 5: map the header RW and check it */
    int shm = shm_open(shm_path, O_RDWR, 0);
    if (shm < 0) return fail("shm_open");
    uint8_t *h = mmap(NULL, CF_HDR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, shm, 0);
    if (h == MAP_FAILED) return fail("mmap header");
    if (rd32(h + CF_OFF_MAGIC) != CF_MAGIC || rd32(h + CF_OFF_PROTO) != CF_PROTO) {
        printf("FAIL header magic 0x%08x proto %u\n", rd32(h + CF_OFF_MAGIC), rd32(h + CF_OFF_PROTO));
        return 3;
    }
    uint32_t ring = rd32(h + CF_OFF_RING_SIZE);
    uint32_t backend = rd32(h + CF_OFF_MEMORY_BACKEND);
    if (ring != fd_count || (backend != CF_BACKEND_MEMFD && backend != CF_BACKEND_VMM) || rd64(h + CF_OFF_SLOT_SIZE) != slot_size) {
        printf("FAIL ring %u fds %u backend %u slot_size %llu/%llu\n", ring, fd_count, rd32(h + CF_OFF_MEMORY_BACKEND),
               (unsigned long long)rd64(h + CF_OFF_SLOT_SIZE), (unsigned long long)slot_size);
        return 3;
    }
    uint64_t frame_size = rd64(h + CF_OFF_META + CF_META_FRAME_SIZE);
    printf("CONNECTED bit=%u ring=%u format=%u %dx%d pitch_y=%d pitch_uv=%d frame_size=%llu slot_size=%llu\n", bit, ring,
           rd32(h + CF_OFF_META + CF_META_FORMAT), (int32_t)rd32(h + CF_OFF_META + CF_META_WIDTH),
           (int32_t)rd32(h + CF_OFF_META + CF_META_HEIGHT), (int32_t)rd32(h + CF_OFF_META + CF_META_PITCH_Y),
           (int32_t)rd32(h + CF_OFF_META + CF_META_PITCH_UV), (unsigned long long)frame_size, (unsigned long long)slot_size);

    /* step 6: import the slots (memfd: mmap; VMM: CUDA driver) */
    uint8_t *slots[CF_MAX_RING] = {0};
    CUdeviceptr dptr[CF_MAX_RING] = {0};
    if (backend == CF_BACKEND_VMM && cuda_load()) return 5;
    for (uint32_t i = 0; i < ring; i++) {
        if (backend == CF_BACKEND_VMM) {
            if (cuda_import(fds[i], slot_size, &dptr[i])) return 5;
            continue;
        }
        slots[i] = mmap(NULL, slot_size, PROT_READ, MAP_SHARED, fds[i], 0);
        if (slots[i] == MAP_FAILED) return fail("mmap slot");
        close(fds[i]);
    }
    printf("IMPORTED %s\n", backend == CF_BACKEND_VMM ? "vmm" : "memfd");

    /* §7.2 read loop */
    uint8_t *copy = malloc(frame_size);
    /* CF_SUB_HASH=1: print each frame's FNV-1a 64 hash instead of checking the test pattern */
    int hash_mode = getenv("CF_SUB_HASH") != NULL && getenv("CF_SUB_HASH")[0] == '1';
    long received = 0, bad = 0, torn = 0, gaps = 0;
    int64_t end = now_ms() + timeout_ms;
    while (received < count) {
        if (ld_acq(h, CF_OFF_SHUTDOWN) != 0) { printf("DISCONNECTED shutdown_flag\n"); break; }
        uint64_t gs = ld_acq(h, CF_OFF_GLOBAL_SEQ);
        if (gs != CF_NONE && (last == CF_NONE || gs > last)) {
            uint64_t target;
            /* STRICT_ORDER starts at initial_seq + 1 (NONE + 1 = 0): every frame published after
               SUBSCRIBE_RESP; an overrun before the first frame restarts at the newest (§7.2) */
            if (mode == 0 || (received == 0 && gs - last > ring)) target = gs;
            else if (gs - last > ring) { printf("DISCONNECTED overrun at %llu newest %llu\n", (unsigned long long)last, (unsigned long long)gs); break; }
            else target = last + 1;
            uint32_t idx = (uint32_t)(target % ring);
            size_t so = CF_OFF_SLOTS + (size_t)idx * CF_SLOT_SIZE;
            if (ld_acq(h, so + CF_SLOT_SEQ) != target) continue;
            int64_t pts = (int64_t)ld_acq(h, so + CF_SLOT_PTS);
            if (ld_acq(h, so + CF_SLOT_SEQ) != target) continue;
            if (received > 0 && target > last + 1) gaps += (long)(target - last - 1);
            if (received == 0 || target > last + 1) { /* §7.2: ack skipped frames */
                for (uint32_t i = 0; i < ring; i++) {
                    uint64_t sq = ld_acq(h, CF_OFF_SLOTS + (size_t)i * CF_SLOT_SIZE + CF_SLOT_SEQ);
                    if (sq != CF_NONE && sq < target)
                        __atomic_fetch_or(u64at(h, CF_OFF_SLOTS + (size_t)i * CF_SLOT_SIZE + CF_SLOT_ACK), 1ull << bit, __ATOMIC_RELEASE);
                }
            }
            last = target;
            if (backend == CF_BACKEND_VMM) {
                if (p_cuMemcpyDtoH(copy, dptr[idx], frame_size)) { printf("FAIL cuMemcpyDtoH\n"); return 5; }
            } else {
                memcpy(copy, slots[idx], frame_size);
            }
            __atomic_thread_fence(__ATOMIC_ACQUIRE);
            int intact = ld_acq(h, so + CF_SLOT_SEQ) == target;
            __atomic_fetch_or(u64at(h, so + CF_SLOT_ACK), 1ull << bit, __ATOMIC_RELEASE); /* release */
            received++;
            if (!intact) { torn++; printf("FRAME %llu %lld torn\n", (unsigned long long)target, (long long)pts); continue; }
            if (hash_mode) { /* content checked by the caller (e.g. a converted camera frame): FNV-1a 64 */
                uint64_t hsh = 0xcbf29ce484222325ull;
                for (uint64_t i = 0; i < frame_size; i++) { hsh ^= copy[i]; hsh *= 0x100000001b3ull; }
                printf("HASH %llu %lld %016llx\n", (unsigned long long)target, (long long)pts, (unsigned long long)hsh);
                continue;
            }
            if (dump) {
                uint64_t rec[2] = {target, (uint64_t)pts};
                if (fwrite(rec, sizeof rec, 1, dump) != 1 || fwrite(copy, 1, frame_size, dump) != frame_size) {
                    printf("FAIL dump write\n");
                    return 5;
                }
                printf("FRAME %llu %lld dumped\n", (unsigned long long)target, (long long)pts);
                continue;
            }
            uint64_t mism = UINT64_MAX;
            for (uint64_t i = 0; i < frame_size; i++) {
                if (copy[i] != cf_pattern(target, i)) { mism = i; break; }
            }
            if (mism != UINT64_MAX) { bad++; printf("FRAME %llu %lld BAD at byte %llu\n", (unsigned long long)target, (long long)pts, (unsigned long long)mism); }
            else printf("FRAME %llu %lld ok\n", (unsigned long long)target, (long long)pts);
            continue;
        }
        if (now_ms() > end) { printf("TIMEOUT\n"); break; }
        if (peer_closed(s)) { printf("DISCONNECTED socket EOF\n"); break; }
        usleep(50);
    }
    printf("DONE received=%ld gaps=%ld bad=%ld torn=%ld\n", received, gaps, bad, torn);
    /* destroy: leave the bitmap, unmap, close */
    __atomic_fetch_and(u64at(h, CF_OFF_BITMAP), ~(1ull << bit), __ATOMIC_ACQ_REL);
    for (uint32_t i = 0; i < ring; i++) if (slots[i]) munmap(slots[i], slot_size);
    munmap(h, CF_HDR_SIZE);
    close(shm);
    close(s);
    free(copy);
    if (dump && fclose(dump) != 0) { printf("FAIL dump close\n"); return 5; }
    return (received == count && bad == 0) ? 0 : 1;
}
