/* Prefixed wrappers for the macros and static inline functions that Swift cannot import.
 * No logic lives here: each function is one call or one macro expansion. */
#ifndef ESWITCH_SHIM_H
#define ESWITCH_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>
/* Packet I/O (AF_PACKET rings, epoll/eventfd): the kernel's own structs and constants, so that ring
 * offsets and option numbers come from the headers rather than from copies. <linux/if_tun.h> stays
 * in the .c file: included here it takes <sys/socket.h>'s names away from Swift's Glibc module. */
#include <linux/if_packet.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

/** MNL_SOCKET_BUFFER_SIZE is a macro over getpagesize(). */
size_t eswitch_mnl_socket_buffer_size(void);

/** NLMSG_ERROR payload offset helpers are macros. */
size_t eswitch_nlmsg_hdrlen(void);

/** setns(fd, CLONE_NEWNET): glibc declares setns and CLONE_NEWNET only under _GNU_SOURCE,
 *  which Swift's Glibc module is not built with. Returns setns's result (errno on -1). */
int eswitch_setns_net(int fd);

/** unshare(CLONE_NEWNET), for the same reason. Returns unshare's result (errno on -1). */
int eswitch_unshare_net(void);

/** rte_errno is a per-lcore macro. Declared unconditionally so that Swift sees it (the importer
 *  does not get this target's defines); defined only when DPDK is built in. */
int eswitch_rte_errno(void);

/** TUNSETIFF is _IOW('T', 202, int), a function-like macro. */
unsigned long eswitch_tunsetiff(void);

/** IFF_TAP | IFF_NO_PI from <linux/if_tun.h>: a TAP device without the packet information header. */
short eswitch_tun_tap_flags(void);

/** struct mmsghdr, recvmmsg and sendmmsg exist only under _GNU_SOURCE, which Swift's Glibc module
 *  is not built with: the struct's size and the offset of msg_len (msg_hdr is at 0), and the two
 *  calls on a vector of such structs. */
size_t eswitch_mmsghdr_size(void);
size_t eswitch_mmsghdr_len_offset(void);

/** recvmmsg(fd, vector, count, flags, NULL). */
int eswitch_recvmmsg(int fd, void *vector, unsigned int count, int flags);

/** sendmmsg(fd, vector, count, flags). */
int eswitch_sendmmsg(int fd, void *vector, unsigned int count, int flags);

/** Acquire load of a ring status word the kernel writes (tpacket block and frame status):
 *  frame bytes read after it are the ones the kernel wrote before publishing the status. */
uint32_t eswitch_load_acquire_u32(const volatile uint32_t *word);

/** Release store of a ring status word (handing a block or frame back to the kernel after
 *  the frame bytes were read or written). */
void eswitch_store_release_u32(volatile uint32_t *word, uint32_t value);

#endif
