import Platform
import CMnl

/// The Linux implementation of the Platform protocols.
public enum PlatformLinux {}
