#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Platform

/// The one funnel every system call of PlatformLinux goes through: a call interrupted by a
/// signal (EINTR) is made again, any other failure becomes a ``SystemCallError`` naming the
/// function and its errno, read immediately so nothing in between can overwrite it.
enum SystemCall {
    /// Calls `call` until it returns something other than -1 with EINTR.
    @inline(__always)
    static func run<T: BinaryInteger>(_ function: String, _ call: () -> T) throws(SystemCallError) -> T {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(function, errno: Errno(code))
        }
    }

    /// Calls a pointer-returning function until it returns non-nil or fails with other than EINTR.
    @inline(__always)
    static func runNonNil<T>(_ function: String, _ call: () -> T?) throws(SystemCallError) -> T {
        while true {
            if let result = call() { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemCallError(function, errno: Errno(code))
        }
    }
}
