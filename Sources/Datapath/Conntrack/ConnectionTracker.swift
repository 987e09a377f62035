import EswitchModel
import Packet

/// Connection tracking with NAT for the slow path: connections by 5-tuple and zone, the TCP
/// state of each, timeouts per state, and source/destination translation set up at commit (as
/// TC's `ct commit nat` does) and applied to every later packet of the connection in both
/// directions.
///
/// Both directions of a connection index one entry: the original tuple, and the reply tuple
/// (the translated tuple reversed). Idle connections expire lazily when looked up, and a sweep
/// (``expire(now:budget:)``) reclaims the rest a few at a time.
public final class ConnectionTracker {
    struct Entry {
        var original: ConnectionTuple
        /// The original tuple after translation (equal to `original` without NAT).
        var translated: ConnectionTuple
        var tcp: TCPConnectionState
        var finFromOriginator = false
        var finFromResponder = false
        var seenReply = false
        var expires: DatapathInstant
        var origin: ConnectionOrigin?
        var live = true
    }

    /// The most connections held; commits beyond are refused (counted in `refused`).
    public let capacity: Int
    public var timeouts: ConntrackTimeouts
    private var entries = SlotPool<Entry>()
    /// Tuple -> entry index * 2 + direction (0 original, 1 reply).
    private var index: [ConnectionTuple: Int] = [:]
    private var sweepCursor = 0

    /// Live connections.
    public private(set) var count = 0
    /// Connections committed, expired, refused because the table was full, and refused because
    /// no translated port was free.
    public private(set) var committed: UInt64 = 0
    public private(set) var expired: UInt64 = 0
    public private(set) var refused: UInt64 = 0
    public private(set) var natExhausted: UInt64 = 0

    public init(capacity: Int = 1 << 18, timeouts: ConntrackTimeouts = ConntrackTimeouts()) {
        self.capacity = capacity
        self.timeouts = timeouts
    }

    /// Passes a packet through connection tracking in `zone`.
    /// - Parameters:
    ///   - flow: the parsed packet.
    ///   - commit: create the connection if it is new (with `nat` and `origin`).
    ///   - nat: the translation of a committed new connection.
    ///   - origin: recorded with a committed connection, returned with its later packets.
    ///   - now: the caller's clock.
    public func track(_ flow: FlowKey, zone: UInt16, commit: Bool, nat: NATRequest? = nil, origin: ConnectionOrigin? = nil,
                      now: DatapathInstant) -> ConntrackVerdict {
        guard let tuple = ConnectionTuple(flow, zone: zone) else { return ConntrackVerdict(state: .tracked) }
        if let reference = index[tuple] {
            let e = reference >> 1
            let fromOriginator = reference & 1 == 0
            let restartsClosed = tuple.proto == 6 && fromOriginator && flow.tcpFlags & (TCPConnectionState.syn | TCPConnectionState.ack) == TCPConnectionState.syn
                && (entries[e].tcp == .close || entries[e].tcp == .timeWait)
            if now >= entries[e].expires || restartsClosed {
                remove(e)
                expired += restartsClosed ? 0 : 1
            } else {
                if commit, let nat, fromOriginator, !entries[e].seenReply, entries[e].translated == entries[e].original {
                    // Committed earlier without a translation (a stateful filter before the NAT
                    // rule, in the same zone): the translation binds now, before any reply.
                    guard bind(e, nat) else {
                        natExhausted += 1
                        return ConntrackVerdict(state: [.tracked, .new], refused: true)
                    }
                }
                return update(e, tuple: tuple, fromOriginator: fromOriginator, flags: flow.tcpFlags, now: now)
            }
        }
        guard commit else { return ConntrackVerdict(state: [.tracked, .new]) }
        guard count < capacity else {
            refused += 1
            return ConntrackVerdict(state: [.tracked, .new], refused: true)
        }
        guard let translated = translation(of: tuple, nat) else {
            natExhausted += 1
            return ConntrackVerdict(state: [.tracked, .new], refused: true)
        }
        let tcp = tuple.proto == 6 ? TCPConnectionState.opening(flags: flow.tcpFlags) : .established
        var entry = Entry(original: tuple, translated: translated, tcp: tcp, expires: now, origin: origin)
        entry.expires = now.advanced(bySeconds: timeout(of: entry))
        let e = entries.insert(entry)
        index[tuple] = e << 1
        let reply = translated.reversed
        if reply != tuple { index[reply] = e << 1 | 1 }
        count += 1
        committed += 1
        return ConntrackVerdict(state: [.tracked, .new], rewrite: translated == tuple ? nil : translated, origin: origin, committed: true)
    }

    private func update(_ e: Int, tuple: ConnectionTuple, fromOriginator: Bool, flags: UInt8, now: DatapathInstant) -> ConntrackVerdict {
        if !fromOriginator { entries[e].seenReply = true }
        if tuple.proto == 6 {
            var finO = entries[e].finFromOriginator, finR = entries[e].finFromResponder
            entries[e].tcp = entries[e].tcp.next(flags: flags, fromOriginator: fromOriginator, finFromOriginator: &finO, finFromResponder: &finR)
            entries[e].finFromOriginator = finO
            entries[e].finFromResponder = finR
        }
        entries[e].expires = now.advanced(bySeconds: timeout(of: entries[e]))
        let entry = entries[e]
        let state: ConnectionState = entry.seenReply || !fromOriginator ? [.tracked, .established] : [.tracked, .new]
        // The packet is rewritten to the tuple its direction has on the other side of the translation.
        let target = fromOriginator ? entry.translated : entry.original.reversed
        return ConntrackVerdict(state: state, rewrite: target == tuple ? nil : target, origin: entry.origin)
    }

    /// Gives the untranslated connection `e` the translation `nat`; false when no port is free.
    private func bind(_ e: Int, _ nat: NATRequest) -> Bool {
        let original = entries[e].original
        let untranslatedReply = original.reversed
        if index[untranslatedReply] == e << 1 | 1 { index[untranslatedReply] = nil }
        guard let translated = translation(of: original, nat) else {
            if untranslatedReply != original { index[untranslatedReply] = e << 1 | 1 }
            return false
        }
        entries[e].translated = translated
        let reply = translated.reversed
        if reply != original { index[reply] = e << 1 | 1 }
        return true
    }

    private func timeout(of entry: Entry) -> Double {
        switch entry.original.proto {
        case 6: return timeouts.tcp(entry.tcp)
        case 17: return entry.seenReply ? timeouts.udpReplied : timeouts.udpUnreplied
        case 1, 58: return timeouts.icmp
        default: return timeouts.other
        }
    }

    /// The translated tuple of a new connection, or nil when no free port is left.
    private func translation(of tuple: ConnectionTuple, _ nat: NATRequest?) -> ConnectionTuple? {
        guard let nat else { return tuple }
        guard !tuple.isIPv6 else { return nil }
        var translated = tuple
        switch nat {
        case .destination(let address, let port):
            translated.destinationLow = UInt64(address.rawValue)
            if let port, !tuple.isICMP { translated.destinationPort = port }
            return index[translated.reversed] == nil ? translated : nil
        case .source(let address):
            translated.sourceLow = UInt64(address.rawValue)
            if index[translated.reversed] == nil { return translated }
            // Another connection holds the reply tuple: try other ports from a tuple-derived start.
            guard tuple.proto == 6 || tuple.proto == 17 || tuple.isICMP else { return nil }
            var hasher = Hasher()
            hasher.combine(tuple)
            let start = UInt32(truncatingIfNeeded: hasher.finalize())
            for attempt in 0..<128 as Range<UInt32> {
                let port = UInt16(1024 + (start &+ attempt &* 7919) % (65536 - 1024))
                translated.sourcePort = port
                if tuple.isICMP { translated.destinationPort = port }
                if index[translated.reversed] == nil { return translated }
            }
            return nil
        }
    }

    private func remove(_ e: Int) {
        guard entries[e].live else { return }
        let entry = entries[e]
        if index[entry.original] == e << 1 { index[entry.original] = nil }
        let reply = entry.translated.reversed
        if index[reply] == e << 1 | 1 { index[reply] = nil }
        entries[e].live = false
        entries[e].origin = nil
        entries.release(e)
        count -= 1
    }

    /// Removes up to `budget` expired connections, continuing where the last sweep stopped.
    /// - Returns: how many were removed.
    @discardableResult
    public func expire(now: DatapathInstant, budget: Int = 64) -> Int {
        guard entries.capacity > 0 else { return 0 }
        var removed = 0
        for _ in 0..<min(budget, entries.capacity) {
            if sweepCursor >= entries.capacity { sweepCursor = 0 }
            if entries[sweepCursor].live && now >= entries[sweepCursor].expires {
                remove(sweepCursor)
                expired += 1
                removed += 1
            }
            sweepCursor += 1
        }
        return removed
    }

    /// The connection a tuple belongs to, as (original tuple, translated tuple, TCP state,
    /// whether a reply was seen), if it is tracked and not expired at `now`.
    public func connection(_ tuple: ConnectionTuple, now: DatapathInstant) -> (original: ConnectionTuple, translated: ConnectionTuple, tcp: TCPConnectionState, replied: Bool)? {
        guard let reference = index[tuple] else { return nil }
        let entry = entries[reference >> 1]
        guard entry.live, now < entry.expires else { return nil }
        return (entry.original, entry.translated, entry.tcp, entry.seenReply)
    }

    /// Forgets every connection.
    public func removeAll() {
        entries.removeAll()
        index = [:]
        count = 0
        sweepCursor = 0
    }
}
