import NIOCore

/// What the line decoder passes on: a request line, or the news that the line is too long.
enum ControlLineEvent: Sendable {
    case line(ByteBuffer)
    /// More than the limit arrived without a newline; the bytes are dropped as they come.
    case oversized(limit: Int)
}

/// Splits the input at `\n` and refuses lines longer than the limit as soon as the limit is
/// passed, so a client cannot make the daemon buffer without bound.
struct ControlLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ControlLineEvent
    let maximumLength: Int
    private var refused = false
    /// Bytes of the buffered partial line already searched for a newline (not searched again).
    private var searched = 0

    init(maximumLength: Int) { self.maximumLength = maximumLength }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if refused {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        if let newline = buffer.readableBytesView.dropFirst(searched).firstIndex(of: 0x0A) {
            searched = 0
            let length = newline - buffer.readerIndex
            guard length <= maximumLength else { return refuse(context: context, buffer: &buffer) }
            let line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(wrapInboundOut(.line(line)))
            return .continue
        }
        if buffer.readableBytes > maximumLength { return refuse(context: context, buffer: &buffer) }
        searched = buffer.readableBytes
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A connection that ends without a newline sent no request: nothing to answer.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    private mutating func refuse(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        refused = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        context.fireChannelRead(wrapInboundOut(.oversized(limit: maximumLength)))
        return .needMoreData
    }
}
