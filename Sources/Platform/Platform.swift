import EswitchModel
import Netlink

/// Namespace for the Platform boundary: every effect eswitch has on a host goes through the
/// protocols of this module, implemented by PlatformLinux (a real host) and SimNIC (emulated):
/// ``NetlinkTransport`` and ``NetlinkEventSource`` (kernel networking state),
/// ``PCIDiscovery`` (PCI functions and SR-IOV capabilities), ``RDMAProbe`` (RDMA devices),
/// ``PacketPortFactory`` and ``PacketPort`` (batched frame I/O on kernel network devices).
/// Failures are typed: ``NetlinkTransportError``, ``PlatformError``, ``SystemCallError`` with an
/// ``Errno``.
public enum PlatformBoundary {}
