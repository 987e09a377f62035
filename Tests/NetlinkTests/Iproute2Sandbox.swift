import EswitchModel
import Foundation
import Netlink
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway network namespace with the interfaces of the golden capture (veth X/Y, veth
/// eth0/eth0p, vxlan0 external on port 4789, bridge br0) in which iproute2 commands run under
/// strace; ``capture(_:genericFamilyID:)`` returns the netlink messages a command sent.
///
/// devlink and vdpa run with Fixtures/genl-stub.c preloaded (compiled here with gcc), which
/// answers generic netlink in place of the kernel, so they send their real requests on a kernel
/// without those families. Call ``close()`` (in a `defer`) to delete the namespace.
final class Iproute2Sandbox {
    struct Capture {
        /// The command line as run.
        let command: String
        /// Every netlink message the command sent, in order.
        let sent: [[UInt8]]
        let exitStatus: Int32
        let stderr: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let namespace: String
    let workDirectory: URL
    /// The interfaces of the namespace by name.
    private(set) var ifindex: [String: IfIndex] = [:]
    private var closed = false

    /// Whether this process can run the captures: Linux, as root.
    static var isSupported: Bool {
        #if os(Linux)
        return getuid() == 0
        #else
        return false
        #endif
    }

    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    init() throws {
        let number: Int = Self.lock.withLock {
            Self.counter += 1
            return Self.counter
        }
        namespace = "eswfresh-\(getpid())-\(number)"
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(namespace)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        do {
            _ = try run(["ip", "netns", "del", namespace], check: false)
            try run(["ip", "netns", "add", namespace])
            try ip("link", "add", "X", "type", "veth", "peer", "name", "Y")
            try ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0p")
            try ip("link", "add", "vxlan0", "type", "vxlan", "dstport", "4789", "external")
            try ip("link", "add", "br0", "type", "bridge")
            for device in ["lo", "X", "Y", "eth0", "eth0p", "vxlan0", "br0"] { try ip("link", "set", device, "up") }
            ifindex = try readInterfaces()
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Deletes the namespace and the work directory; safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["ip", "netns", "del", namespace], check: false)
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// The ifindex of a device of the namespace.
    func index(_ name: String) throws -> IfIndex {
        guard let i = ifindex[name] else { throw Failure(description: "no interface \(name) in \(namespace)") }
        return i
    }

    /// Runs `ip -n <namespace> ARGS` and fails on a non-zero status.
    func ip(_ arguments: String...) throws {
        try run(["ip", "-n", namespace] + arguments)
    }

    /// The namespace's interfaces now, by name.
    func readInterfaces() throws -> [String: IfIndex] {
        let result = try run(["ip", "-n", namespace, "-j", "link", "show"])
        guard let list = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] else {
            throw Failure(description: "unexpected `ip -j link show` output: \(result.output)")
        }
        var map: [String: IfIndex] = [:]
        for entry in list {
            if let name = entry["ifname"] as? String, let index = entry["ifindex"] as? Int {
                map[name] = IfIndex(UInt32(index))
            }
        }
        return map
    }

    /// Runs `words` in the namespace under strace and returns what it sent. With
    /// `genericFamilyID`, the generic netlink stub answers instead of the kernel and hands out
    /// that family id.
    func capture(_ words: [String], genericFamilyID: UInt16? = nil) throws -> Capture {
        let log = workDirectory.appendingPathComponent("strace-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var strace = ["strace", "-f", "-qq", "-xx", "-s", "4096", "-e", "trace=sendmsg,sendto", "-e", "write=all", "-o", log.path]
        if let genericFamilyID {
            strace += ["-E", "LD_PRELOAD=\(try genericStub().path)", "-E", "ESWITCH_GENL_ID=\(genericFamilyID)"]
        }
        let result = try run(["timeout", "20", "ip", "netns", "exec", namespace] + strace + ["--"] + words, check: false)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard result.status != 124, !text.isEmpty else {
            throw Failure(description: "'\(words.joined(separator: " "))' did not run under strace (status \(result.status)): \(result.error)")
        }
        return Capture(command: words.joined(separator: " "), sent: try Self.sentMessages(straceLog: text),
                       exitStatus: result.status, stderr: result.error)
    }

    // MARK: strace output

    /// The netlink messages in the sendmsg/sendto calls of an strace log written with
    /// `-xx -e write=all`: each call line is followed by a hex dump, one line per 16 bytes
    /// (`| 00010  03 01 00 00 0c 00 02 00  64 65 76 6c 69 6e 6b 00  ........devlink. |`), per iovec
    /// buffer for sendmsg (`* 148 bytes in buffer 0`). Each call's bytes are cut into messages by
    /// their nlmsg_len.
    static func sentMessages(straceLog: String) throws -> [[UInt8]] {
        var calls: [[UInt8]] = []
        var bufferStart = 0
        for rawLine in straceLog.split(separator: "\n") {
            var line = rawLine[...]
            if line.hasPrefix("[pid "), let end = line.firstIndex(of: "]") {
                line = line[line.index(after: end)...]
            } else {
                line = line.drop(while: \.isNumber)
            }
            line = line.drop(while: { $0 == " " })
            if line.hasPrefix("sendto(") || line.hasPrefix("sendmsg(") {
                calls.append([])
                bufferStart = 0
            } else if line.hasPrefix("* "), line.contains(" bytes in buffer ") {
                bufferStart = calls.last?.count ?? 0
            } else if line.hasPrefix("| "), !calls.isEmpty {
                let dump = line.dropFirst(2)
                guard dump.count >= 7, let offset = Int(dump.prefix(5), radix: 16) else {
                    throw Failure(description: "unreadable strace dump line: \(rawLine)")
                }
                guard offset == calls[calls.count - 1].count - bufferStart else {
                    throw Failure(description: "strace dump offset \(offset) out of sequence: \(rawLine)")
                }
                // Fixed-width hex column: 16 groups of "xx " with one extra space after the 8th.
                let column = dump.dropFirst(7).prefix(49)
                for token in column.split(separator: " ") {
                    guard token.count == 2, let byte = UInt8(token, radix: 16) else {
                        throw Failure(description: "unreadable strace dump byte '\(token)': \(rawLine)")
                    }
                    calls[calls.count - 1].append(byte)
                }
            }
        }
        var messages: [[UInt8]] = []
        for data in calls {
            var offset = 0
            while offset + 16 <= data.count {
                let length = Int(data[offset]) | Int(data[offset + 1]) << 8 | Int(data[offset + 2]) << 16 | Int(data[offset + 3]) << 24
                guard length >= 16, offset + length <= data.count else {
                    throw Failure(description: "sent data holds a message of length \(length) at \(offset) of \(data.count)")
                }
                messages.append(Array(data[offset..<(offset + length)]))
                offset += (length + 3) & ~3
            }
        }
        return messages
    }

    /// `message` with the padding after each top-level attribute zeroed (the attributes start
    /// after the 16-byte header and `fixedHeader` bytes of family header): iproute2 reuses its
    /// buffers for generic netlink, so stale bytes can sit there (see the corpus's gen.sh).
    static func zeroingTopLevelPadding(_ message: [UInt8], fixedHeader: Int) -> [UInt8] {
        var m = message
        var offset = 16 + fixedHeader
        while offset + 4 <= m.count {
            let length = Int(m[offset]) | Int(m[offset + 1]) << 8
            guard length >= 4 else { break }
            let end = min(offset + ((length + 3) & ~3), m.count)
            if offset + length < end {
                for i in (offset + length)..<end { m[i] = 0 }
            }
            offset = end
        }
        return m
    }

    // MARK: processes

    struct ProcessResult {
        let status: Int32
        let output: String
        let error: String
    }

    /// Runs a program (looked up in PATH, sbin included) with stdin from /dev/null.
    @discardableResult
    func run(_ arguments: [String], check: Bool = true) throws -> ProcessResult {
        let result = try Self.run(arguments, scratch: workDirectory)
        if check, result.status != 0 {
            throw Failure(description: "'\(arguments.joined(separator: " "))' failed (\(result.status)): \(result.error)")
        }
        return result
    }

    static func run(_ arguments: [String], scratch: URL) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:" + (environment["PATH"] ?? "")
        environment["LC_ALL"] = "C"
        process.environment = environment
        let id = UUID().uuidString
        let outURL = scratch.appendingPathComponent("\(id).out"), errURL = scratch.appendingPathComponent("\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return ProcessResult(status: process.terminationStatus,
                      output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      error: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    // MARK: generic netlink stub

    private var stub: URL?

    /// Fixtures/genl-stub.c, compiled into the work directory on first use.
    func genericStub() throws -> URL {
        if let stub { return stub }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/genl-stub.c")
        let library = workDirectory.appendingPathComponent("genl-stub.so")
        let result = try run(["gcc", "-shared", "-fPIC", "-O1", "-Wall", "-o", library.path, source.path, "-ldl"], check: false)
        guard result.status == 0 else { throw Failure(description: "gcc failed on \(source.path): \(result.error)") }
        stub = library
        return library
    }
}
