#define _GNU_SOURCE
#include "eswitch_shim.h"
#include <linux/netlink.h>
#include <sched.h>

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

#ifdef ESWITCH_WITH_DPDK
int eswitch_rte_errno(void) { return rte_errno; }
#endif
