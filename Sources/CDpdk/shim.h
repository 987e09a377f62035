/* SwiftPM drops `-include rte_config.h` and `-march` from libdpdk's Cflags, so the config header is
 * included here and the DPDK headers' inline functions are compiled for the ISA they need. */
#pragma clang attribute push(__attribute__((target("sse3,ssse3,sse4.1,sse4.2,popcnt"))), apply_to=function)
#include <rte_config.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_flow.h>
#include <rte_errno.h>
#pragma clang attribute pop
