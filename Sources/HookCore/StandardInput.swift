#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads what libvirt writes to the hook's stdin without holding more than a bound in memory.
public enum StandardInput {
    /// Reads `descriptor` to its end, keeping at most `limit` bytes and counting all of them; the
    /// rest is read and dropped so libvirt never blocks writing the XML to a hook that stopped reading.
    /// Reading stops at `discardLimit` bytes in all (a writer that never ends cannot keep the hook).
    public static func read(_ descriptor: Int32 = 0, keeping limit: Int, discardLimit: Int = 256 << 20) -> (bytes: [UInt8], total: Int) {
        var kept: [UInt8] = []
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while total < discardLimit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if kept.count < limit { kept.append(contentsOf: buffer[..<min(count, limit - kept.count)]) }
            total += count
        }
        return (kept, total)
    }
}
