// Constants from /usr/include/linux/pkt_sched.h (Linux UAPI): traffic-control handles.

/// Traffic-control handle values and masks (TC_H_*). A handle is major:minor, 16 bits each.
public enum TC_H {
    public static let majMask: UInt32 = 0xFFFF_0000
    public static let minMask: UInt32 = 0x0000_FFFF
    /// No handle.
    public static let unspec: UInt32 = 0
    /// The root of the device's qdisc tree.
    public static let root: UInt32 = 0xFFFF_FFFF
    /// Parent of the ingress and clsact qdiscs (TC_H_CLSACT has the same value).
    public static let ingress: UInt32 = 0xFFFF_FFF1
    public static let clsact: UInt32 = 0xFFFF_FFF1
    /// Minor numbers of the clsact/ingress hook points a filter is attached to.
    public static let minPriority: UInt32 = 0xFFE0
    public static let minIngress: UInt32 = 0xFFF2
    public static let minEgress: UInt32 = 0xFFF3
}
