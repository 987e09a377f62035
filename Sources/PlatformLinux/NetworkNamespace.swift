#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import Platform

/// A Linux network namespace, held open by a file descriptor so that it lives at least as long
/// as this value.
///
/// Sockets belong to the namespace they were created in, whatever thread uses them later. So
/// ``perform(_:)`` runs its closure on a short-lived thread that joined the namespace, and the
/// sockets it opens keep working from any thread afterwards; no thread of the caller ever
/// changes namespace.
public final class NetworkNamespace: Sendable {
    /// The descriptor of the namespace file (O_RDONLY, close-on-exec).
    let descriptor: Int32
    /// Where the namespace was opened from, for messages.
    public let origin: String

    /// Opens the namespace at `path`: `/run/netns/NAME` (ip netns) or `/proc/PID/ns/net`.
    public init(path: String) throws(PlatformError) {
        do {
            descriptor = try SystemCall.run("open \(path)") { open(path, O_RDONLY | O_CLOEXEC) }
        } catch {
            throw .systemCall(error)
        }
        origin = path
    }

    private init(descriptor: Int32, origin: String) {
        self.descriptor = descriptor
        self.origin = origin
    }

    /// The namespace created by `ip netns add NAME`.
    public static func named(_ name: String) throws(PlatformError) -> NetworkNamespace {
        try NetworkNamespace(path: "/run/netns/" + name)
    }

    /// Creates a new, unnamed network namespace (unshare(CLONE_NEWNET) on a helper thread).
    ///
    /// Nothing outside this process can see it by name, and the kernel deletes it, with every
    /// device inside, once this value and every socket opened in it are gone: a test that
    /// crashes cannot leak it. `nsenter --net=PATH` with ``debugPath`` enters it while it lives.
    public static func create() throws(PlatformError) -> NetworkNamespace {
        do {
            let descriptor = try DedicatedThread.run {
                Result { () throws(SystemCallError) -> Int32 in
                    _ = try SystemCall.run("unshare(CLONE_NEWNET)") { eswitch_unshare_net() }
                    return try SystemCall.run("open /proc/thread-self/ns/net") { open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC) }
                }
            }.get()
            return NetworkNamespace(descriptor: descriptor, origin: "new network namespace")
        } catch {
            throw .systemCall(error)
        }
    }

    deinit { close(descriptor) }

    /// A path through which other tools can enter the namespace while this value lives
    /// (`nsenter --net=PATH ip link`).
    public var debugPath: String { "/proc/\(getpid())/fd/\(descriptor)" }

    /// Runs `body` on a new thread that has joined this namespace, and returns its result.
    public func perform<T>(_ body: () throws -> T) throws -> T {
        try performResult { () throws -> T in try body() }.get()
    }

    /// Runs `body` on a new thread inside the namespace; failing to get there throws, `body`'s
    /// own outcome comes back as the result.
    func performResult<T, E: Error>(_ body: () throws(E) -> T) throws(SystemCallError) -> Result<T, E> {
        try DedicatedThread.run { () -> Result<Result<T, E>, SystemCallError> in
            do throws(SystemCallError) {
                _ = try SystemCall.run("setns(CLONE_NEWNET) \(origin)") { eswitch_setns_net(descriptor) }
            } catch {
                return .failure(error)
            }
            return .success(Result { () throws(E) -> T in try body() })
        }.get()
    }
}
