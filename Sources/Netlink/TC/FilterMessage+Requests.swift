extension NetlinkMessage {
    /// RTM_NEWTFILTER with NLM_F_EXCL|NLM_F_CREATE and an ACK, as `tc filter add` sends it.
    public static func addFilter(_ filter: FilterMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.newTFilter, flags: [.request, .ack, .exclusive, .create], sequence: sequence, body: .filter(filter))
    }

    /// RTM_NEWTFILTER with NLM_F_CREATE and an ACK, as `tc filter replace` sends it: creates the
    /// filter or replaces the one with the same priority, protocol and handle.
    public static func replaceFilter(_ filter: FilterMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.newTFilter, flags: [.request, .ack, .create], sequence: sequence, body: .filter(filter))
    }

    /// RTM_DELTFILTER with an ACK, as `tc filter del` sends it.
    public static func deleteFilter(_ filter: FilterMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.delTFilter, flags: [.request, .ack], sequence: sequence, body: .filter(filter))
    }

    /// RTM_GETTFILTER with NLM_F_ECHO, as `tc filter get` sends it: the answer is the filter.
    public static func getFilter(_ filter: FilterMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getTFilter, flags: [.request, .echo], sequence: sequence, body: .filter(filter))
    }

    /// RTM_GETTFILTER with NLM_F_DUMP, as `tc filter show` sends it.
    public static func dumpFilters(_ filter: FilterMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getTFilter, flags: [.request, .dump], sequence: sequence, body: .filter(filter))
    }

    /// RTM_NEWQDISC with NLM_F_EXCL|NLM_F_CREATE and an ACK, as `tc qdisc add` sends it.
    public static func addQdisc(_ qdisc: QdiscMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.newQdisc, flags: [.request, .ack, .exclusive, .create], sequence: sequence, body: .qdisc(qdisc))
    }

    /// RTM_DELQDISC with an ACK, as `tc qdisc del` sends it.
    public static func deleteQdisc(_ qdisc: QdiscMessage, sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.delQdisc, flags: [.request, .ack], sequence: sequence, body: .qdisc(qdisc))
    }

    /// RTM_GETQDISC with NLM_F_DUMP, as `tc qdisc show` sends it.
    public static func dumpQdiscs(_ qdisc: QdiscMessage = .dump(), sequence: UInt32 = 0) -> NetlinkMessage {
        NetlinkMessage(type: RTM.getQdisc, flags: [.request, .dump], sequence: sequence, body: .qdisc(qdisc))
    }
}
