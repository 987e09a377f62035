/*
 * genl-stub.c: an LD_PRELOAD library that stands in for the kernel's side of NETLINK_GENERIC
 * sockets, so devlink and vdpa send their real requests on a kernel without those families.
 * FreshIproute2CaptureTests compiles it at test time:
 *
 *     gcc -shared -fPIC -o genl-stub.so genl-stub.c
 *
 * A generic netlink socket becomes one end of an AF_UNIX SOCK_SEQPACKET pair. The other end is
 * never served by a thread: each send on the socket is answered synchronously, inside the send
 * call, by queueing the answers on the other end before returning. The answers are:
 *   - CTRL_CMD_GETFAMILY: CTRL_CMD_NEWFAMILY naming the family with the id in ESWITCH_GENL_ID
 *     (decimal; 0x20 when unset), then an ACK;
 *   - a dump request (NLM_F_DUMP): NLMSG_DONE, i.e. "nothing to list";
 *   - any other request: an ACK (NLMSG_ERROR with error 0).
 * The request bytes still go through the real sendto/sendmsg system call, which is what strace
 * records. Other sockets are left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#define MAX_STUBS 8

struct stub {
    int app;   /* the descriptor the program holds */
    int peer;  /* the end the answers are written to */
};

static struct stub stubs[MAX_STUBS];
static int stub_count;

static void *next_symbol(const char *name) { return dlsym(RTLD_NEXT, name); }

static struct stub *find_stub(int fd) {
    for (int i = 0; i < stub_count; i++)
        if (stubs[i].app == fd) return &stubs[i];
    return NULL;
}

static uint16_t family_id(void) {
    const char *text = getenv("ESWITCH_GENL_ID");
    long v = text ? strtol(text, NULL, 10) : 0x20;
    return (v > GENL_MIN_ID && v <= 0xffff) ? (uint16_t)v : 0x20;
}

/* Appends one attribute to the message being built in buf (of capacity cap) at *len. */
static void add_attribute(char *buf, size_t cap, size_t *len, uint16_t type, const void *data, size_t size) {
    size_t total = NLA_HDRLEN + size;
    if (*len + NLA_ALIGN(total) > cap) return;
    struct nlattr attr = { .nla_len = (uint16_t)total, .nla_type = type };
    memcpy(buf + *len, &attr, sizeof attr);
    memcpy(buf + *len + NLA_HDRLEN, data, size);
    memset(buf + *len + total, 0, NLA_ALIGN(total) - total);
    *len += NLA_ALIGN(total);
}

static void send_ack(int peer, const struct nlmsghdr *request) {
    struct {
        struct nlmsghdr header;
        struct nlmsgerr error;
    } ack;
    memset(&ack, 0, sizeof ack);
    ack.header.nlmsg_len = sizeof ack;
    ack.header.nlmsg_type = NLMSG_ERROR;
    ack.header.nlmsg_flags = NLM_F_CAPPED;
    ack.header.nlmsg_seq = request->nlmsg_seq;
    ack.error.error = 0;
    ack.error.msg = *request;
    (void)write(peer, &ack, sizeof ack);
}

static void send_done(int peer, const struct nlmsghdr *request) {
    struct {
        struct nlmsghdr header;
        int32_t status;
    } done;
    memset(&done, 0, sizeof done);
    done.header.nlmsg_len = sizeof done;
    done.header.nlmsg_type = NLMSG_DONE;
    done.header.nlmsg_flags = NLM_F_MULTI;
    done.header.nlmsg_seq = request->nlmsg_seq;
    (void)write(peer, &done, sizeof done);
}

static void send_family(int peer, const struct nlmsghdr *request) {
    /* The family name the program asked for. */
    char name[GENL_NAMSIZ] = "";
    const char *end = (const char *)request + request->nlmsg_len;
    const char *at = (const char *)request + NLMSG_HDRLEN + GENL_HDRLEN;
    while (at + NLA_HDRLEN <= end) {
        struct nlattr attr;
        memcpy(&attr, at, sizeof attr);
        if (attr.nla_len < NLA_HDRLEN || at + attr.nla_len > end) break;
        if ((attr.nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_NAME) {
            size_t n = attr.nla_len - NLA_HDRLEN;
            if (n >= sizeof name) n = sizeof name - 1;
            memcpy(name, at + NLA_HDRLEN, n);
            name[n] = 0;
        }
        at += NLA_ALIGN(attr.nla_len);
    }

    char buf[512];
    memset(buf, 0, sizeof buf);
    size_t len = NLMSG_HDRLEN + GENL_HDRLEN;
    uint16_t id = family_id();
    uint32_t version = 1, header_size = 0, max_attribute = 0x400;
    add_attribute(buf, sizeof buf, &len, CTRL_ATTR_FAMILY_ID, &id, sizeof id);
    add_attribute(buf, sizeof buf, &len, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
    add_attribute(buf, sizeof buf, &len, CTRL_ATTR_VERSION, &version, sizeof version);
    add_attribute(buf, sizeof buf, &len, CTRL_ATTR_HDRSIZE, &header_size, sizeof header_size);
    add_attribute(buf, sizeof buf, &len, CTRL_ATTR_MAXATTR, &max_attribute, sizeof max_attribute);

    struct nlmsghdr header = {
        .nlmsg_len = (uint32_t)len, .nlmsg_type = GENL_ID_CTRL, .nlmsg_flags = 0,
        .nlmsg_seq = request->nlmsg_seq, .nlmsg_pid = 0,
    };
    struct genlmsghdr genl = { .cmd = CTRL_CMD_NEWFAMILY, .version = 2 };
    memcpy(buf, &header, sizeof header);
    memcpy(buf + NLMSG_HDRLEN, &genl, sizeof genl);
    (void)write(peer, buf, len);
}

/* Reads what the program just sent (queued on the peer end) and queues the answers. */
static void answer(struct stub *s) {
    static char in[65536];
    ssize_t n = recv(s->peer, in, sizeof in, MSG_DONTWAIT);
    if (n <= 0) return;
    size_t off = 0;
    while (off + NLMSG_HDRLEN <= (size_t)n) {
        struct nlmsghdr h;
        memcpy(&h, in + off, sizeof h);
        if (h.nlmsg_len < NLMSG_HDRLEN || off + h.nlmsg_len > (size_t)n) break;
        const struct nlmsghdr *request = (const struct nlmsghdr *)(in + off);
        const struct genlmsghdr *genl = (const struct genlmsghdr *)(in + off + NLMSG_HDRLEN);
        if (h.nlmsg_type == GENL_ID_CTRL && h.nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN && genl->cmd == CTRL_CMD_GETFAMILY) {
            send_family(s->peer, request);
            send_ack(s->peer, request);
        } else if (h.nlmsg_flags & NLM_F_DUMP) {
            send_done(s->peer, request);
        } else {
            send_ack(s->peer, request);
        }
        off += NLMSG_ALIGN(h.nlmsg_len);
    }
}

/* The kernel's address, as recvmsg/recvfrom on a netlink socket report it. */
static void kernel_address(struct sockaddr *name, socklen_t *length) {
    struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
    if (name && length && *length >= sizeof kernel) memcpy(name, &kernel, sizeof kernel);
    if (length) *length = sizeof kernel;
}

int socket(int domain, int type, int protocol) {
    int (*real)(int, int, int) = next_symbol("socket");
    if (domain != AF_NETLINK || protocol != NETLINK_GENERIC || stub_count == MAX_STUBS)
        return real(domain, type, protocol);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | (type & SOCK_CLOEXEC), 0, pair) < 0) return -1;
    stubs[stub_count++] = (struct stub){ .app = pair[0], .peer = pair[1] };
    return pair[0];
}

int close(int fd) {
    int (*real)(int) = next_symbol("close");
    struct stub *s = find_stub(fd);
    if (s) {
        real(s->peer);
        *s = stubs[--stub_count];
    }
    return real(fd);
}

int bind(int fd, const struct sockaddr *address, socklen_t length) {
    int (*real)(int, const struct sockaddr *, socklen_t) = next_symbol("bind");
    return find_stub(fd) ? 0 : real(fd, address, length);
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length) {
    int (*real)(int, int, int, const void *, socklen_t) = next_symbol("setsockopt");
    return find_stub(fd) ? 0 : real(fd, level, name, value, length);
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length) {
    int (*real)(int, struct sockaddr *, socklen_t *) = next_symbol("getsockname");
    if (!find_stub(fd)) return real(fd, address, length);
    struct sockaddr_nl self = { .nl_family = AF_NETLINK, .nl_pid = (uint32_t)getpid() };
    if (address && length) memcpy(address, &self, *length < sizeof self ? *length : sizeof self);
    if (length) *length = sizeof self;
    return 0;
}

ssize_t sendto(int fd, const void *data, size_t size, int flags, const struct sockaddr *to, socklen_t length) {
    ssize_t (*real)(int, const void *, size_t, int, const struct sockaddr *, socklen_t) = next_symbol("sendto");
    struct stub *s = find_stub(fd);
    if (!s) return real(fd, data, size, flags, to, length);
    ssize_t sent = real(fd, data, size, flags, NULL, 0);
    if (sent > 0) answer(s);
    return sent;
}

ssize_t sendmsg(int fd, const struct msghdr *message, int flags) {
    ssize_t (*real)(int, const struct msghdr *, int) = next_symbol("sendmsg");
    struct stub *s = find_stub(fd);
    if (!s) return real(fd, message, flags);
    struct msghdr unnamed = *message;
    unnamed.msg_name = NULL;
    unnamed.msg_namelen = 0;
    ssize_t sent = real(fd, &unnamed, flags);
    if (sent > 0) answer(s);
    return sent;
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags) {
    ssize_t (*real)(int, struct msghdr *, int) = next_symbol("recvmsg");
    if (!find_stub(fd)) return real(fd, message, flags);
    void *name = message->msg_name;
    socklen_t length = message->msg_namelen;
    message->msg_name = NULL;
    message->msg_namelen = 0;
    ssize_t n = real(fd, message, flags);
    message->msg_name = name;
    message->msg_namelen = length;
    if (name) kernel_address(name, &message->msg_namelen);
    return n;
}

ssize_t recvfrom(int fd, void *data, size_t size, int flags, struct sockaddr *from, socklen_t *length) {
    ssize_t (*real)(int, void *, size_t, int, struct sockaddr *, socklen_t *) = next_symbol("recvfrom");
    if (!find_stub(fd)) return real(fd, data, size, flags, from, length);
    ssize_t n = real(fd, data, size, flags, NULL, NULL);
    if (from) kernel_address(from, length);
    return n;
}
