import EswitchModel

/// A network device opened for raw Ethernet frame I/O, in batches.
///
/// Linux implements it with AF_PACKET rings (an existing netdev) or a TAP device's descriptor;
/// anything above the Platform boundary (SimNIC's port backing, a software datapath) moves frames
/// only through this protocol. A port sees frames arriving on its device, not the ones it sent
/// itself. One thread uses a port at a time; ``close()`` may come from any thread.
public protocol PacketPort: AnyObject, Sendable {
    /// The device the port is open on.
    var device: PacketDevice { get }

    /// The device's interface index in its namespace.
    var ifindex: IfIndex { get }

    /// Appends the frames waiting now to `batch`, up to its free slots, without waiting.
    ///
    /// - Returns: how many frames were appended (0 when none were waiting).
    /// - Throws: ``PacketPortError`` when the device went away or the port was closed.
    func receive(into batch: PacketBatch) throws(PacketPortError) -> Int

    /// Waits until a frame is waiting or `timeout` passes.
    ///
    /// - Returns: true when a frame is waiting.
    func waitForFrames(timeout: Duration) throws(PacketPortError) -> Bool

    /// Sends the frames of `batch`, from the first, in order.
    ///
    /// - Returns: how many the kernel took; the rest found its queues full (the caller may retry
    ///   or count them as dropped, as a NIC would).
    func send(_ batch: PacketBatch) throws(PacketPortError) -> Int

    /// Counters of the port since it opened.
    var statistics: PacketPortStatistics { get }

    /// Releases the socket or device; later calls throw ``PacketPortError/closed(_:)``. A TAP
    /// device the port created disappears.
    func close()
}

extension PacketPort {
    /// Appends the frames waiting to `batch`, waiting up to `timeout` for the first one.
    ///
    /// - Returns: how many frames were appended (0 when the time passed without any).
    public func receive(into batch: PacketBatch, timeout: Duration) throws(PacketPortError) -> Int {
        let now = try receive(into: batch)
        if now > 0 || batch.isFull { return now }
        guard try waitForFrames(timeout: timeout) else { return 0 }
        return try receive(into: batch)
    }
}

/// Frame counters of one ``PacketPort``.
public struct PacketPortStatistics: Hashable, Sendable, Codable {
    /// Frames handed to the user.
    public var received: UInt64 = 0
    /// Frames the kernel took for sending.
    public var sent: UInt64 = 0
    /// Frames offered for sending that the kernel refused (queue full).
    public var sendFailures: UInt64 = 0
    /// Frames the kernel dropped before the user could read them (ring or queue full).
    public var receiveDrops: UInt64 = 0
    /// Frames longer than a batch slot (only their beginning was kept).
    public var truncated: UInt64 = 0

    public init() {}
}
