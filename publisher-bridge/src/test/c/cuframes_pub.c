/*
 * C conformance publisher, written from docs/cuframes-protocol.md (memfd backend, NV12).
 * usage: cuframes_pub SOCKET_DIR KEY WIDTH HEIGHT RING FRAMES INTERVAL_US
 * Policy STRICT_WAIT (ack timeout 5 s, §7.1), so a slow subscriber is never overrun.
 * Prints READY, waits (≤ 10 s) for a first subscriber, publishes FRAMES pattern frames with
 * pts = 1000 + seq, waits ≤ 5 s for the subscribers to leave, then shuts down (§5.10).
 */
#include "cuframes_wire.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>

static uint8_t *hdr;
static int slot_fds[CF_MAX_RING];
static uint32_t ring;
static uint64_t slot_size;
static char shm_name[128];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int owners[32];          /* client fd per bit, -1 = free */
static volatile int stopping;

static void send_error(int fd, int32_t code, const char *text) {
    uint8_t p[8 + 256];
    uint32_t n = (uint32_t)strlen(text);
    if (n > 256) n = 256;
    wr32(p, (uint32_t)code);
    wr32(p + 4, n);
    memcpy(p + 8, text, n);
    cf_send_msg(fd, CF_ERROR, p, 8 + n, NULL, 0);
}

static void release_bit(int bit, int fd) {
    pthread_mutex_lock(&lock);
    if (bit > 0 && owners[bit] == fd) {
        __atomic_fetch_and(u64at(hdr, CF_OFF_BITMAP), ~(1ull << bit), __ATOMIC_ACQ_REL);
        for (int i = 0; i < CF_MAX_RING; i++)
            __atomic_fetch_and(u64at(hdr, CF_OFF_SLOTS + (size_t)i * CF_SLOT_SIZE + CF_SLOT_EXPECTED), ~(1ull << bit), __ATOMIC_ACQ_REL);
        st_rel(hdr, CF_OFF_SUBS + (size_t)bit * CF_SUB_SIZE + CF_SUB_STATE, 0);
        owners[bit] = -1;
    }
    pthread_mutex_unlock(&lock);
}

static void *client(void *arg) {
    int fd = (int)(intptr_t)arg;
    int bit = -1;
    uint8_t buf[CF_MAX_PAYLOAD];
    uint32_t type, len = sizeof buf;
    int rc = cf_recv_msg(fd, &type, buf, &len, NULL, NULL, 5000);
    if (rc) { if (rc == -2) send_error(fd, CF_ERR_TIMEOUT, "no HELLO_REQ"); goto out; }
    if (type != CF_HELLO_REQ || len < 8) { send_error(fd, CF_ERR_PROTOCOL, "expected HELLO_REQ"); goto out; }
    uint32_t name_len = rd32(buf + 4);
    if (name_len > 31 || len < 28 + name_len) { send_error(fd, CF_ERR_PROTOCOL, "bad HELLO_REQ"); goto out; }
    int proto_ok = rd32(buf) == CF_PROTO;
    char name[32] = {0};
    memcpy(name, buf + 8, name_len);
    uint32_t mode = rd32(buf + 12 + name_len);
    int32_t dev = (int32_t)rd32(buf + 8 + name_len);
    uint8_t resp[96 + 128] = {0};
    uint32_t path_len = (uint32_t)strlen(shm_name);
    wr32(resp, (uint32_t)(proto_ok ? CF_OK : CF_ERR_PROTOCOL));
    wr32(resp + 4, CF_PROTO);
    wr32(resp + 8, ring);
    wr32(resp + 12, 0);
    memcpy(resp + 16, hdr + CF_OFF_META, 64);
    wr32(resp + 80, path_len);
    memcpy(resp + 84, shm_name, path_len);
    if (cf_send_msg(fd, CF_HELLO_RESP, resp, 96 + path_len, NULL, 0) || !proto_ok) goto out;
    len = sizeof buf;
    rc = cf_recv_msg(fd, &type, buf, &len, NULL, NULL, 5000);
    if (rc) { if (rc == -2) send_error(fd, CF_ERR_TIMEOUT, "no SUBSCRIBE_REQ"); goto out; }
    if (type != CF_SUBSCRIBE_REQ || len < 32 || rd32(buf) != CF_PROTO) { send_error(fd, CF_ERR_PROTOCOL, "expected SUBSCRIBE_REQ"); goto out; }
    uint64_t initial_seq = CF_NONE;
    pthread_mutex_lock(&lock);
    for (int b = 1; b <= 31; b++) {
        if (owners[b] < 0) {
            bit = b;
            initial_seq = ld_acq(hdr, CF_OFF_GLOBAL_SEQ); /* read before the bit is set (§5.9) */
            owners[b] = fd;
            uint8_t *e = hdr + CF_OFF_SUBS + (size_t)b * CF_SUB_SIZE;
            memset(e + CF_SUB_NAME, 0, 32);
            memcpy(e + CF_SUB_NAME, name, strlen(name));
            wr32(e + CF_SUB_MODE, mode);
            wr32(e + CF_SUB_DEVICE, (uint32_t)dev);
            st_rel(hdr, CF_OFF_SUBS + (size_t)b * CF_SUB_SIZE + CF_SUB_STATE, 1);
            for (int i = 0; i < CF_MAX_RING; i++)
                __atomic_fetch_and(u64at(hdr, CF_OFF_SLOTS + (size_t)i * CF_SLOT_SIZE + CF_SLOT_EXPECTED), ~(1ull << b), __ATOMIC_ACQ_REL);
            __atomic_fetch_or(u64at(hdr, CF_OFF_BITMAP), 1ull << b, __ATOMIC_ACQ_REL);
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    uint8_t sr[28] = {0};
    if (bit < 0) {
        wr32(sr, (uint32_t)CF_ERR_TOO_MANY);
        cf_send_msg(fd, CF_SUBSCRIBE_RESP, sr, 28, NULL, 0);
        goto out;
    }
    wr32(sr, CF_OK);
    wr32(sr + 4, (uint32_t)bit);
    wr64(sr + 8, initial_seq);
    if (cf_send_msg(fd, CF_SUBSCRIBE_RESP, sr, 28, NULL, 0)) goto out;
    uint8_t vf[16] = {0};
    wr64(vf, slot_size);
    wr32(vf + 8, ring);
    if (cf_send_msg(fd, CF_VMM_FDS, vf, 16, slot_fds, (int)ring)) goto out;
    st_rel(hdr, CF_OFF_SUBS + (size_t)bit * CF_SUB_SIZE + CF_SUB_STATE, 2);
    /* monitor: PING -> PONG; EOF frees the bit */
    for (;;) {
        len = sizeof buf;
        rc = cf_recv_msg(fd, &type, buf, &len, NULL, NULL, -1);
        if (rc) break;
        if (type == CF_PING) cf_send_msg(fd, CF_PONG, buf, len, NULL, 0);
        else { send_error(fd, CF_ERR_PROTOCOL, "only PING after the handshake"); break; }
    }
out:
    release_bit(bit, fd);
    close(fd);
    return NULL;
}

static int listen_fd = -1;

static void *acceptor(void *arg) {
    (void)arg;
    while (!stopping) {
        int c = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (c < 0) { if (stopping) break; if (errno == EINTR) continue; usleep(1000); continue; }
        pthread_t t;
        pthread_create(&t, NULL, client, (void *)(intptr_t)c);
        pthread_detach(t);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: %s SOCKET_DIR KEY WIDTH HEIGHT RING FRAMES INTERVAL_US\n", argv[0]);
        return 64;
    }
    const char *dir = argv[1], *key = argv[2];
    int32_t w = atoi(argv[3]), h = atoi(argv[4]);
    ring = (uint32_t)atoi(argv[5]);
    long frames = atol(argv[6]);
    long interval = atol(argv[7]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < 32; i++) owners[i] = -1;

    /* §3.6 pitch rule with alignment 1: NV12 */
    int32_t pitch = w;
    uint64_t frame_size = (uint64_t)pitch * (uint64_t)h + (uint64_t)pitch * (uint64_t)(h / 2);
    slot_size = (frame_size + 4095) & ~4095ull;

    snprintf(shm_name, sizeof shm_name, "/cuframes-%s", key);
    int shm = shm_open(shm_name, O_CREAT | O_EXCL | O_RDWR, 0660);
    if (shm < 0 && errno == EEXIST) { /* §2.1 simplified: tests use fresh keys */ shm_unlink(shm_name); shm = shm_open(shm_name, O_CREAT | O_EXCL | O_RDWR, 0660); }
    if (shm < 0 || ftruncate(shm, CF_HDR_SIZE)) { perror("shm"); return 2; }
    hdr = mmap(NULL, CF_HDR_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, shm, 0);
    if (hdr == MAP_FAILED) { perror("mmap"); return 2; }
    for (uint32_t i = 0; i < ring; i++) {
        char n[64];
        snprintf(n, sizeof n, "cuframes-%s-slot%u", key, i);
        slot_fds[i] = memfd_create(n, MFD_CLOEXEC);
        if (slot_fds[i] < 0 || ftruncate(slot_fds[i], (off_t)slot_size)) { perror("memfd"); return 2; }
    }
    uint8_t *slots[CF_MAX_RING];
    for (uint32_t i = 0; i < ring; i++) {
        slots[i] = mmap(NULL, slot_size, PROT_READ | PROT_WRITE, MAP_SHARED, slot_fds[i], 0);
        if (slots[i] == MAP_FAILED) { perror("mmap slot"); return 2; }
    }
    /* §3.2 initial values; magic last */
    wr32(hdr + CF_OFF_PROTO, CF_PROTO);
    wr32(hdr + CF_OFF_LIB_MAJOR, 0);
    wr32(hdr + CF_OFF_LIB_MINOR, 4);
    wr32(hdr + CF_OFF_LIB_PATCH, 0);
    wr32(hdr + CF_OFF_RING_SIZE, ring);
    wr64(hdr + CF_OFF_PRODUCER_PID, (uint64_t)getpid());
    wr32(hdr + CF_OFF_POLICY, 1);         /* STRICT_WAIT */
    wr32(hdr + CF_OFF_OWNERSHIP, 0);
    wr32(hdr + CF_OFF_ACK_TIMEOUT, 5000);
    wr32(hdr + CF_OFF_MEMORY_BACKEND, CF_BACKEND_MEMFD);
    wr64(hdr + CF_OFF_SLOT_SIZE, slot_size);
    wr32(hdr + CF_OFF_META + CF_META_FORMAT, 0);
    wr32(hdr + CF_OFF_META + CF_META_WIDTH, (uint32_t)w);
    wr32(hdr + CF_OFF_META + CF_META_HEIGHT, (uint32_t)h);
    wr32(hdr + CF_OFF_META + CF_META_PITCH_Y, (uint32_t)pitch);
    wr32(hdr + CF_OFF_META + CF_META_PITCH_UV, (uint32_t)pitch);
    wr64(hdr + CF_OFF_META + CF_META_FRAME_SIZE, frame_size);
    st_rel(hdr, CF_OFF_SHUTDOWN, 0);
    st_rel(hdr, CF_OFF_BITMAP, 0);
    st_rel(hdr, CF_OFF_GLOBAL_SEQ, CF_NONE);
    for (uint32_t i = 0; i < ring; i++) st_rel(hdr, CF_OFF_SLOTS + (size_t)i * CF_SLOT_SIZE + CF_SLOT_SEQ, CF_NONE);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    wr32(hdr + CF_OFF_MAGIC, CF_MAGIC);

    /* socket */
    mkdir(dir, 0755);
    struct sockaddr_un sa = {0};
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/%s.sock", dir, key);
    unlink(sa.sun_path);
    listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (bind(listen_fd, (struct sockaddr *)&sa, sizeof sa) || chmod(sa.sun_path, 0660) || listen(listen_fd, 64)) { perror("socket"); return 2; }
    pthread_t acc;
    pthread_create(&acc, NULL, acceptor, NULL);
    printf("READY %d\n", getpid());

    int64_t wait_end = now_ms() + 10000;
    while (ld_acq(hdr, CF_OFF_BITMAP) == 0 && now_ms() < wait_end) usleep(1000);

    /* §7.1 acquire + publish */
    for (uint64_t seq = 0; seq < (uint64_t)frames; seq++) {
        uint32_t idx = (uint32_t)(seq % ring);
        size_t so = CF_OFF_SLOTS + (size_t)idx * CF_SLOT_SIZE;
        if (ld_acq(hdr, so + CF_SLOT_SEQ) != CF_NONE) { /* STRICT_WAIT: everyone who saw it acks */
            int64_t ack_deadline = now_ms() + 5000;
            for (;;) {
                uint64_t bm = ld_acq(hdr, CF_OFF_BITMAP) & ld_acq(hdr, so + CF_SLOT_EXPECTED);
                if ((ld_acq(hdr, so + CF_SLOT_ACK) & bm) == bm) break;
                if (now_ms() > ack_deadline) {
                    uint64_t missing = bm & ~ld_acq(hdr, so + CF_SLOT_ACK);
                    __atomic_fetch_and(u64at(hdr, CF_OFF_BITMAP), ~missing, __ATOMIC_ACQ_REL);
                    printf("EVICTED 0x%llx\n", (unsigned long long)missing);
                    break;
                }
                usleep(100);
            }
        }
        st_rel(hdr, so + CF_SLOT_SEQ, CF_NONE);            /* invalidate before writing */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        for (uint64_t i = 0; i < frame_size; i++) slots[idx][i] = cf_pattern(seq, i);
        st_rel(hdr, so + CF_SLOT_PTS, 1000 + seq);
        st_rel(hdr, so + CF_SLOT_ACK, 0);
        st_rel(hdr, so + CF_SLOT_EXPECTED, ld_acq(hdr, CF_OFF_BITMAP));
        st_rel(hdr, so + CF_SLOT_SEQ, seq);
        st_rel(hdr, CF_OFF_GLOBAL_SEQ, seq);
        if (interval > 0) usleep((useconds_t)interval);
    }
    printf("PUBLISHED %ld\n", frames);
    wait_end = now_ms() + 5000;
    while (ld_acq(hdr, CF_OFF_BITMAP) != 0 && now_ms() < wait_end) usleep(1000);

    /* §5.10 shutdown */
    stopping = 1;
    st_rel(hdr, CF_OFF_SHUTDOWN, 1);
    shutdown(listen_fd, SHUT_RDWR);
    unlink(sa.sun_path);
    pthread_mutex_lock(&lock);
    for (int b = 1; b < 32; b++) if (owners[b] >= 0) shutdown(owners[b], SHUT_RDWR);
    pthread_mutex_unlock(&lock);
    shm_unlink(shm_name);
    pthread_join(acc, NULL);
    close(listen_fd);
    printf("EXIT\n");
    return 0;
}
