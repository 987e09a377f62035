import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file replaced as a whole so that a crash at any moment leaves either the old or the new
/// content, never a mix: write `NAME.tmp`, fsync it, rename it over `NAME`, fsync the directory
/// (so the rename itself is on disk). A leftover `NAME.tmp` is an interrupted write and is ignored.
public struct DurableFile: Sendable {
    public let path: String
    var temporaryPath: String { path + ".tmp" }
    var directory: String { (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent }

    public init(path: String) { self.path = path }

    /// The file's content, or nil when there is none yet.
    /// - Throws: `DurableFileError` when the file exists but cannot be read.
    public func read() throws(DurableFileError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DurableFileError(path: path, operation: "read", errno: errno)
        }
        return data
    }

    /// Replaces the content durably (see the type's documentation for the steps).
    /// - Throws: `DurableFileError` naming the step that failed; the old content is then intact.
    public func write(_ data: Data) throws(DurableFileError) {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DurableFileError(path: temporaryPath, operation: "open", errno: errno) }
        var closed = false
        defer { if !closed { close(fd) } }
        let failedWrite: Int32? = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = retryingOnInterrupt { Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset) }
                if written < 0 { return errno }
                offset += written
            }
            return nil
        }
        if let failedWrite { throw DurableFileError(path: temporaryPath, operation: "write", errno: failedWrite) }
        guard fsync(fd) == 0 else { throw DurableFileError(path: temporaryPath, operation: "fsync", errno: errno) }
        closed = true
        guard close(fd) == 0 else { throw DurableFileError(path: temporaryPath, operation: "close", errno: errno) }
        guard rename(temporaryPath, path) == 0 else { throw DurableFileError(path: path, operation: "rename", errno: errno) }
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw DurableFileError(path: directory, operation: "open", errno: errno) }
        defer { close(dirfd) }
        guard fsync(dirfd) == 0 else { throw DurableFileError(path: directory, operation: "fsync", errno: errno) }
    }

    /// Removes a temporary file an interrupted write left behind.
    /// - Returns: True when there was one.
    @discardableResult
    public func discardInterruptedWrite() -> Bool {
        (try? FileManager.default.removeItem(atPath: temporaryPath)) != nil
    }
}

/// A file operation failed: which file, which step, and the system's reason.
public struct DurableFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var errno: Int32

    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "\(operation) \(path): \(String(cString: strerror(errno)))" }
}
