import Platform

/// The Linux implementation of the Platform protocols, and the only module that imports the C
/// libraries:
/// - ``NetlinkSocket`` (``NetlinkTransport``) and ``NetlinkEventSocket`` (``NetlinkEventSource``)
///   on libmnl, optionally inside a ``NetworkNamespace``;
/// - ``LibPCIDiscovery`` (``PCIDiscovery``) on libpci, with a configurable sysfs root;
/// - ``VerbsRDMAProbe`` (``RDMAProbe``) on libibverbs;
/// - `DPDKEnvironment` (with the DPDK trait): the process-wide DPDK EAL.
public enum PlatformLinux {}
