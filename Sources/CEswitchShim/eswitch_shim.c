#include "eswitch_shim.h"
#include <linux/netlink.h>

#ifdef ESWITCH_WITH_DPDK
#pragma clang attribute push(__attribute__((target("sse3,ssse3,sse4.1,sse4.2,popcnt"))), apply_to=function)
#include <rte_config.h>
#include <rte_errno.h>
#pragma clang attribute pop
#endif

size_t eswitch_mnl_socket_buffer_size(void) { return MNL_SOCKET_BUFFER_SIZE; }

size_t eswitch_nlmsg_hdrlen(void) { return NLMSG_HDRLEN; }

#ifdef ESWITCH_WITH_DPDK
int eswitch_rte_errno(void) { return rte_errno; }
#endif
