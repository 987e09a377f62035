/// Opens ``PacketPort``s on devices and waits on several of them at once: the Platform's way to
/// reach kernel network devices for frame I/O (PlatformLinux opens AF_PACKET sockets and TAP
/// devices; tests and SimNIC see only this protocol).
public protocol PacketPortFactory: Sendable {
    /// Opens a port on `device` (creating it when it is a TAP device).
    ///
    /// - Throws: ``PacketPortError`` naming the device and what failed (missing device or
    ///   namespace, a refused socket option, a ring the kernel would not map).
    func open(_ device: PacketDevice, options: PacketPortOptions) throws(PacketPortError) -> any PacketPort

    /// A poller over `ports`, for one thread serving several ports.
    func makePoller(for ports: [any PacketPort]) throws(PacketPortError) -> any PacketPortPoller
}

/// Waits until one of several ports has frames.
public protocol PacketPortPoller: AnyObject, Sendable {
    /// Waits up to `timeout` until at least one port has frames or ``wake()`` is called.
    ///
    /// - Parameter ready: receives the positions (in the list the poller was made for) of the
    ///   ports with frames; emptied first.
    func wait(timeout: Duration, ready: inout [Int]) throws(PacketPortError)

    /// Makes the current or next ``wait(timeout:ready:)`` return at once; callable from any thread.
    func wake()

    /// Releases the poller's descriptors (not the ports).
    func close()
}
