import Platform

/// Sysfs reads and writes sent to an emulator process (`eswitch-hil sim sysfs`) on the stream
/// the netlink preload uses, marked by their own protocol number instead of a netlink one.
///
/// Request datagram: one byte `w` or `r`, the path, a NUL, then for a write the value.
/// Answer datagram: the errno as a little-endian u32 (0 for success), then for a read the
/// attribute's text, for an error the emulator's explanation.
public enum SimSysfsExchange {
    /// The frame protocol number of sysfs requests (ASCII "sysf"; netlink protocols are below 32).
    public static let protocolNumber: UInt32 = 0x6673_7973

    /// The request datagram writing `value` to `path` (or reading `path` when `value` is nil).
    public static func request(path: String, value: String?) -> [UInt8] {
        [value == nil ? UInt8(ascii: "r") : UInt8(ascii: "w")] + Array(path.utf8) + [0] + Array((value ?? "").utf8)
    }

    /// Carries out a request datagram on `endpoint`'s host and returns the answer datagram.
    public static func answer(_ request: [UInt8], on endpoint: SimNICEndpoint) -> [UInt8] {
        guard let op = request.first, let nul = request.firstIndex(of: 0), nul > 0 else {
            return encode(.failure(SimNICError(.invalidArgument, "malformed sysfs request")))
        }
        let path = String(decoding: request[1..<nul], as: UTF8.self)
        let value = String(decoding: request[(nul + 1)...], as: UTF8.self)
        switch op {
        case UInt8(ascii: "w"):
            do throws(SimNICError) {
                try endpoint.withHost { host throws(SimNICError) in try host.writeSysfs(path, value) }
                return encode(.success(""))
            } catch {
                return encode(.failure(error))
            }
        case UInt8(ascii: "r"):
            do throws(SimNICError) {
                return encode(.success(try endpoint.withHost { host throws(SimNICError) in try host.readSysfs(path) }))
            } catch {
                return encode(.failure(error))
            }
        default:
            return encode(.failure(SimNICError(.invalidArgument, "malformed sysfs request")))
        }
    }

    /// Reads an answer datagram: the attribute's text, or the errno and explanation.
    public static func decode(_ answer: [UInt8]) -> Result<String, SimNICError> {
        guard answer.count >= 4 else { return .failure(SimNICError(.ioError, "short answer from the emulator")) }
        let errno = Int32(bitPattern: UInt32(answer[0]) | UInt32(answer[1]) << 8 | UInt32(answer[2]) << 16 | UInt32(answer[3]) << 24)
        let text = String(decoding: answer[4...], as: UTF8.self)
        return errno == 0 ? .success(text) : .failure(SimNICError(Errno(errno), text.isEmpty ? nil : text))
    }

    private static func encode(_ result: Result<String, SimNICError>) -> [UInt8] {
        let (errno, text): (Int32, String)
        switch result {
        case .success(let content): (errno, text) = (0, content)
        case .failure(let error): (errno, text) = (error.errno.rawValue, error.message ?? "")
        }
        let code = UInt32(bitPattern: errno)
        return [UInt8(truncatingIfNeeded: code), UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code >> 16), UInt8(truncatingIfNeeded: code >> 24)]
            + Array(text.utf8)
    }
}
