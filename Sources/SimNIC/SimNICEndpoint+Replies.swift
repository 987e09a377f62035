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
    static func replies(for outcome: Outcome, header: NetlinkHeader, payload: ArraySlice<UInt8>, echoErrors: Bool) -> [[UInt8]] {
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
            // The answer to nearly every change: one ACK.
            if echo.isEmpty || !header.flags.contains(.echo) { return wantsAck ? [ack(header, warning: warning)] : [] }
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
        guard let warning else { return plainAck(header) }
        var flags: NetlinkFlags = .capped
        flags.insert(.ackTLVs)
        let body = NetlinkErrorMessage(error: 0, request: header, extendedAck: [.message(warning)])
        return NetlinkMessage(type: NLMSG.error, flags: flags, sequence: header.sequence, portID: header.portID, body: .error(body)).encoded()
    }

    /// The ACK without extack (the answer to nearly every change): its 36 bytes written in place,
    /// the same bytes the message model encodes to (a test compares them).
    static func plainAck(_ header: NetlinkHeader) -> [UInt8] {
        let length = netlinkHeaderLength + 4 + netlinkHeaderLength
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.storeBytes(of: UInt32(length).littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: NLMSG.error.littleEndian, toByteOffset: 4, as: UInt16.self)
            raw.storeBytes(of: NetlinkFlags.capped.rawValue.littleEndian, toByteOffset: 6, as: UInt16.self)
            raw.storeBytes(of: header.sequence.littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: header.portID.littleEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: UInt32(0), toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: header.length.littleEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: header.type.littleEndian, toByteOffset: 24, as: UInt16.self)
            raw.storeBytes(of: header.flags.rawValue.littleEndian, toByteOffset: 26, as: UInt16.self)
            raw.storeBytes(of: header.sequence.littleEndian, toByteOffset: 28, as: UInt32.self)
            raw.storeBytes(of: header.portID.littleEndian, toByteOffset: 32, as: UInt32.self)
            count = length
        }
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
