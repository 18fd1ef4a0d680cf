/*
 * Kernel UDP loopback baseline for bench/gvsp.sh: one sender thread pushes datagrams of a given size
 * with sendmmsg (batches of 64) as fast as it can, one receiver thread drains them with recvmmsg into
 * a large SO_RCVBUF(FORCE) socket -- the same syscalls and buffer sizes the Java emitter/receiver use,
 * with no protocol work at all. Prints one JSON line: sent/received datagrams, received MB/s, loss.
 * With several senders (one socket and thread each) the receiver, not the sender, becomes the limit.
 * With gso = 1 each sender uses UDP GSO (UDP_SEGMENT = datagram size): one message carries up to 44
 * datagrams that the kernel cuts apart before they reach the receiving socket, so the receiver
 * still gets ordinary datagrams while the send path is walked once per message. CPU time of the
 * receive thread and of all send threads (RUSAGE_THREAD) is reported as seconds per GB received.
 * Usage: udp_blast <ipv4> <datagram-bytes> <seconds> [senders] [gso]   (loopback addresses only)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
static int rx_fd, size, gso;
static double rx_cpu;
static atomic_llong tx_cpu_us;
static atomic_int stop, go;
static long long received, received_bytes;
static atomic_llong sent;
static struct sockaddr_in dst;
static double end_time;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double thread_cpu(void) {
    struct rusage u;
    getrusage(RUSAGE_THREAD, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static void *rx(void *arg) {
    (void) arg;
    static char buf[BATCH][65536];
    struct mmsghdr m[BATCH];
    struct iovec v[BATCH];
    for (int i = 0; i < BATCH; i++) {
        v[i].iov_base = buf[i];
        v[i].iov_len = sizeof buf[i];
        memset(&m[i], 0, sizeof m[i]);
        m[i].msg_hdr.msg_iov = &v[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    struct timeval tv = {0, 50000};
    setsockopt(rx_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (!atomic_load(&go)) usleep(100);
    double c0 = thread_cpu();
    while (!atomic_load(&stop)) {
        int n = recvmmsg(rx_fd, m, BATCH, MSG_WAITFORONE, NULL);
        for (int i = 0; i < n; i++) {
            received++;
            received_bytes += m[i].msg_len;
        }
    }
    rx_cpu = thread_cpu() - c0;
    return NULL;
}

static void *tx(void *arg) {
    (void) arg;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int buf = 8 << 20;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf) != 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    static char payload[65536];
    struct mmsghdr m[BATCH];
    struct iovec v[BATCH];
    /* GSO: as many whole datagrams per message as fit in one 64 KiB send (kernel cap: 64 segments) */
    int per_msg = 1;
    if (gso) {
        per_msg = 65000 / size;
        if (per_msg > 44) per_msg = 44;
        if (per_msg < 1 || setsockopt(fd, SOL_UDP, UDP_SEGMENT, &size, sizeof size) != 0) per_msg = 1;
    }
    for (int i = 0; i < BATCH; i++) {
        v[i].iov_base = payload;
        v[i].iov_len = (size_t) size * per_msg;
        memset(&m[i], 0, sizeof m[i]);
        m[i].msg_hdr.msg_name = &dst;
        m[i].msg_hdr.msg_namelen = sizeof dst;
        m[i].msg_hdr.msg_iov = &v[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    while (!atomic_load(&go)) usleep(100);
    double c0 = thread_cpu();
    long long n_sent = 0;
    int batch = gso ? 8 : BATCH;
    while (now() < end_time) {
        int n = sendmmsg(fd, m, batch, 0);
        if (n > 0) n_sent += (long long) n * per_msg;
    }
    atomic_fetch_add(&tx_cpu_us, (long long) ((thread_cpu() - c0) * 1e6));
    atomic_fetch_add(&sent, n_sent);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4 || argc > 6) {
        fprintf(stderr, "usage: udp_blast <ipv4> <datagram-bytes> <seconds> [senders] [gso]\n");
        return 2;
    }
    size = atoi(argv[2]);
    double seconds = atof(argv[3]);
    int senders = argc >= 5 ? atoi(argv[4]) : 1;
    gso = argc >= 6 ? atoi(argv[5]) : 0;
    if (size < 1 || size > 65507 || seconds <= 0 || seconds > 60 || senders < 1 || senders > 16) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    if (inet_pton(AF_INET, argv[1], &a.sin_addr) != 1 || (ntohl(a.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "loopback IPv4 address required\n");
        return 2;
    }
    rx_fd = socket(AF_INET, SOCK_DGRAM, 0);
    int buf = 32 << 20;
    if (setsockopt(rx_fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) != 0)
        setsockopt(rx_fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
    a.sin_port = 0;
    if (bind(rx_fd, (struct sockaddr *) &a, sizeof a) != 0) {
        perror("bind");
        return 1;
    }
    socklen_t len = sizeof a;
    getsockname(rx_fd, (struct sockaddr *) &a, &len);
    dst = a;
    pthread_t r, t[16];
    pthread_create(&r, NULL, rx, NULL);
    for (int i = 0; i < senders; i++) pthread_create(&t[i], NULL, tx, NULL);
    usleep(100000);
    long long r0 = received, b0 = received_bytes;
    double t0 = now();
    end_time = t0 + seconds;
    atomic_store(&go, 1);
    for (int i = 0; i < senders; i++) pthread_join(t[i], NULL);
    double t1 = now();
    usleep(200000);
    atomic_store(&stop, 1);
    pthread_join(r, NULL);
    long long got = received - r0;
    long long s_all = atomic_load(&sent);
    double gb = (received_bytes - b0) / 1e9;
    printf("{\"datagram\": %d, \"senders\": %d, \"gso\": %d, \"seconds\": %.3f, \"sent\": %lld, \"received\": %lld, "
           "\"received_mb_s\": %.1f, \"loss_pct\": %.3f, \"rx_cpu_s_per_gb\": %.4f, \"tx_cpu_s_per_gb\": %.4f}\n",
           size, senders, gso, t1 - t0, s_all, got, (received_bytes - b0) / 1e6 / (t1 - t0),
           s_all ? 100.0 * (s_all - got) / s_all : 0.0, gb > 0 ? rx_cpu / gb : -1.0,
           gb > 0 ? atomic_load(&tx_cpu_us) / 1e6 / gb : -1.0);
    return 0;
}
