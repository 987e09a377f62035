import ControlAPI
import EswitchModel
import Foundation
import HookCore
import Testing

/// The built hook as libvirt runs it: exit status, stderr line, empty stdout, signals, many at once.
@Suite struct HookProcessTests {
    static let domain = HookFixtures.domain("vm1", interfaces: [HookFixtures.vdpa("52:54:00:00:00:01"), HookFixtures.tap("52:54:00:00:00:02", "tap-vm1")],
                                            ports: [("52:54:00:00:00:01", "p1"), ("52:54:00:00:00:02", "p2")])

    @Test func prepareExitsZeroPrintsNothingAndPlugsEveryPort() throws {
        let daemon = try FakeEswitchd()
        let result = try HookProcess.run(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: daemon.socketPath)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2"])
    }

    @Test func aFailedPrepareExitsNonZeroWithOneLineAndNothingLeftPlugged() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p2" { return .answer(.failure(ControlFailure(.notFound, "unknown port 'p2'"))) }
            return .standard
        }
        let result = try HookProcess.run(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: daemon.socketPath)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "eswitch-hook: cannot plug port 'p2' of domain 'vm1': eswitchd refused plug of port 'p2': not_found: unknown port 'p2'; released 'p1'\n")
        #expect(daemon.plugged.isEmpty)
    }

    @Test func hostileXMLIsRefusedOnOneLineAndNothingIsSent() throws {
        let daemon = try FakeEswitchd()
        let laughs = "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><domain><name>&b;</name></domain>"
        let huge = Array("<domain><name>vm1</name>".utf8) + [UInt8](repeating: 0x20, count: 3 << 20) + Array("</domain>".utf8)
        for (input, expected) in [(Array(laughs.utf8), "document type declaration"), (huge, "3145761 bytes on stdin exceed the 1048576-byte limit")] {
            for operation in [["prepare", "begin"], ["started", "begin"], ["stopped", "end"], ["release", "end"]] {
                let result = try HookProcess.run(["vm1"] + operation + ["-"], stdin: input, socket: daemon.socketPath)
                #expect(result.status == 1)
                #expect(result.stderr.hasPrefix("eswitch-hook: domain XML refused: "))
                #expect(result.stderr.contains(expected), "\(result.stderr)")
                #expect(result.stderr.filter { $0 == "\n" }.count == 1)
            }
        }
        #expect(daemon.requests.isEmpty)
    }

    @Test func reconnectExitsZeroWithNoDaemon() throws {
        let result = try HookProcess.run(["vm1", "reconnect", "begin", "-"], stdin: Self.domain, socket: "/tmp/esw-none-\(getpid()).sock")
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot connect to eswitchd at /tmp/esw-none-"))
    }

    @Test func migrateAndRestorePrintNothingOnStdout() throws {
        let daemon = try FakeEswitchd()
        for operation in ["migrate", "restore"] {
            let result = try HookProcess.run(["vm1", operation, "begin", "-"], stdin: Self.domain, socket: daemon.socketPath)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty, "\(operation) printed '\(result.stdout)', which libvirt would take as the new domain XML")
            #expect(result.stderr.isEmpty)
        }
        let unknown = try HookProcess.run(["vm1", "frobnicate", "sideways", "-"], stdin: Self.domain, socket: daemon.socketPath)
        #expect(unknown.status == 0 && unknown.stdout.isEmpty && unknown.stderr.isEmpty)
        #expect(daemon.requests.isEmpty)
    }

    @Test func aBrokenConfigurationFailsPrepareButNotMigrate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hook-conf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("hook.conf")
        try Data("socket: /run/x.sock\nplug_timout: 3\n".utf8).write(to: config)
        let prepare = try HookProcess.run(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: nil, extraOptions: ["--config", config.path])
        #expect(prepare.status == 1)
        #expect(prepare.stderr == "eswitch-hook: configuration \(config.path): line 2: unknown key 'plug_timout' (expected one of: socket, timeout, plug_timeout, log_file)\n")
        let migrate = try HookProcess.run(["vm1", "migrate", "begin", "-"], stdin: Self.domain, socket: nil, extraOptions: ["--config", config.path])
        #expect(migrate.status == 0 && migrate.stdout.isEmpty && migrate.stderr.isEmpty)
    }

    @Test func theConfigurationFileSetsSocketTimeoutsAndTheLog() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p2" { return .hang }
            return .standard
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hook-conf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("hook.conf"), log = directory.appendingPathComponent("hook.log")
        try Data("socket: \(daemon.socketPath)\nplug_timeout: 0.4\nlog_file: \(log.path)\n".utf8).write(to: config)
        let result = try HookProcess.run(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: nil, extraOptions: ["--config", config.path])
        #expect(result.stderr.contains("did not answer plug of port 'p2' within 0.4 s; released 'p2', 'p1'"), "\(result.stderr)")
        let logged = try String(contentsOf: log, encoding: .utf8)
        #expect(result.status == 1)
        #expect(logged.hasSuffix("\n") && logged.filter { $0 == "\n" }.count == 1)
        #expect(logged.contains("] vm1 prepare begin -: failed: cannot plug port 'p2'"))
    }

    @Test func sigtermDuringPrepareReleasesWhatWasPlugged() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p2" { return .hang }
            return .standard
        }
        let hook = try HookProcess(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: daemon.socketPath)
        #expect(daemon.waitFor { $0.map(\.shortForm).contains("plug p2") })
        hook.process.terminate()
        let result = try hook.finish()
        #expect(result.reason == .exit)
        #expect(result.status == 1)
        #expect(result.stderr == "eswitch-hook: cannot plug port 'p2' of domain 'vm1': interrupted by SIGTERM; released 'p2', 'p1'\n")
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "unplug p2", "unplug p1"])
        #expect(daemon.plugged.isEmpty)
    }

    @Test func aKilledHookLeavesItsPlugInFlightForTheDaemonToRollBack() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p1" { return .hang }
            return .standard
        }
        let hook = try HookProcess(["vm1", "prepare", "begin", "-"], stdin: Self.domain, socket: daemon.socketPath)
        #expect(daemon.waitFor { $0.map(\.shortForm).contains("plug p1") })
        kill(hook.process.processIdentifier, SIGKILL)
        _ = try hook.finish()
        // The connection of the unanswered plug closes with the process: the daemon sees the client
        // gone before its reply (and rolls the plug back); no other call was made.
        #expect(daemon.waitFor { _ in daemon.abandonedConnections == 1 })
        #expect(daemon.requests.map(\.shortForm) == ["plug p1"])
    }

    @Test func twentyHooksAtOnceEachGetTheirOwnAnswerAndNoErrorIsLost() throws {
        // Every fifth domain's second port is refused; those hooks must fail with the daemon's line
        // and release their first port, while the others plug both.
        let daemon = try FakeEswitchd(delay: 0.3) { request in
            if case .plug(let plug) = request, plug.port.rawValue.hasSuffix("-b"), Int(plug.domain.dropFirst(2))! % 5 == 0 {
                return .answer(.failure(ControlFailure(.unavailable, "no free VF for \(plug.port)")))
            }
            return .standard
        }
        let hooks = try (0..<20).map { index in
            let mac = { (n: Int) in String(format: "52:54:00:00:%02x:%02x", index, n) }
            let xml = HookFixtures.domain("vm\(index)", interfaces: [HookFixtures.vdpa(mac(1)), HookFixtures.vdpa(mac(2))],
                                          ports: [(mac(1), "vm\(index)-a"), (mac(2), "vm\(index)-b")])
            return try HookProcess(["vm\(index)", "prepare", "begin", "-"], stdin: xml, socket: daemon.socketPath)
        }
        let results = try hooks.map { try $0.finish() }
        for (index, result) in results.enumerated() {
            #expect(result.stdout.isEmpty)
            if index % 5 == 0 {
                #expect(result.status == 1)
                #expect(result.stderr == "eswitch-hook: cannot plug port 'vm\(index)-b' of domain 'vm\(index)': eswitchd refused plug of port 'vm\(index)-b': unavailable: no free VF for vm\(index)-b; released 'vm\(index)-a'\n")
            } else {
                #expect(result.status == 0, "vm\(index): \(result.stderr)")
            }
        }
        var expected: [PortID: String] = [:]
        for index in 0..<20 where index % 5 != 0 {
            expected[PortID("vm\(index)-a")] = "vm\(index)"
            expected[PortID("vm\(index)-b")] = "vm\(index)"
        }
        #expect(daemon.plugged == expected)
        // Each plug of each domain carried that domain's own ports and MACs.
        for case .plug(let plug) in daemon.requests {
            #expect(plug.port.rawValue.hasPrefix(plug.domain + "-"))
        }
        // The hooks did not wait for each other: the daemon served several at the same moment.
        #expect(daemon.peakConcurrency > 1)
    }
}
