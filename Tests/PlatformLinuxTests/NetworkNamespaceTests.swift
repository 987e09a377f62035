import Foundation
import Netlink
import Platform
import PlatformLinux
import Testing

@Suite("Network namespaces")
struct NetworkNamespaceTests {
    /// Runs a command, returning its standard output; throws unless it exits 0.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PlatformError.unavailable("\(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("perform runs on a thread inside the namespace; the caller's thread stays outside")
    func perform() throws {
        let namespace = try NetworkNamespace.create()
        let own = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self/ns/net")
        let inside = try namespace.perform { try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self/ns/net") }
        #expect(inside != own)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self/ns/net") == own)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: namespace.debugPath) == inside)
    }

    @Test("a missing namespace is a typed error with errno")
    func missing() {
        let error = #expect(throws: PlatformError.self) { try NetworkNamespace.named("eswitch-no-such-netns-\(getpid())") }
        guard case .systemCall(let call)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(call.errno == .noSuchFileOrDirectory)
    }

    @Test("links made through the transport in an `ip netns` namespace are seen by iproute2")
    func namedNamespace() throws {
        let name = "eswitch-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try Self.run(["ip", "netns", "add", name])
        defer { _ = try? Self.run(["ip", "netns", "del", name]) }

        let route = try NetlinkSocket(.route, in: try NetworkNamespace.named(name))
        try route.request(createVethRequest("esw-a", peer: "esw-b"))
        let shown = try Self.run(["ip", "-n", name, "-o", "link", "show", "esw-a"])
        #expect(shown.contains("esw-a@esw-b"))
        #expect(!(try Self.run(["ip", "-o", "link", "show"]).contains("esw-a@esw-b")))
    }
}
