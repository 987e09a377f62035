import ControlAPI
import EswitchModel
import Foundation
import HookCore
import Testing

/// Each operation against a fake eswitchd on a real Unix socket, through the real client.
@Suite struct HookRunnerTests {
    static let threePorts = HookFixtures.domain(
        "vm1",
        interfaces: [HookFixtures.hostdev("52:54:00:00:00:01", bus: "0x03", function: "0x2"),
                     HookFixtures.vdpa("52:54:00:00:00:02"),
                     HookFixtures.tap("52:54:00:00:00:03", "tap-vm1")],
        ports: [("52:54:00:00:00:01", "p1"), ("52:54:00:00:00:02", "p2"), ("52:54:00:00:00:03", "p3")])

    func runner(_ daemon: FakeEswitchd?, socket: String? = nil, timeout: Double = 2, plugTimeout: Double = 2,
                interruption: Interruption? = nil) -> HookRunner<UnixControlClient> {
        let path = socket ?? daemon!.socketPath
        return HookRunner(client: UnixControlClient(socketPath: path, interruption: interruption),
                          configuration: HookConfiguration(socketPath: path, timeoutSeconds: timeout, plugTimeoutSeconds: plugTimeout),
                          interruption: interruption)
    }

    func run(_ runner: HookRunner<UnixControlClient>, _ operation: String, _ subOperation: String, xml: [UInt8] = threePorts,
             guest: String = "vm1") -> HookOutcome {
        runner.run(HookInvocation(guest: guest, operation: operation, subOperation: subOperation), input: xml, inputSize: xml.count)
    }

    @Test func prepareThenStartedThenStoppedThenRelease() throws {
        let daemon = try FakeEswitchd()
        let hook = runner(daemon)
        let prepared = run(hook, "prepare", "begin")
        #expect(prepared == .done("plugged p1 (VF 0000:03:00.2), p2 (vDPA vdpa-p2), p3 (software tap-vm1)"))
        guard case .plug(let first) = daemon.requests.first else { Issue.record("no plug"); return }
        #expect(first == PlugRequest(port: "p1", domain: "vm1", domainUUID: "00000000-0000-4000-8000-000000000001", kind: .hostdev,
                                     mac: MACAddress("52:54:00:00:00:01"), requestedVF: PCIAddress("0000:03:00.2")))
        #expect(daemon.plugged == ["p1": "vm1", "p2": "vm1", "p3": "vm1"])
        #expect(run(hook, "start", "begin").exitStatus == 0)
        #expect(run(hook, "started", "begin") == .done("verified 'p1', 'p2', 'p3'"))
        #expect(run(hook, "stopped", "end") == .done("released 'p1', 'p2', 'p3'"))
        #expect(daemon.plugged.isEmpty)
        // release repeats the unplug: the daemon no longer knows the ports, which counts as released.
        #expect(run(hook, "release", "end") == .done("released 'p1', 'p2', 'p3'"))
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "plug p3", "verify p1", "verify p2", "verify p3",
                                                     "unplug p1", "unplug p2", "unplug p3", "unplug p1", "unplug p2", "unplug p3"])
    }

    @Test func aRefusedPlugUnplugsTheEarlierOnesAndFails() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p2" {
                return .answer(.failure(ControlFailure(.unavailable, "no free VF on 0000:03:00.0")))
            }
            return .standard
        }
        let outcome = run(runner(daemon), "prepare", "begin")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.message == "cannot plug port 'p2' of domain 'vm1': eswitchd refused plug of port 'p2': unavailable: no free VF on 0000:03:00.0; released 'p1'")
        // The refused port changed nothing, so only p1 is unplugged; p3 is never tried.
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "unplug p1"])
        #expect(daemon.plugged.isEmpty)
    }

    @Test func anUnknownPortIsReportedWithTheDaemonsOwnLine() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p1" {
                return .answer(.failure(ControlFailure(.notFound, "port 'p1' is not in the intent")))
            }
            return .standard
        }
        let outcome = run(runner(daemon), "prepare", "begin")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.message == "cannot plug port 'p1' of domain 'vm1': eswitchd refused plug of port 'p1': not_found: port 'p1' is not in the intent")
        #expect(daemon.requests.map(\.shortForm) == ["plug p1"])
    }

    @Test func aPlugThatTimesOutIsReleasedTooBecauseItsOutcomeIsUnknown() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p3" { return .hang }
            return .standard
        }
        let started = ContinuousClock.now
        let outcome = run(runner(daemon, plugTimeout: 0.5), "prepare", "begin")
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(outcome.exitStatus == 1)
        #expect(outcome.message?.contains("eswitchd at \(daemon.socketPath) did not answer plug of port 'p3' within 0.5 s; released 'p3', 'p2', 'p1'") == true,
                "\(outcome.message ?? "")")
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "plug p3", "unplug p3", "unplug p2", "unplug p1"])
        // The hook closed the hanging connection before the answer: the daemon rolls that plug back.
        #expect(daemon.waitFor { _ in daemon.abandonedConnections == 1 })
    }

    @Test func aDaemonThatClosesEarlyOrSendsGarbageFailsThePrepareAndRollsBack() throws {
        for reply in [FakeEswitchd.Reply.close, .garbage] {
            let daemon = try FakeEswitchd { request in
                if case .plug(let plug) = request, plug.port == "p2" { return reply }
                return .standard
            }
            let outcome = run(runner(daemon), "prepare", "begin")
            #expect(outcome.exitStatus == 1)
            let expected = if case .close = reply { "closed the connection without answering plug of port 'p2'" } else { "sent a malformed answer" }
            #expect(outcome.message?.contains(expected) == true, "\(outcome.message ?? "")")
            #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "unplug p2", "unplug p1"])
        }
    }

    @Test func aFailedRollbackIsNamedAndAConnectFailureNamesTheSocket() throws {
        let daemon = try FakeEswitchd { request in
            switch request {
            case .plug(let plug) where plug.port == "p2": return .close
            case .unplug: return .close
            default: return .standard
            }
        }
        let socket = daemon.socketPath
        let outcome = run(runner(daemon), "prepare", "begin")
        #expect(outcome.message == "cannot plug port 'p2' of domain 'vm1': eswitchd at \(socket) closed the connection without answering plug of port 'p2'"
            + "; could not release 'p2': eswitchd at \(socket) closed the connection without answering unplug of port 'p2'"
            + "; 'p1': eswitchd at \(socket) closed the connection without answering unplug of port 'p1' (the stopped/release hooks retry)")
        let path = "/tmp/esw-gone-\(getpid()).sock"
        let gone = run(runner(nil, socket: path), "prepare", "begin")
        #expect(gone.message == "cannot plug port 'p1' of domain 'vm1': cannot connect to eswitchd at \(path): No such file or directory (ENOENT) (is eswitchd running?)")
        #expect(gone.exitStatus == 1)
    }

    @Test func aSignalDuringPrepareStopsTheWaitAndReleasesWhatWasPlugged() throws {
        let daemon = try FakeEswitchd { request in
            if case .plug(let plug) = request, plug.port == "p2" { return .hang }
            return .standard
        }
        let interruption = Interruption()
        let hook = runner(daemon, plugTimeout: 20, interruption: interruption)
        Thread.detachNewThread {
            _ = daemon.waitFor { $0.map(\.shortForm).contains("plug p2") }
            interruption.trigger(SIGTERM)
        }
        let started = ContinuousClock.now
        let outcome = run(hook, "prepare", "begin")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(outcome.message == "cannot plug port 'p2' of domain 'vm1': interrupted by SIGTERM; released 'p2', 'p1'")
        #expect(daemon.requests.map(\.shortForm) == ["plug p1", "plug p2", "unplug p2", "unplug p1"])
    }

    @Test func startedFailsWhenAPortIsNotAttachedToThisDomain() throws {
        let daemon = try FakeEswitchd()
        let hook = runner(daemon)
        let outcome = run(hook, "started", "begin")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.message == "port 'p1' of domain 'vm1' is not ready: eswitchd refused verify of port 'p1': not_found: port p1 is not plugged")
        // Held by another domain: also not ready.
        _ = run(hook, "prepare", "begin", guest: "vm1")
        let other = HookFixtures.domain("vm2", interfaces: [HookFixtures.tap("52:54:00:00:00:03", "t")], ports: [("52:54:00:00:00:03", "p3")])
        let stolen = run(hook, "started", "begin", xml: other, guest: "vm2")
        #expect(stolen.message == "port 'p3' of domain 'vm2' is not ready: unexpected answer to verify of port 'p3': the port is attached to domain 'vm1'")
    }

    @Test func reconnectExitsZeroWhenTheDaemonIsDownOrHangs() throws {
        let down = run(runner(nil, socket: "/tmp/esw-nobody-\(getpid()).sock"), "reconnect", "begin")
        #expect(down.exitStatus == 0)
        #expect(down.message?.contains("cannot connect to eswitchd at /tmp/esw-nobody-") == true)
        let hanging = try FakeEswitchd { _ in .hang }
        let slow = run(runner(hanging, timeout: 0.3), "reconnect", "begin")
        #expect(slow.exitStatus == 0)
        #expect(slow.message?.contains("did not answer verify of port 'p1' within 0.3 s") == true)
        // Even unreadable XML does not kill a running QEMU.
        let garbage = Array("<domain>".utf8)
        #expect(run(runner(nil, socket: "/tmp/x"), "reconnect", "begin", xml: garbage).exitStatus == 0)
    }

    @Test func teardownGoesOnAfterAFailedPortAndReportsIt() throws {
        let daemon = try FakeEswitchd { request in
            if case .unplug(let unplug) = request, unplug.port == "p1" { return .answer(.failure(ControlFailure(.platform, "vdpa dev del: EBUSY"))) }
            return .answer(.unplugged({ if case .unplug(let u) = request { return u.port }; return "?" }()))
        }
        let outcome = run(runner(daemon), "stopped", "end")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.message == "could not release port(s) of domain 'vm1': 'p1': eswitchd refused unplug of port 'p1': platform: vdpa dev del: EBUSY")
        #expect(daemon.requests.map(\.shortForm) == ["unplug p1", "unplug p2", "unplug p3"])
        let down = run(runner(nil, socket: "/tmp/esw-nobody.sock"), "release", "end")
        #expect(down.exitStatus == 1)
        #expect(down.message?.hasPrefix("could not release port(s) of domain 'vm1': 'p1': cannot connect to eswitchd at /tmp/esw-nobody.sock") == true)
    }

    @Test func refusedInputSendsNothing() throws {
        let daemon = try FakeEswitchd()
        let hook = runner(daemon)
        let inputs: [[UInt8]] = [
            Array("<!DOCTYPE d [<!ENTITY a \"b\">]><domain><name>vm1</name></domain>".utf8),
            Array("<domain><name>vm1</name><devices>".utf8),
            HookFixtures.domain("vm1", interfaces: [], ports: [("52:54:00:00:00:01", "p1")]),
            HookFixtures.domain("other", interfaces: [HookFixtures.tap("52:54:00:00:00:01", "t")], ports: [("52:54:00:00:00:01", "p1")]),
        ]
        for input in inputs {
            for (operation, subOperation) in [("prepare", "begin"), ("started", "begin")] {
                let outcome = run(hook, operation, subOperation, xml: input)
                #expect(outcome.exitStatus == 1)
                #expect(outcome.message != nil)
            }
        }
        #expect(daemon.requests.isEmpty)
    }

    @Test func eventsWithoutDaemonWorkNeitherReadTheXMLNorCallTheDaemon() throws {
        let daemon = try FakeEswitchd()
        let hook = runner(daemon)
        for (operation, subOperation) in [("start", "begin"), ("migrate", "begin"), ("restore", "begin"), ("attach", "begin"), ("frobnicate", "-")] {
            let outcome = run(hook, operation, subOperation, xml: Array("not xml at all".utf8))
            #expect(outcome == .done("nothing to do"), "\(operation)")
        }
        #expect(daemon.requests.isEmpty)
    }
}
