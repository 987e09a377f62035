#include <libmnl/libmnl.h>
#include <linux/netlink.h>
