import EswitchModel
import Netlink
import Platform

/// What handling one request came to.
enum Outcome {
    /// Done; `echo` is what NLM_F_ECHO sends back (the notification's copy), `warning` the extack
    /// text the ACK carries.
    case done(echo: [NetlinkMessage] = [], warning: String? = nil)
    /// A GET answered with these messages (unicast, then the ACK when asked).
    case reply([NetlinkMessage])
    /// A dump: these parts (NLM_F_MULTI), then NLMSG_DONE.
    case dump([NetlinkMessage])
    /// Refused.
    case failure(SimNICError)
}

extension SimNICEndpoint {
    /// The datagrams the kernel sends for an outcome.
    static func replies(for outcome: Outcome, header: NetlinkHeader, payload: ArraySlice<UInt8>, request: NetlinkMessage,
                        echoErrors: Bool) -> [[UInt8]] {
        let wantsAck = header.flags.contains(.ack)
        func stamped(_ message: NetlinkMessage, flags: NetlinkFlags) -> NetlinkMessage {
            var m = message
            m.flags = flags
            m.sequence = header.sequence
            m.portID = header.portID
            return m
        }
        switch outcome {
        case .failure(let error):
            return [errorReply(header, payload: payload, error, echo: echoErrors)]
        case .done(let echo, let warning):
            var out: [[UInt8]] = []
            if header.flags.contains(.echo) { out += echo.map { stamped($0, flags: []).encoded() } }
            if wantsAck { out.append(ack(header, warning: warning)) }
            return out
        case .reply(let messages):
            var out = messages.map { stamped($0, flags: []).encoded() }
            if wantsAck { out.append(ack(header, warning: nil)) }
            return out
        case .dump(let parts):
            var datagrams: [[UInt8]] = []
            var writer = NetlinkWriter(capacity: dumpDatagramSize)
            for part in parts {
                let before = writer.count
                stamped(part, flags: .multi).encode(into: &writer)
                if writer.count > dumpDatagramSize, before > 0 {
                    // Close the datagram before this part and start the next with it.
                    let bytes = writer.bytes
                    datagrams.append(Array(bytes[0..<before]))
                    writer.reset()
                    writer.append(contentsOf: Array(bytes[before...]))
                }
            }
            let done = NetlinkMessage(type: NLMSG.done, flags: .multi, sequence: header.sequence, portID: header.portID, body: .done(0))
            done.encode(into: &writer)
            datagrams.append(writer.bytes)
            return datagrams
        }
    }

    /// An ACK (NLMSG_ERROR with error 0): the request's header, capped, with the warning text as
    /// extack when there is one (net/netlink/af_netlink.c netlink_ack).
    static func ack(_ header: NetlinkHeader, warning: String?) -> [UInt8] {
        var flags: NetlinkFlags = .capped
        var extack: [ExtendedAckAttribute] = []
        if let warning {
            flags.insert(.ackTLVs)
            extack.append(.message(warning))
        }
        let body = NetlinkErrorMessage(error: 0, request: header, extendedAck: extack)
        return NetlinkMessage(type: NLMSG.error, flags: flags, sequence: header.sequence, portID: header.portID, body: .error(body)).encoded()
    }

    /// An NLMSG_ERROR for a refusal: -errno, the request's header, its payload unless capped, and
    /// the extack text and attribute offset when given.
    static func errorReply(_ header: NetlinkHeader, payload: ArraySlice<UInt8>, _ error: SimNICError, echo: Bool) -> [UInt8] {
        var flags: NetlinkFlags = echo ? [] : .capped
        var extack: [ExtendedAckAttribute] = []
        if let message = error.message { extack.append(.message(message)) }
        if let offset = error.offset { extack.append(.offset(offset)) }
        if !extack.isEmpty { flags.insert(.ackTLVs) }
        let echoed = echo ? Array(payload.dropFirst(netlinkHeaderLength)) : []
        let body = NetlinkErrorMessage(error: -error.errno.rawValue, request: header, requestPayload: echoed, extendedAck: extack)
        return NetlinkMessage(type: NLMSG.error, flags: flags, sequence: header.sequence, portID: header.portID, body: .error(body)).encoded()
    }
}
