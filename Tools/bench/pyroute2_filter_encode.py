#!/usr/bin/env python3
"""Anchor for the netlink codec benchmark: how many tc filter requests per second pyroute2 (the
usual Python netlink library) encodes on this machine, in the same `make bench` run.

pyroute2 has no flower classifier, so the request is the nearest shape it can build: an
RTM_NEWTFILTER with a u32 classifier matching destination IP and UDP (keys + masks), and a mirred
redirect action -- about the size and nesting of eswitch's typical flower request. Prints
`pyroute2_filter_encode=<requests per second>` (best of 5 rounds)."""
import time

from pyroute2.netlink import NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST
from pyroute2.netlink.rtnl import RTM_NEWTFILTER
from pyroute2.netlink.rtnl.tcmsg import cls_u32, tcmsg


def build():
    msg = tcmsg()
    msg['index'] = 3
    msg['parent'] = 0xFFFFFFF2
    msg['info'] = (2 << 16) | 0x0008  # prio 2, protocol ip (network order)
    params = cls_u32.get_parameters({
        'keys': ['0x0a000109/0xffffffff+16', '0x00110000/0x00ff0000+8'],
        'target': 0x10000,
        'action': {'kind': 'mirred', 'direction': 'egress', 'action': 'redirect', 'ifindex': 6},
    })
    msg['attrs'] = [['TCA_KIND', 'u32'], ['TCA_OPTIONS', params]]
    msg['header']['type'] = RTM_NEWTFILTER
    msg['header']['flags'] = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
    msg.encode()
    return msg.data


def main():
    assert len(build()) > 60
    best = 0.0
    for _ in range(5):
        n = 2000
        start = time.perf_counter()
        for _ in range(n):
            build()
        best = max(best, n / (time.perf_counter() - start))
    print(f"pyroute2_filter_encode={best:.0f}")


if __name__ == '__main__':
    main()
