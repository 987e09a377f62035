import ControlAPI
import Daemon
import EswitchModel
import Foundation
import Testing

@Suite(.serialized) struct ControlSocketTests {
    static func plug(_ port: String, domain: String = "vm") -> ControlRequest {
        .plug(PlugRequest(port: PortID(port), domain: domain, kind: .hostdev))
    }

    @Test func answersOnBothSocketsAndRefusesChangesOnTheReadOnlyOne() async throws {
        let daemon = try await InProcessDaemon(handler: MemoryHandler())
        defer { Task { await daemon.stop() } }
        guard case .pong = try await daemon.send(.ping, on: .readOnly) else { Issue.record("no pong on the read-only socket"); return }
        let refused = try await daemon.send(Self.plug("p1"), on: .readOnly)
        guard case .failure(let failure) = refused else { Issue.record("plug was accepted on the read-only socket: \(refused)"); return }
        #expect(failure.code == .permissionDenied)
        #expect(failure.message.contains("read-only socket"))
        guard case .plugged = try await daemon.send(Self.plug("p1")) else { Issue.record("plug failed on the read-write socket"); return }
        #expect(daemon.logs.objects.contains { $0["message"] as? String == "refused request" && $0["port"] as? String == "p1" })
        await daemon.stop()
    }

    @Test func callersOutsideTheAllowListAreRefusedAndLogged() async throws {
        // The test runs as root; an allow-list without uid 0 must refuse it on both sockets.
        let daemon = try await InProcessDaemon(handler: MemoryHandler()) { configuration in
            configuration.access = AccessPolicy(readWrite: AllowList(uids: [UnixUserID(4242)]), readOnly: AllowList(gids: [UnixGroupID(4243)]))
        }
        let uid = getuid()
        for socket in [SocketRole.readWrite, .readOnly] {
            let response = try await daemon.send(.status, on: socket)
            guard case .failure(let failure) = response else { Issue.record("status was answered on the \(socket) socket"); continue }
            #expect(failure.code == .permissionDenied)
            #expect(failure.message.hasPrefix("uid \(uid) (gid \(getgid())) is not allowed on the \(socket) socket"))
        }
        let refusals = daemon.logs.objects.filter { $0["message"] as? String == "refused caller" }
        // The harness's start-up ping was refused too.
        #expect(refusals.count == 3)
        #expect(refusals.allSatisfy { $0["uid"] as? String == "\(uid)" && $0["pid"] as? String == "\(getpid())" })
        await daemon.stop()
    }

    @Test func malformedAndOversizedLinesGetBadRequest() async throws {
        let daemon = try await InProcessDaemon(handler: MemoryHandler())
        let malformed = try RawUnixClient(path: daemon.readWritePath)
        _ = malformed.write(Array("{\"plug\": 3}\n".utf8))
        let malformedReply = try ControlFraming.decodeLine(ControlResponse.self, from: Data(malformed.readAll().utf8))
        malformed.close()
        guard case .failure(let failure) = malformedReply else { Issue.record("malformed request answered \(malformedReply)"); return }
        #expect(failure.code == .badRequest)

        let oversized = try RawUnixClient(path: daemon.readWritePath)
        // More than the limit without a newline: refused as soon as the limit is passed, without
        // waiting for the line to end.
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        var sent = 0
        while sent <= ControlFraming.maximumLineLength, oversized.write(chunk) { sent += chunk.count }
        let oversizedText = oversized.readAll()
        oversized.close()
        let oversizedReply = try ControlFraming.decodeLine(ControlResponse.self, from: Data(oversizedText.utf8))
        guard case .failure(let big) = oversizedReply else { Issue.record("oversized request answered \(oversizedReply)"); return }
        #expect(big.code == .badRequest)
        #expect(big.message.contains("\(ControlFraming.maximumLineLength)-byte limit"))
        await daemon.stop()
    }

    @Test func aSilentClientTimesOut() async throws {
        let daemon = try await InProcessDaemon(handler: MemoryHandler()) { $0.timeouts.request = .milliseconds(300) }
        let silent = try RawUnixClient(path: daemon.readWritePath)
        _ = silent.write(Array("{\"pi".utf8))
        let started = ContinuousClock.now
        let reply = try ControlFraming.decodeLine(ControlResponse.self, from: Data(silent.readAll().utf8))
        silent.close()
        guard case .failure(let failure) = reply else { Issue.record("a half request was answered \(reply)"); return }
        #expect(failure.code == .timeout)
        #expect(ContinuousClock.now - started < .seconds(8))
        await daemon.stop()
    }

    @Test func concurrentPlugsGetDistinctVFs() async throws {
        let handler = MemoryHandler(vfs: 32, plugDelay: .milliseconds(50))
        let daemon = try await InProcessDaemon(handler: handler)
        let responses = try await withThrowingTaskGroup(of: ControlResponse.self) { group in
            for index in 0..<20 { group.addTask { try await daemon.send(Self.plug("port-\(index)", domain: "vm-\(index)")) } }
            return try await group.reduce(into: [ControlResponse]()) { $0.append($1) }
        }
        var vfs: [PCIAddress] = []
        for response in responses {
            guard case .plugged(let attachment) = response, case .vf(let address, _, _, _) = attachment.device else {
                Issue.record("a concurrent plug failed: \(response)")
                continue
            }
            vfs.append(address)
        }
        #expect(vfs.count == 20)
        #expect(Set(vfs).count == 20)
        await daemon.stop()
    }

    @Test func aClientThatVanishesBeforeThePlugReplyLeavesNothingAllocated() async throws {
        let handler = MemoryHandler(plugDelay: .seconds(2))
        let daemon = try await InProcessDaemon(handler: handler)
        let client = try RawUnixClient(path: daemon.readWritePath)
        _ = client.write(Array(try ControlFraming.encodeLine(Self.plug("gone", domain: "crashed-vm"))))
        // The hook dies while the daemon is allocating (the handler holds the VF by now).
        let deadlineForAllocation = ContinuousClock.now + .seconds(10)
        while await handler.allocatedVFs.isEmpty, ContinuousClock.now < deadlineForAllocation { try await Task.sleep(for: .milliseconds(10)) }
        #expect(await handler.allocatedVFs.count == 1)
        client.close()
        let deadline = ContinuousClock.now + .seconds(10)
        while await handler.rolledBack.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await handler.rolledBack == [PortID("gone")])
        #expect(await handler.allocatedVFs.isEmpty)
        // The state on disk does not hold the port either.
        let saved = try await StateStore<MemorySnapshot>(directory: daemon.configuration.stateDirectory).load()
        #expect(saved?.bindings.contains { $0.request.port == PortID("gone") } == false)
        await daemon.stop()
    }

    @Test func stateChangesAreOnDiskBeforeTheReplyAndSurviveARestart() async throws {
        let first = MemoryHandler()
        let daemon = try await InProcessDaemon(handler: first)
        guard case .plugged = try await daemon.send(Self.plug("p1", domain: "vm1")) else { Issue.record("plug failed"); return }
        // Read the file while the daemon still runs: the reply promises it is saved.
        let saved = try await StateStore<MemorySnapshot>(directory: daemon.configuration.stateDirectory).load()
        #expect(saved?.bindings.map(\.request.port) == [PortID("p1")])
        await daemon.stop()

        let second = MemoryHandler()
        let restarted = try await InProcessDaemon(handler: second, directory: daemon.directory)
        #expect(await second.restored?.bindings.map(\.request.domain) == ["vm1"])
        guard case .failure(let again) = try await restarted.send(Self.plug("p1", domain: "vm1")) else {
            Issue.record("the restored port was plugged twice")
            return
        }
        #expect(again.code == .unavailable)
        await restarted.stop()
        #expect(await second.shutDown)
    }

    @Test func requestsWaitForTheFirstReconcile() async throws {
        let handler = MemoryHandler(firstReconcileDelay: .milliseconds(600))
        let started = ContinuousClock.now
        let daemon = try await InProcessDaemon(handler: handler)
        // ping is answered at once; status waits until the first reconcile is done.
        guard case .report = try await daemon.send(.status) else { Issue.record("status failed"); return }
        #expect(ContinuousClock.now - started >= .milliseconds(600))
        #expect(await handler.reconciles >= 1)
        await daemon.stop()
    }
}
