import EswitchModel
import Netlink
import Platform
import Synchronization

/// A kernel-like netlink endpoint for one ``EmulatedHost``: request bytes in, the kernel's reply
/// datagrams out (ACK, NLMSG_ERROR with errno and extack, GET replies, multi-part dumps ending in
/// NLMSG_DONE, copies for NLM_F_ECHO), and notifications to the ``SimNetlinkEventSource``s that
/// joined the matching groups.
///
/// It speaks rtnetlink (links with VF configuration, neighbours and VXLAN FDB, ingress/clsact
/// qdiscs, flower filters) and generic netlink (the controller, devlink, vdpa). Generic-netlink
/// family ids are the endpoint's to assign, like the kernel's; callers replaying captured requests
/// can fix them (``setFamilyID(_:for:)``). Requests are handled one at a time under a lock, so one
/// endpoint may serve several transports.
public final class SimNICEndpoint: Sendable {
    /// Family ids handed out unless told otherwise (the kernel assigns ids from 0x10 up; these
    /// are what a host with a few families loaded typically shows).
    public static let defaultFamilyIDs: [GenericFamily: UInt16] = [.devlink: 0x14, .vdpa: 0x15]

    /// The largest datagram a dump fills before starting the next (the kernel's dump skb size).
    static let dumpDatagramSize = 16_384

    struct State {
        var host: EmulatedHost
        var familyIDs: [GenericFamily: UInt16]
        var sources: [WeakEventSource] = []
        /// tc action lists decoded before: an agent's filters share a few lists, and decoding the
        /// list is most of the work of reading a filter request.
        var actionLists = TCActionListMemo()
        /// What insertion needs to know of those lists, worked out once per list.
        var actionFacts = ActionFactsCache()
        /// Filter insertions of the plain shape are read from their bytes; false sends every
        /// request through the typed decoder (tests compare the two readings).
        var readsInsertionsFromWire = true
    }

    let state: Mutex<State>

    /// - Parameters:
    ///   - host: the emulated host's state at start.
    ///   - familyIDs: generic-netlink ids of devlink and vdpa (the controller is always 0x10).
    public init(host: EmulatedHost, familyIDs: [GenericFamily: UInt16] = SimNICEndpoint.defaultFamilyIDs) {
        var ids = familyIDs
        ids[.control] = GENL.idCtrl
        state = Mutex(State(host: host, familyIDs: ids))
    }

    /// A copy of the host's state now.
    public var host: EmulatedHost { state.withLock { $0.host } }

    /// The generic-netlink family ids in force.
    public var familyIDs: [GenericFamily: UInt16] { state.withLock { $0.familyIDs } }

    /// Gives `family` the id `id` (e.g. 0x20 to replay requests captured under that id).
    public func setFamilyID(_ id: UInt16, for family: GenericFamily) {
        guard family != .control else { return }
        state.withLock { $0.familyIDs[family] = id }
    }

    /// Changes the host directly (fault injection, VF unbind, counters...); changes are notified
    /// to event sources as if a request had made them.
    @discardableResult
    public func withHost<R: Sendable>(_ body: (inout EmulatedHost) throws(SimNICError) -> R) throws(SimNICError) -> R {
        let (result, notifications, sources) = state.withLock { state -> (Result<R, SimNICError>, [(UInt32, NetlinkMessage)], [SimNetlinkEventSource]) in
            let result: Result<R, SimNICError>
            do throws(SimNICError) {
                result = .success(try body(&state.host))
            } catch {
                result = .failure(error)
            }
            let sources = state.sources.compactMap(\.source)
            let notes = Self.drainNotifications(&state.host, sequence: 0, portID: 0, listeners: !sources.isEmpty)
            return (result, notes, sources)
        }
        Self.deliver(notifications, to: sources)
        return try result.get()
    }

    /// Handles the netlink messages in one request datagram and returns the reply datagrams.
    ///
    /// - Parameters:
    ///   - request: one or more netlink messages, as a socket would send them.
    ///   - protocol: the socket's protocol (NETLINK_ROUTE or NETLINK_GENERIC).
    ///   - family: for generic netlink, treat every message that is not the controller's as this
    ///     family whatever its type number (replays of captures whose ids differ).
    public func handle(_ request: [UInt8], protocol: NetlinkProtocol, family: GenericFamily? = nil) -> [[UInt8]] {
        let (replies, notifications, sources) = state.withLock { state -> ([[UInt8]], [(UInt32, NetlinkMessage)], [SimNetlinkEventSource]) in
            var replies: [[UInt8]] = []
            var notes: [(UInt32, NetlinkMessage)] = []
            let sources = state.sources.compactMap(\.source)
            var offset = 0
            while offset < request.count {
                let remaining = request.count - offset
                guard remaining >= netlinkHeaderLength else {
                    replies.append(Self.malformed(request, at: offset, "truncated nlmsghdr: \(remaining) bytes, need \(netlinkHeaderLength)", header: nil))
                    break
                }
                let header = Self.header(request, at: offset)
                let length = Int(header.length)
                guard length >= netlinkHeaderLength, length <= remaining else {
                    replies.append(Self.malformed(request, at: offset, "nlmsg_len \(length) does not fit the \(remaining) bytes left", header: header))
                    break
                }
                let message = request[offset..<(offset + length)]
                let answers = Self.process(message, header: header, protocol: `protocol`, family: family, state: &state)
                // One message per datagram is the rule: take its answers as they are.
                if replies.isEmpty { replies = answers } else { replies += answers }
                notes += Self.drainNotifications(&state.host, sequence: header.sequence, portID: header.portID, listeners: !sources.isEmpty)
                offset += netlinkAlign(length)
            }
            return (replies, notes, sources)
        }
        Self.deliver(notifications, to: sources)
        return replies
    }

    /// Whether filter insertions are read from their bytes (the default) or by the typed decoder.
    var readsInsertionsFromWire: Bool {
        get { state.withLock { $0.readsInsertionsFromWire } }
        set { state.withLock { $0.readsInsertionsFromWire = newValue } }
    }

    /// Registers an event source for notifications.
    func subscribe(_ source: SimNetlinkEventSource) {
        state.withLock { state in
            state.sources.removeAll { $0.source == nil }
            state.sources.append(WeakEventSource(source: source))
        }
    }

    // MARK: One message

    /// Handles one message (netlink_rcv_skb's per-message step): non-requests and control types
    /// are only acknowledged when asked, decode errors are EINVAL with the decoder's reason.
    static func process(_ bytes: ArraySlice<UInt8>, header: NetlinkHeader, protocol: NetlinkProtocol,
                        family: GenericFamily?, state: inout State) -> [[UInt8]] {
        let wantsAck = header.flags.contains(.ack)
        guard header.flags.contains(.request), header.type >= NLMSG.minType else {
            return wantsAck ? [ack(header, warning: nil)] : []
        }
        // Filter insertions, read from their bytes (the typed decoder below handles every other
        // shape and every malformed request).
        if `protocol` == .route, header.type == RTM.newTFilter, !header.flags.contains(.echo), state.readsInsertionsFromWire,
           let insert = FilterInsert(wire: bytes, actionLists: &state.actionLists, facts: &state.actionFacts) {
            let outcome = run { () throws(SimNICError) in
                let result = try state.host.insertFilter(insert, create: header.flags.contains(.create), exclusive: header.flags.contains(.exclusive))
                return .done(warning: result.warning)
            }
            return replies(for: outcome, header: header, payload: bytes, echoErrors: state.host.configuration.echoRequestInErrors)
        }
        var families: [UInt16: GenericFamily] = [:]
        if `protocol` == .generic {
            for (f, id) in state.familyIDs where f != .control { families[id] = f }
            if let family, header.type != GENL.idCtrl { families = [header.type: family] }
        }
        let context = NetlinkDecodingContext(`protocol`, families: families)
        let message: NetlinkMessage
        do {
            message = try NetlinkMessage.decode(bytes, context: context, actionLists: &state.actionLists).0
        } catch {
            let offset = error.offset - bytes.startIndex
            return [errorReply(header, payload: bytes, SimNICError(.invalidArgument, error.reason, offset: UInt32(clamping: max(0, offset))), echo: state.host.configuration.echoRequestInErrors)]
        }
        let outcome: Outcome
        switch `protocol` {
        case .route: outcome = routeRequest(message, host: &state.host)
        case .generic: outcome = genericRequest(message, bytes: bytes, state: &state)
        }
        return replies(for: outcome, header: header, payload: bytes, echoErrors: state.host.configuration.echoRequestInErrors)
    }

    /// Reads the nlmsghdr at `offset` (the caller checked there are 16 bytes).
    static func header(_ bytes: [UInt8], at offset: Int) -> NetlinkHeader {
        func u32(_ at: Int) -> UInt32 { UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        return NetlinkHeader(length: u32(offset), type: u16(offset + 4), flags: NetlinkFlags(rawValue: u16(offset + 6)),
                             sequence: u32(offset + 8), portID: u32(offset + 12))
    }

    /// The answer to bytes that are not a netlink message at all: EINVAL naming the problem.
    static func malformed(_ bytes: [UInt8], at offset: Int, _ reason: String, header: NetlinkHeader?) -> [UInt8] {
        let h = header ?? NetlinkHeader(length: UInt32(bytes.count - offset), type: 0, flags: [], sequence: 0, portID: 0)
        return errorReply(h, payload: [], SimNICError(.invalidArgument, reason, offset: 0), echo: false)
    }

    // MARK: Notifications

    /// Turns the host's pending changes into notification messages with their multicast groups.
    static func drainNotifications(_ host: inout EmulatedHost, sequence: UInt32, portID: UInt32, listeners: Bool) -> [(UInt32, NetlinkMessage)] {
        guard !host.events.isEmpty else { return [] }
        // Nobody listens: building the messages would be wasted work on the insertion path (and
        // emptying the list while a copy of it is held would allocate a new buffer each time).
        guard listeners else {
            host.events.removeAll(keepingCapacity: true)
            return []
        }
        let events = host.events
        host.events.removeAll()
        var out: [(UInt32, NetlinkMessage)] = []
        func note(_ group: UInt32, _ type: UInt16, _ body: NetlinkMessageBody) {
            out.append((group, NetlinkMessage(type: type, flags: [], sequence: sequence, portID: portID, body: body)))
        }
        for event in events {
            switch event {
            case .linkChanged(let index):
                if let link = host.links[index] { note(RTNLGRP.link, RTM.newLink, .link(host.linkMessage(link))) }
            case .linkRemoved(let link):
                note(RTNLGRP.link, RTM.delLink, .link(host.linkMessage(link)))
            case .neighbourAdded(let entry): note(RTNLGRP.neigh, RTM.newNeigh, .neighbour(entry.message))
            case .neighbourRemoved(let entry): note(RTNLGRP.neigh, RTM.delNeigh, .neighbour(entry.message))
            case .qdiscAdded(let q): note(RTNLGRP.tc, RTM.newQdisc, .qdisc(host.qdiscMessage(q)))
            case .qdiscRemoved(let q): note(RTNLGRP.tc, RTM.delQdisc, .qdisc(host.qdiscMessage(q)))
            case .filterAdded(let id):
                if let filter = host.filter(id) { note(RTNLGRP.tc, RTM.newTFilter, .filter(host.filterMessage(filter))) }
            case .filterRemoved(let filter): note(RTNLGRP.tc, RTM.delTFilter, .filter(host.filterMessage(filter)))
            }
        }
        return out
    }

    static func deliver(_ notifications: [(UInt32, NetlinkMessage)], to sources: [SimNetlinkEventSource]) {
        guard !notifications.isEmpty else { return }
        for source in sources { source.enqueue(notifications) }
    }
}

/// A weak reference, so that an event source nobody holds goes away.
struct WeakEventSource: Sendable {
    weak var source: SimNetlinkEventSource?
}
