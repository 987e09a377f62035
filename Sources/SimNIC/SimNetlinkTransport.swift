import EswitchModel
import Netlink
import Platform
import Synchronization

/// ``NetlinkTransport`` on a ``SimNICEndpoint``, in process: requests are encoded to bytes, answered
/// by the endpoint as the kernel would, and the reply bytes decoded, so code above the Platform
/// boundary runs unchanged against the emulated NIC (including its byte-level mistakes).
public final class SimNetlinkTransport: NetlinkTransport {
    public let netlinkProtocol: NetlinkProtocol
    /// The endpoint answering.
    public let endpoint: SimNICEndpoint
    private let portID: UInt32
    private let state: Mutex<State>

    private struct State: ~Copyable {
        var sequence: UInt32 = 1
        var families: [UInt16: GenericFamily] = [:]
        /// Requests are encoded here (a socket's send buffer): one allocation per request fewer.
        var writer = NetlinkWriter(capacity: 4096)
    }

    /// - Parameters:
    ///   - endpoint: the emulated kernel.
    ///   - protocol: rtnetlink or generic netlink, as a socket is opened for one.
    ///   - portID: the port id the transport puts in its requests (a socket's nl_pid).
    public init(endpoint: SimNICEndpoint, protocol: NetlinkProtocol, portID: UInt32 = 4242) {
        self.endpoint = endpoint
        self.netlinkProtocol = `protocol`
        self.portID = portID
        state = Mutex(State())
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
        throw .timedOut
    }

    public func dump(_ message: NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] {
        var outgoing = message
        outgoing.flags.formUnion([.request, .dump])
        let replies = try exchange(&outgoing)
        var parts: [NetlinkMessage] = []
        for reply in replies where reply.sequence == outgoing.sequence {
            switch reply.body {
            case .error(let error):
                if error.isAck { continue }
                throw .kernel(error)
            case .done(let code):
                if code < 0 {
                    throw .kernel(NetlinkErrorMessage(error: code, request: NetlinkHeader(length: 0, type: outgoing.type, flags: outgoing.flags, sequence: outgoing.sequence, portID: portID)))
                }
                return parts
            default:
                parts.append(reply)
            }
        }
        throw .timedOut
    }

    /// Stamps the sequence and port id, sends the bytes, decodes every reply datagram.
    private func exchange(_ message: inout NetlinkMessage) throws(NetlinkTransportError) -> [NetlinkMessage] {
        let (request, families) = state.withLock { s -> ([UInt8], [UInt16: GenericFamily]) in
            message.sequence = s.sequence
            message.portID = portID
            s.sequence &+= 1
            s.writer.reset()
            message.encode(into: &s.writer)
            return (s.writer.bytes, s.families)
        }
        let datagrams = endpoint.handle(request, protocol: netlinkProtocol)
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
