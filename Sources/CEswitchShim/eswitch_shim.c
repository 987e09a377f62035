#define _GNU_SOURCE
#include "eswitch_shim.h"
#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#ifdef ESWITCH_WITH_DPDK
#pragma clang attribute push(__attribute__((target("sse3,ssse3,sse4.1,sse4.2,popcnt"))), apply_to=function)
#include <rte_config.h>
#include <rte_errno.h>
#pragma clang attribute pop
#endif

size_t eswitch_mnl_socket_buffer_size(void) { return MNL_SOCKET_BUFFER_SIZE; }

size_t eswitch_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }

int eswitch_setns_net(int fd) { return setns(fd, CLONE_NEWNET); }

int eswitch_unshare_net(void) { return unshare(CLONE_NEWNET); }

unsigned long eswitch_tunsetiff(void) { return TUNSETIFF; }

short eswitch_tun_tap_flags(void) { return IFF_TAP | IFF_NO_PI; }

size_t eswitch_mmsghdr_size(void) { return sizeof(struct mmsghdr); }

size_t eswitch_mmsghdr_len_offset(void) { return offsetof(struct mmsghdr, msg_len); }

int eswitch_recvmmsg(int fd, void *vector, unsigned int count, int flags) { return recvmmsg(fd, vector, count, flags, NULL); }

int eswitch_sendmmsg(int fd, void *vector, unsigned int count, int flags) { return sendmmsg(fd, vector, count, flags); }

uint32_t eswitch_load_acquire_u32(const volatile uint32_t *word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }

void eswitch_store_release_u32(volatile uint32_t *word, uint32_t value) { __atomic_store_n(word, value, __ATOMIC_RELEASE); }

#ifdef ESWITCH_WITH_DPDK
int eswitch_rte_errno(void) { return rte_errno; }
#endif
