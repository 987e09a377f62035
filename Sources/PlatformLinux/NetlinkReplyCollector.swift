import Netlink
import Platform

/// Gathers the kernel's answer to one request from the datagrams that arrive, matching by
/// sequence number: messages of other sequence numbers (late answers to abandoned exchanges)
/// are skipped.
///
/// A dump is always read to its NLMSG_DONE, even when a part is marked NLM_F_DUMP_INTR or does
/// not decode: the kernel refuses a new dump on a socket while one is still being read.
struct NetlinkReplyCollector {
    /// What the exchange needs next.
    enum Outcome {
        /// Receive another datagram.
        case needMore
        /// The request was acknowledged (non-dump) or the dump completed consistently.
        case finished(messages: [NetlinkMessage], acknowledgement: NetlinkErrorMessage?)
        /// The dump completed but a part was marked NLM_F_DUMP_INTR: start it again.
        case interrupted
        /// The exchange failed.
        case failed(NetlinkTransportError)
    }

    let sequence: UInt32
    let isDump: Bool
    let context: NetlinkDecodingContext
    /// The header the request was sent with (echoed in errors synthesised from NLMSG_DONE).
    let requestHeader: NetlinkHeader

    private(set) var messages: [NetlinkMessage] = []
    private var interrupted = false
    private var firstDecodingError: NetlinkDecodingError?

    init(sequence: UInt32, isDump: Bool, context: NetlinkDecodingContext, requestHeader: NetlinkHeader) {
        self.sequence = sequence
        self.isDump = isDump
        self.context = context
        self.requestHeader = requestHeader
    }

    /// Takes in one datagram (its indices are offsets for error messages).
    mutating func consume(_ datagram: ArraySlice<UInt8>) -> Outcome {
        var offset = datagram.startIndex
        while datagram.endIndex - offset >= netlinkHeaderLength {
            let length = Int(datagram.readLE(UInt32.self, at: offset))
            guard length >= netlinkHeaderLength, length <= datagram.endIndex - offset else {
                // Framing is lost: nothing after this point can be trusted, not even a DONE.
                return .failed(.malformedReply(NetlinkDecodingError(offset: offset, "nlmsg_len \(length) does not fit the datagram (\(datagram.endIndex - offset) bytes left)")))
            }
            let message = datagram[offset..<(offset + length)]
            offset += min(netlinkAlign(length), datagram.endIndex - offset)
            if let outcome = consumeMessage(message) { return outcome }
        }
        return .needMore
    }

    /// Handles one framed message; returns an outcome when the exchange ends with it.
    private mutating func consumeMessage(_ bytes: ArraySlice<UInt8>) -> Outcome? {
        let s = bytes.startIndex
        let type = bytes.readLE(UInt16.self, at: s + 4)
        let flags = NetlinkFlags(rawValue: bytes.readLE(UInt16.self, at: s + 6))
        guard bytes.readLE(UInt32.self, at: s + 8) == sequence else { return nil }

        switch type {
        case NLMSG.noop, NLMSG.overrun:
            return nil
        case NLMSG.error:
            let answer: NetlinkErrorMessage
            do {
                answer = try NetlinkErrorMessage(decoding: bytes[(s + netlinkHeaderLength)...], flags: flags)
            } catch {
                return .failed(.malformedReply(error))
            }
            if !answer.isAck { return .failed(.kernel(answer)) }
            if let firstDecodingError { return .failed(.malformedReply(firstDecodingError)) }
            return .finished(messages: messages, acknowledgement: answer)
        case NLMSG.done:
            guard isDump else { return nil }  // only dumps end with DONE; a request waits for its ACK
            return finishDump(bytes, flags: flags)
        default:
            if flags.contains(.dumpInterrupted) { interrupted = true }
            guard firstDecodingError == nil else { return nil }  // keep draining, decode no more
            do {
                messages.append(try NetlinkMessage.decode(bytes, context: context).0)
            } catch {
                firstDecodingError = error
            }
            return nil
        }
    }

    /// NLMSG_DONE: an int (0, or a negative errno when the dump failed part-way), then extack
    /// attributes when NLM_F_ACK_TLVS is set.
    private func finishDump(_ bytes: ArraySlice<UInt8>, flags: NetlinkFlags) -> Outcome {
        let body = bytes[(bytes.startIndex + netlinkHeaderLength)...]
        let code = body.count >= 4 ? Int32(bitPattern: body.readLE(UInt32.self, at: body.startIndex)) : 0
        if code < 0 {
            var extack: [ExtendedAckAttribute] = []
            if flags.contains(.ackTLVs), body.count > 4 {
                var reader = AttributeReader(body.dropFirst(4))
                while let attribute = try? reader.next() {
                    switch attribute.type {
                    case NLMSGERR_ATTR.msg: if let text = try? attribute.string() { extack.append(.message(text)) }
                    case NLMSGERR_ATTR.offs: if let value = try? attribute.u32() { extack.append(.offset(value)) }
                    default: extack.append(.unknown(RawAttribute(attribute)))
                    }
                }
            }
            return .failed(.kernel(NetlinkErrorMessage(error: code, request: requestHeader, extendedAck: extack)))
        }
        if let firstDecodingError { return .failed(.malformedReply(firstDecodingError)) }
        if interrupted || flags.contains(.dumpInterrupted) { return .interrupted }
        return .finished(messages: messages, acknowledgement: nil)
    }
}
