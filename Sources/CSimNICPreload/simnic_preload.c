/* SimNIC preload: connects a program's NETLINK_ROUTE and NETLINK_GENERIC sockets to an emulated
 * host (eswitch-hil sim serve) instead of the kernel.
 *
 * Loaded with LD_PRELOAD=libeswitch-simnic-preload.so and ESWITCH_SIM_SOCKET=PATH (the emulator's
 * Unix stream socket). This file is transport only; every netlink answer comes from the emulator.
 *
 * How: socket(AF_NETLINK, ..., ROUTE|GENERIC) returns one end of an AF_UNIX SOCK_SEQPACKET pair, so
 * the program keeps real datagram semantics (message boundaries, MSG_PEEK|MSG_TRUNC sizing, poll,
 * select, O_NONBLOCK, close) from the kernel. A relay thread owns the other end: it reads each
 * request datagram, sends it to the emulator as a frame, and writes back each reply datagram.
 * bind/setsockopt/getsockopt succeed without effect; getsockname and the source addresses of
 * received datagrams read as the kernel's (AF_NETLINK, port id 0 for the kernel, getpid() for the
 * socket). Not handled: multicast notifications (groups are accepted, nothing arrives), and
 * dup()/dup2() copies of an emulated fd (they are plain AF_UNIX sockets to the wrappers below).
 *
 * Frames on the stream (little-endian):
 *   request: u32 length of what follows, u32 protocol (0 route, 16 generic), u32 port id, datagram
 *   reply:   u32 count, then count times (u32 length, datagram)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <fcntl.h>
#include <linux/netlink.h>

#define MAX_FDS 4096
#define MAX_DATAGRAM (1u << 24)

/* Nonzero for fds that are emulated netlink sockets (written by socket/close only). */
static volatile unsigned char emulated[MAX_FDS];

#define REAL(name) \
    static __typeof__(name) *real_##name; \
    if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int is_emulated(int fd) { return fd >= 0 && fd < MAX_FDS && emulated[fd]; }

struct relay { int local; int emulator; uint32_t protocol; };

/* Writes all of buf; 0 on success. */
static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n; len -= (size_t)n;
    }
    return 0;
}

/* Reads exactly len bytes; 0 on success. */
static int read_all(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n; len -= (size_t)n;
    }
    return 0;
}

static void put32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static uint32_t get32(const unsigned char *p) { return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Forwards one request datagram and writes the reply datagrams; 0 on success. */
static int forward(struct relay *r, const unsigned char *request, size_t length) {
    unsigned char head[12];
    put32(head, (uint32_t)length + 8);
    put32(head + 4, r->protocol);
    put32(head + 8, (uint32_t)getpid());
    if (write_all(r->emulator, head, sizeof head) || write_all(r->emulator, request, length)) return -1;
    unsigned char word[4];
    if (read_all(r->emulator, word, 4)) return -1;
    uint32_t count = get32(word);
    for (uint32_t i = 0; i < count; i++) {
        if (read_all(r->emulator, word, 4)) return -1;
        uint32_t size = get32(word);
        if (size > MAX_DATAGRAM) return -1;
        unsigned char *reply = malloc(size ? size : 1);
        if (!reply) return -1;
        int failed = read_all(r->emulator, reply, size);
        /* A datagram the program no longer reads (socket closed) ends the relay below. */
        if (!failed) failed = send(r->local, reply, size, MSG_NOSIGNAL) < 0;
        free(reply);
        if (failed) return -1;
    }
    return 0;
}

static void *relay_main(void *arg) {
    struct relay *r = arg;
    for (;;) {
        /* Size the next datagram, then read it whole. */
        ssize_t size = recv(r->local, NULL, 0, MSG_PEEK | MSG_TRUNC);
        if (size < 0 && errno == EINTR) continue;
        if (size <= 0) break;
        unsigned char *request = malloc((size_t)size);
        if (!request) break;
        ssize_t n = recv(r->local, request, (size_t)size, 0);
        int failed = n != size || forward(r, request, (size_t)n);
        free(request);
        if (failed) break;
    }
    close(r->local);
    close(r->emulator);
    free(r);
    return NULL;
}

/* Connects to the emulator named by ESWITCH_SIM_SOCKET; -1 with errno set when it cannot. */
static int connect_emulator(void) {
    const char *path = getenv("ESWITCH_SIM_SOCKET");
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    if (!path || !*path || strlen(path) >= sizeof address.sun_path) {
        fprintf(stderr, "simnic-preload: ESWITCH_SIM_SOCKET is unset or too long\n");
        errno = EAFNOSUPPORT;
        return -1;
    }
    strcpy(address.sun_path, path);
    REAL(socket);
    int fd = real_socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) {
        int saved = errno;
        fprintf(stderr, "simnic-preload: cannot reach the emulator at %s: %s\n", path, strerror(saved));
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int socket(int domain, int type, int protocol) {
    REAL(socket);
    if (domain != AF_NETLINK || (protocol != NETLINK_ROUTE && protocol != NETLINK_GENERIC))
        return real_socket(domain, type, protocol);
    int emulator = connect_emulator();
    if (emulator < 0) return -1;
    int pair[2];
    int flags = type & (SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) { close(emulator); return -1; }
    /* Only the program's end is non-blocking; the relay thread blocks. */
    if (flags & SOCK_NONBLOCK) fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK);
    if (!(flags & SOCK_CLOEXEC)) fcntl(pair[0], F_SETFD, 0);
    struct relay *r = malloc(sizeof *r);
    if (!r || pair[0] >= MAX_FDS) {
        free(r); close(pair[0]); close(pair[1]); close(emulator);
        errno = EMFILE;
        return -1;
    }
    r->local = pair[1];
    r->emulator = emulator;
    r->protocol = (uint32_t)protocol;
    pthread_t thread;
    if (pthread_create(&thread, NULL, relay_main, r) != 0) {
        free(r); close(pair[0]); close(pair[1]); close(emulator);
        errno = EAGAIN;
        return -1;
    }
    pthread_detach(thread);
    emulated[pair[0]] = 1;
    return pair[0];
}

int close(int fd) {
    REAL(close);
    if (fd >= 0 && fd < MAX_FDS) emulated[fd] = 0;
    return real_close(fd);
}

int bind(int fd, const struct sockaddr *address, socklen_t length) {
    REAL(bind);
    return is_emulated(fd) ? 0 : real_bind(fd, address, length);
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length) {
    REAL(setsockopt);
    return is_emulated(fd) ? 0 : real_setsockopt(fd, level, name, value, length);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *length) {
    REAL(getsockopt);
    if (!is_emulated(fd)) return real_getsockopt(fd, level, name, value, length);
    /* Options read back as zero (no netlink option changes what the emulator answers). */
    if (value && length) memset(value, 0, *length);
    return 0;
}

/* Fills a netlink address: the kernel (port 0) for received datagrams, getpid() for our own. */
static void fill_address(void *address, socklen_t *length, uint32_t port) {
    if (!address || !length) return;
    struct sockaddr_nl nl = { .nl_family = AF_NETLINK, .nl_pid = port };
    memcpy(address, &nl, *length < sizeof nl ? *length : sizeof nl);
    *length = sizeof nl;
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length) {
    REAL(getsockname);
    if (!is_emulated(fd)) return real_getsockname(fd, address, length);
    fill_address(address, length, (uint32_t)getpid());
    return 0;
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *address, socklen_t length) {
    REAL(sendto);
    if (!is_emulated(fd)) return real_sendto(fd, buf, len, flags, address, length);
    return real_sendto(fd, buf, len, flags | MSG_NOSIGNAL, NULL, 0);
}

ssize_t send(int fd, const void *buf, size_t len, int flags) {
    REAL(send);
    if (!is_emulated(fd)) return real_send(fd, buf, len, flags);
    return real_send(fd, buf, len, flags | MSG_NOSIGNAL);
}

ssize_t sendmsg(int fd, const struct msghdr *message, int flags) {
    REAL(sendmsg);
    if (!is_emulated(fd)) return real_sendmsg(fd, message, flags);
    struct msghdr copy = *message;
    copy.msg_name = NULL;
    copy.msg_namelen = 0;
    copy.msg_control = NULL;
    copy.msg_controllen = 0;
    return real_sendmsg(fd, &copy, flags | MSG_NOSIGNAL);
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags) {
    REAL(recvmsg);
    if (!is_emulated(fd)) return real_recvmsg(fd, message, flags);
    void *name = message->msg_name;
    socklen_t namelen = message->msg_namelen;
    message->msg_name = NULL;
    message->msg_namelen = 0;
    ssize_t n = real_recvmsg(fd, message, flags);
    message->msg_name = name;
    message->msg_namelen = namelen;
    if (n >= 0) fill_address(name, &message->msg_namelen, 0);
    /* No ancillary data (e.g. NETLINK_PKTINFO) is produced. */
    message->msg_controllen = 0;
    return n;
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *address, socklen_t *length) {
    REAL(recvfrom);
    if (!is_emulated(fd)) return real_recvfrom(fd, buf, len, flags, address, length);
    ssize_t n = real_recvfrom(fd, buf, len, flags, NULL, NULL);
    if (n >= 0) fill_address(address, length, 0);
    return n;
}

ssize_t recv(int fd, void *buf, size_t len, int flags) {
    REAL(recv);
    if (!is_emulated(fd)) return real_recv(fd, buf, len, flags);
    return real_recv(fd, buf, len, flags);
}
