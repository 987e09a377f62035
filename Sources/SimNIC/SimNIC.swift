/// SimNIC: an emulated switchdev NIC behind the Platform boundary, true to a ``HardwareProfile``.
///
/// ``EmulatedHost`` is the state of one emulated node (PFs, VFs, representors, links, qdiscs, tc
/// filters with their counters, FDB entries, vDPA devices). ``SimNICEndpoint`` answers netlink
/// request bytes as the kernel would (ACK, NLMSG_ERROR with errno and extack, dumps ending in
/// NLMSG_DONE), ``SimNetlinkTransport`` and ``SimNetlinkEventSource`` put it behind the
/// ``NetlinkTransport`` / ``NetlinkEventSource`` protocols, and ``SimSRIOVControl`` behind
/// ``SRIOVControl``, so that code above the Platform boundary runs unchanged against it.
public enum SimNIC {}
