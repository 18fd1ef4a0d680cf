/*
 * cuframes v4 wire and shm layout, transcribed from docs/cuframes-protocol.md only.
 * Shared by the C conformance peers (cuframes_sub.c, cuframes_pub.c). x86-64/arm64 Linux,
 * little-endian host, packed layouts accessed by offset.
 */
#ifndef CUFRAMES_WIRE_H
#define CUFRAMES_WIRE_H

#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* §1 constants */
#define CF_MAGIC 0xCC7C1DCEu
#define CF_PROTO 4u
#define CF_MAX_RING 16
#define CF_MAX_PAYLOAD 4096u
#define CF_NONE UINT64_MAX

/* §3 frames header */
#define CF_HDR_SIZE 0x2100
#define CF_OFF_MAGIC 0x000
#define CF_OFF_PROTO 0x004
#define CF_OFF_LIB_MAJOR 0x008
#define CF_OFF_LIB_MINOR 0x00C
#define CF_OFF_LIB_PATCH 0x010
#define CF_OFF_RING_SIZE 0x014
#define CF_OFF_PRODUCER_PID 0x018
#define CF_OFF_POLICY 0x020
#define CF_OFF_OWNERSHIP 0x024
#define CF_OFF_ACK_TIMEOUT 0x028
#define CF_OFF_MEMORY_BACKEND 0x02C
#define CF_OFF_SLOT_SIZE 0x030
#define CF_OFF_SHUTDOWN 0x038
#define CF_OFF_META 0x040
#define CF_OFF_IPC_EVENT 0x080
#define CF_OFF_GLOBAL_SEQ 0x0C0
#define CF_OFF_BITMAP 0x0C8
#define CF_OFF_CUDA_DEVICE 0x0D0
#define CF_OFF_SLOTS 0x100
#define CF_SLOT_SIZE 192
#define CF_OFF_SUBS 0xD00
#define CF_SUB_SIZE 128
#define CF_OFF_SLOT_EVENTS 0x1D00
/* meta (relative to CF_OFF_META) */
#define CF_META_FORMAT 0
#define CF_META_WIDTH 4
#define CF_META_HEIGHT 8
#define CF_META_PITCH_Y 12
#define CF_META_PITCH_UV 16
#define CF_META_FRAME_SIZE 24
/* slot (relative) */
#define CF_SLOT_SEQ 0x40
#define CF_SLOT_PTS 0x48
#define CF_SLOT_ACK 0x50
#define CF_SLOT_EXPECTED 0x58
/* subscriber entry (relative) */
#define CF_SUB_STATE 0x00
#define CF_SUB_NAME 0x08
#define CF_SUB_MODE 0x28
#define CF_SUB_DEVICE 0x2C
#define CF_SUB_CONNECTED 0x30

#define CF_BACKEND_VMM 0
#define CF_BACKEND_MEMFD 1

/* §5 messages */
#define CF_HELLO_REQ 0x01
#define CF_HELLO_RESP 0x02
#define CF_SUBSCRIBE_REQ 0x03
#define CF_SUBSCRIBE_RESP 0x04
#define CF_VMM_FDS 0x05
#define CF_PING 0xF0
#define CF_PONG 0xF1
#define CF_ERROR 0xFE

/* §6 errors */
#define CF_OK 0
#define CF_ERR_TIMEOUT (-7)
#define CF_ERR_PROTOCOL (-8)
#define CF_ERR_DISCONNECTED (-9)
#define CF_ERR_TOO_MANY (-12)

static inline uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wr64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static inline uint64_t *u64at(uint8_t *base, size_t off) { return (uint64_t *)(void *)(base + off); }
static inline uint64_t ld_acq(uint8_t *base, size_t off) { return __atomic_load_n(u64at(base, off), __ATOMIC_ACQUIRE); }
static inline void st_rel(uint8_t *base, size_t off, uint64_t v) { __atomic_store_n(u64at(base, off), v, __ATOMIC_RELEASE); }

static inline int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The test pattern shared with the Java tests: byte i of frame seq. */
static inline uint8_t cf_pattern(uint64_t seq, uint64_t i) {
    return (uint8_t)(seq * 31u + i * 7u + (i >> 9));
}

/* Reads exactly n bytes within timeout_ms. 0 ok, -1 EOF/error, -2 timeout. */
static int cf_recv_all(int fd, uint8_t *buf, size_t n, int timeout_ms) {
    int64_t deadline = now_ms() + timeout_ms;
    size_t off = 0;
    while (off < n) {
        int left = timeout_ms < 0 ? -1 : (int)(deadline - now_ms());
        if (timeout_ms >= 0 && left <= 0) return -2;
        struct pollfd p = {fd, POLLIN, 0};
        int pr = poll(&p, 1, left);
        if (pr < 0 && errno == EINTR) continue;
        if (pr == 0) return -2;
        if (pr < 0) return -1;
        ssize_t r = recv(fd, buf + off, n - off, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        off += (size_t)r;
    }
    return 0;
}

static int cf_send_all(int fd, const uint8_t *buf, size_t n) {
    size_t off = 0;
    while (off < n) {
        ssize_t r = send(fd, buf + off, n - off, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        off += (size_t)r;
    }
    return 0;
}

/* Sends header + payload, with fds (SCM_RIGHTS) when nfds > 0, in one sendmsg. */
static int cf_send_msg(int fd, uint32_t type, const uint8_t *payload, uint32_t len, const int *fds, int nfds) {
    uint8_t msg[8 + CF_MAX_PAYLOAD];
    if (len > CF_MAX_PAYLOAD) return -1;
    wr32(msg, type);
    wr32(msg + 4, len);
    if (len) memcpy(msg + 8, payload, len);
    if (nfds == 0) return cf_send_all(fd, msg, 8 + len);
    struct iovec iov = {msg, 8 + len};
    union { char buf[CMSG_SPACE(sizeof(int) * 64)]; struct cmsghdr align; } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctl.buf;
    mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
    ssize_t r;
    do { r = sendmsg(fd, &mh, MSG_NOSIGNAL); } while (r < 0 && errno == EINTR);
    if (r < 0) return -1;
    if ((size_t)r < 8 + len) return cf_send_all(fd, msg + r, 8 + len - (size_t)r);
    return 0;
}

/*
 * Receives one message. *len in: capacity of buf; out: payload length. fds/nfds may be NULL.
 * Returns 0 ok, -1 EOF/error, -2 timeout, -3 protocol (payload too long).
 */
static int cf_recv_msg(int fd, uint32_t *type, uint8_t *buf, uint32_t *len, int *fds, int *nfds, int timeout_ms) {
    uint8_t hdr[8];
    size_t got = 0;
    if (nfds) *nfds = 0;
    struct pollfd p = {fd, POLLIN, 0};
    int pr;
    do { pr = poll(&p, 1, timeout_ms); } while (pr < 0 && errno == EINTR);
    if (pr == 0) return -2;
    if (pr < 0) return -1;
    struct iovec iov = {hdr, 8};
    union { char buf[CMSG_SPACE(sizeof(int) * 64)]; struct cmsghdr align; } ctl;
    struct msghdr mh = {0};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctl.buf;
    mh.msg_controllen = sizeof ctl.buf;
    ssize_t r;
    do { r = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC); } while (r < 0 && errno == EINTR);
    if (r <= 0) return -1;
    got = (size_t)r;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            int tmp[64];
            memcpy(tmp, CMSG_DATA(c), sizeof(int) * (size_t)n);
            for (int i = 0; i < n; i++) {
                if (fds && nfds && *nfds < 64) fds[(*nfds)++] = tmp[i];
                else close(tmp[i]);
            }
        }
    }
    if (got < 8 && cf_recv_all(fd, hdr + got, 8 - got, timeout_ms) != 0) return -1;
    *type = rd32(hdr);
    uint32_t plen = rd32(hdr + 4);
    if (plen > CF_MAX_PAYLOAD || plen > *len) return -3;
    if (plen && cf_recv_all(fd, buf, plen, timeout_ms) != 0) return -1;
    *len = plen;
    return 0;
}

#endif
