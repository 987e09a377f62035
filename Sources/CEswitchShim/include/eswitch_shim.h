/* Prefixed wrappers for the macros and static inline functions that Swift cannot import.
 * No logic lives here: each function is one call or one macro expansion. */
#ifndef ESWITCH_SHIM_H
#define ESWITCH_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

/** MNL_SOCKET_BUFFER_SIZE is a macro over getpagesize(). */
size_t eswitch_mnl_socket_buffer_size(void);

/** NLMSG_ERROR payload offset helpers are macros. */
size_t eswitch_nlmsg_hdrlen(void);

#ifdef ESWITCH_WITH_DPDK
struct rte_flow_error;
/** rte_errno is a per-lcore macro. */
int eswitch_rte_errno(void);
#endif

#endif
