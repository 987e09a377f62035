import EswitchModel
import Netlink

/// Namespace for the Platform boundary: every effect eswitch has on a host goes through the
/// protocols of this module, implemented by PlatformLinux (a real host) and SimNIC (emulated).
public enum PlatformBoundary {}
