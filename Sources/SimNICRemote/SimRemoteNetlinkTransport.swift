#if canImport(Glibc)
import Glibc
#endif
import Netlink
import Platform
import Synchronization

/// ``NetlinkTransport`` to an emulator process: each request's bytes go to the emulator on the
/// protocol's channel (the same frames the LD_PRELOAD library sends for iproute2), and the reply
/// datagrams are decoded and matched by sequence number as a socket's answers are.
///
/// Exchanges are serialised on one connection; a connection that failed is opened again on the
/// next exchange (an emulator that restarted is found again), and a failed exchange is reported as
/// ``NetlinkTransportError/systemCall(_:)`` with the socket's errno.
public final class SimRemoteNetlinkTransport: NetlinkTransport {
    public let netlinkProtocol: NetlinkProtocol
    /// Dumps marked NLM_F_DUMP_INTR are tried this many times.
    public static let dumpAttempts = 5
    private let connection: SimRemoteConnection
    private let portID: UInt32
    private let state = Mutex((sequence: UInt32(1), families: [UInt16: GenericFamily]()))

    /// - Parameters:
    ///   - connection: a connection to the emulator, used by this transport only.
    ///   - protocol: rtnetlink or generic netlink, as a socket is opened for one.
    public init(connection: SimRemoteConnection, protocol: NetlinkProtocol) {
        self.connection = connection
        self.netlinkProtocol = `protocol`
        portID = UInt32(bitPattern: getpid())
    }

    public var families: [UInt16: GenericFamily] { state.withLock { $0.families } }

    public func register(_ family: GenericFamily, id: UInt16) {
        state.withLock { $0.families[id] = family }
    }

    @discardableResult
    public func request(_ message: NetlinkMessage) throws(NetlinkTransportError) -> NetlinkReply {
        var outgoing = message
        outgoing.flags.formUnion([.request, .ack])
        let replies = try exchange(&outgoing)
        var messages: [NetlinkMessage] = []
        for reply in replies where reply.sequence == outgoing.sequence {
            if case .error(let error) = reply.body {
                if error.isAck { return NetlinkReply(messages: messages, acknowledgement: error) }
                throw .kernel(error)
            }
            messages.append(reply)
        }
        throw .malformedReply(NetlinkDecodingError(offset: 0, "the emulator's answer ended without an ACK"))
    }

    public func dump(_ message: NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] {
        for _ in 0..<Self.dumpAttempts {
            var outgoing = message
            outgoing.flags.formUnion([.request, .dump])
            let replies = try exchange(&outgoing)
            var parts: [NetlinkMessage] = []
            var interrupted = false
            reading: for reply in replies where reply.sequence == outgoing.sequence {
                switch reply.body {
                case .error(let error):
                    if error.isAck { continue }
                    throw .kernel(error)
                case .done(let code):
                    if code < 0 {
                        let header = NetlinkHeader(length: 0, type: outgoing.type, flags: outgoing.flags, sequence: outgoing.sequence, portID: portID)
                        throw .kernel(NetlinkErrorMessage(error: code, request: header))
                    }
                    if interrupted || reply.flags.contains(.dumpInterrupted) {
                        interrupted = true
                        break reading
                    }
                    return parts
                default:
                    if reply.flags.contains(.dumpInterrupted) { interrupted = true }
                    parts.append(reply)
                }
            }
            guard interrupted else { throw .malformedReply(NetlinkDecodingError(offset: 0, "the emulator's dump ended without NLMSG_DONE")) }
        }
        throw .dumpInterrupted(attempts: Self.dumpAttempts)
    }

    /// Stamps the sequence and port id, sends the bytes, decodes every reply datagram.
    private func exchange(_ message: inout NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] {
        let (sequence, families) = state.withLock { s -> (UInt32, [UInt16: GenericFamily]) in
            defer { s.sequence &+= 1 }
            return (s.sequence, s.families)
        }
        message.sequence = sequence
        message.portID = portID
        let channel: SimRemoteChannel = netlinkProtocol == .generic ? .netlinkGeneric : .netlinkRoute
        let datagrams: [[UInt8]]
        do throws(SimRemoteError) {
            datagrams = try connection.exchange(channel, port: portID, payload: message.encoded())
        } catch {
            throw .systemCall(error.systemCallError)
        }
        let context = NetlinkDecodingContext(netlinkProtocol, families: families)
        var out: [NetlinkMessage] = []
        for datagram in datagrams {
            do {
                out += try NetlinkMessage.decodeAll(datagram, context: context)
            } catch {
                throw .malformedReply(error)
            }
        }
        return out
    }
}
