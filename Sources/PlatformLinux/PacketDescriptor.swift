#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import EswitchModel
import Platform

/// What the Linux packet ports share: a pollable descriptor, opening inside a network namespace,
/// and the small socket helpers of their set-up.
protocol PollablePacketPort: PacketPort {
    /// The descriptor that polls readable when frames wait.
    var pollDescriptor: Int32 { get }
    /// Clears a pending socket error (a device that went down) after a poll reported it, so that
    /// the next poll waits again instead of returning at once.
    func acknowledgeError()
}

enum PacketDescriptor {
    /// Runs `body` on a thread inside `namespace` (or on the calling thread when nil): sockets and
    /// TAP devices belong to the namespace they are created in, and names resolve there.
    static func within<T>(_ namespace: NetworkNamespacePath?, _ body: () throws(PacketPortError) -> T) throws(PacketPortError) -> T {
        guard let namespace else { return try body() }
        let handle: NetworkNamespace
        do {
            handle = try NetworkNamespace(path: namespace.rawValue)
        } catch {
            if case .systemCall(let call) = error { throw .namespaceUnavailable(namespace.description, call) }
            throw .namespaceUnavailable(namespace.description, SystemCallError("open", errno: .noSuchFileOrDirectory))
        }
        let result: Result<T, PacketPortError>
        do throws(SystemCallError) {
            result = try handle.performResult(body)
        } catch {
            throw .namespaceUnavailable(namespace.description, error)
        }
        return try result.get()
    }

    /// The interface index of `name` in the calling thread's namespace.
    static func interfaceIndex(_ device: PacketDevice) throws(PacketPortError) -> IfIndex {
        let index = if_nametoindex(device.name.rawValue)
        guard index != 0 else { throw .noSuchDevice(device.description) }
        return IfIndex(index)
    }

    /// setsockopt with an Int32 value.
    static func setOption(_ fd: Int32, level: Int32, _ option: Int32, _ value: Int32, name: String, device: PacketDevice) throws(PacketPortError) {
        var v = value
        do {
            _ = try SystemCall.run("setsockopt(\(name))") { setsockopt(fd, level, option, &v, socklen_t(MemoryLayout<Int32>.size)) }
        } catch {
            throw .systemCall(error, device: device.description)
        }
    }

    /// setsockopt with a struct value.
    static func setOption<T: BitwiseCopyable>(_ fd: Int32, level: Int32, _ option: Int32, structure value: T, name: String, device: PacketDevice) throws(PacketPortError) {
        do {
            _ = try withUnsafeBytes(of: value) { bytes throws(SystemCallError) in
                try SystemCall.run("setsockopt(\(name))") { setsockopt(fd, level, option, bytes.baseAddress, socklen_t(bytes.count)) }
            }
        } catch {
            throw .systemCall(error, device: device.description)
        }
    }

    /// Milliseconds for poll/epoll_wait, rounded up so that a short timeout still waits.
    static func milliseconds(_ timeout: Duration) -> Int32 {
        let (seconds, attoseconds) = timeout.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let ms = seconds.multipliedReportingOverflow(by: 1000)
        if ms.overflow { return Int32.max }
        let total = ms.partialValue + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: total)
    }

    /// Waits for `fd` to poll readable.
    ///
    /// - Returns: true when readable; false on timeout or when only an error was pending (it is
    ///   cleared through `acknowledge`).
    static func waitReadable(_ fd: Int32, timeout: Duration, device: PacketDevice, acknowledge: () -> Void) throws(PacketPortError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready: Int32
        do {
            ready = try SystemCall.run("poll") { poll(&entry, 1, milliseconds(timeout)) }
        } catch {
            throw .systemCall(error, device: device.description)
        }
        guard ready > 0 else { return false }
        if entry.revents & Int16(POLLNVAL) != 0 { throw .closed(device.description) }
        if entry.revents & Int16(POLLIN) != 0 { return true }
        acknowledge()
        return false
    }

    /// Reads and clears SO_ERROR.
    static func clearSocketError(_ fd: Int32) {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length)
    }
}
