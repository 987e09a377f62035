/// The emulator's socket protocol (`eswitch-hil sim serve`, `STATE/sim.sock`): which channel a
/// frame belongs to.
///
/// One Unix stream connection carries frames, every integer little-endian (the netlink channels
/// are the framing of Sources/CSimNICPreload/simnic_preload.c, which speaks only those):
///
///     request: u32 length of what follows, u32 channel, u32 port id, payload
///     reply:   u32 count, then count times (u32 length, datagram)
///
/// - ``netlinkRoute`` (0, NETLINK_ROUTE) and ``netlinkGeneric`` (16, NETLINK_GENERIC): the payload
///   is one netlink request datagram; the reply holds the datagrams the emulated kernel answers,
///   each message addressed to the port id of the request.
/// - ``sysfs`` (0x66737973): a read or write of an emulated sysfs attribute (`sriov_numvfs`...),
///   answered by `SimSysfsExchange` in SimNIC (`eswitch-hil sim sysfs` speaks it too).
/// - ``control`` (0x45530001): the payload is one JSON ``SimControlRequest``, for what the
///   emulated sysfs files do not offer: the PCI functions (a directory listing there), VF driver
///   binding by VF address whatever the driver (`drivers_probe`), the emulator's description. The
///   reply holds one datagram, a JSON ``SimControlResponse``.
/// - ``events`` (0x45530002): turns the connection into a notification stream. The payload of this
///   frame and of any later one on the connection is a ``SimEventSubscription`` (u32 operation,
///   1 join or 2 leave, then u32 rtnetlink multicast group); each is answered by an empty reply
///   (count 0) once it is in force, so a join is synchronous as `setsockopt(NETLINK_ADD_MEMBERSHIP)`
///   is. Between those answers the emulator pushes frames in the reply layout holding the
///   notification datagrams of the joined groups (never empty); a count of
///   ``SimRemoteFrame/overflowCount`` (0xFFFFFFFF, no datagrams follow) says notifications were
///   dropped (ENOBUFS), as the kernel says it to a socket whose queue overflowed.
public enum SimRemoteChannel: UInt32, Sendable, CaseIterable {
    /// NETLINK_ROUTE's protocol number (linux/netlink.h).
    case netlinkRoute = 0
    /// NETLINK_GENERIC's protocol number (linux/netlink.h).
    case netlinkGeneric = 16
    /// Emulated sysfs reads and writes (`SimSysfsExchange.protocolNumber`).
    case sysfs = 0x6673_7973
    /// Typed requests, JSON.
    case control = 0x4553_0001
    /// Multicast notifications pushed by the emulator.
    case events = 0x4553_0002

    /// True for the channels this module serves (the emulator's dispatch sends these frames to
    /// ``SimRemoteServer``; it answers netlink and sysfs itself).
    public var isExtension: Bool { self == .control || self == .events }
}
