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

/** setns(fd, CLONE_NEWNET): glibc declares setns and CLONE_NEWNET only under _GNU_SOURCE,
 *  which Swift's Glibc module is not built with. Returns setns's result (errno on -1). */
int eswitch_setns_net(int fd);

/** unshare(CLONE_NEWNET), for the same reason. Returns unshare's result (errno on -1). */
int eswitch_unshare_net(void);

/** rte_errno is a per-lcore macro. Declared unconditionally so that Swift sees it (the importer
 *  does not get this target's defines); defined only when DPDK is built in. */
int eswitch_rte_errno(void);

#endif
