import Daemon
import Foundation
import Logging
import Testing

@Suite struct ConfigurationTests {
    static let complete = """
    platform: sim:connectx-6dx
    state_dir: /var/lib/eswitch
    sockets:
      rw: {path: /run/e/rw.sock, mode: "0660"}
      ro: {path: /run/e/ro.sock, mode: 0644}
    access:
      rw: {uids: [0], gids: [110]}
      ro: {uids: [1000]}
    log: {level: debug, format: text}
    metrics: {listen: "[::1]:9464"}
    reconcile: {interval: 5m}
    timeouts: {request: 500ms, ready: 1m, shutdown: 2s}
    """

    @Test func readsEveryKey() throws {
        let file = try DaemonConfiguration.readFile(text: Self.complete, source: "d.yaml")
        let configuration = try DaemonConfiguration.resolve(file: file, source: "d.yaml", overrides: .init())
        #expect(configuration.platform == .sim(profile: "connectx-6dx"))
        #expect(configuration.stateDirectory == "/var/lib/eswitch")
        #expect(configuration.readWriteSocket == .init(path: "/run/e/rw.sock", mode: FileMode(rawValue: 0o660)))
        #expect(configuration.readOnlySocket == .init(path: "/run/e/ro.sock", mode: FileMode(rawValue: 0o644)))
        #expect(configuration.access.readWrite == AllowList(uids: [UnixUserID(0)], gids: [UnixGroupID(110)]))
        #expect(configuration.access.allowList(for: .readOnly).uids == [UnixUserID(0), UnixUserID(1000)])
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .text)
        #expect(configuration.metricsListen == ListenAddress(host: "::1", port: 9464))
        #expect(configuration.reconcileInterval == .seconds(300))
        #expect(configuration.timeouts == .init(request: .milliseconds(500), ready: .seconds(60), shutdown: .seconds(2)))
    }

    @Test func flagsOverrideTheFile() throws {
        let file = try DaemonConfiguration.readFile(text: Self.complete, source: "d.yaml")
        let configuration = try DaemonConfiguration.resolve(file: file, source: "d.yaml", overrides: .init(
            platform: "linux", stateDirectory: "/tmp/s", socket: "/tmp/s/rw.sock", readOnlySocket: "/tmp/s/ro.sock",
            logLevel: "error", logFormat: "json", metricsListen: "127.0.0.1:0"))
        #expect(configuration.platform == .linux)
        #expect(configuration.stateDirectory == "/tmp/s")
        #expect(configuration.readWriteSocket.path == "/tmp/s/rw.sock")
        #expect(configuration.readWriteSocket.mode == FileMode(rawValue: 0o660))
        #expect(configuration.readOnlySocket?.path == "/tmp/s/ro.sock")
        #expect(configuration.logLevel == .error)
        #expect(configuration.logFormat == .json)
        #expect(configuration.metricsListen == ListenAddress(host: "127.0.0.1", port: 0))
    }

    @Test func everyBadKeyAndValueIsReportedWithItsPath() {
        let text = """
        platform: kvm
        state_dir: /s
        sokets: {}
        log: {level: loud, format: xml}
        sockets: {rw: {mode: "999", owner: root}}
        metrics: {listen: localhost}
        timeouts: {request: 5}
        """
        do {
            _ = try DaemonConfiguration.readFile(text: text, source: "bad.yaml")
            Issue.record("a bad file was read")
        } catch {
            let lines = error.lines
            let expected = [
                "bad.yaml: platform: expected 'linux' or 'sim:PROFILE', found 'kvm' (line 1)",
                "bad.yaml: sokets: unknown key (did you mean 'sockets'?) (line 3)",
                "bad.yaml: log.level: expected one of trace, debug, info, notice, warning, error, critical, found 'loud' (line 4)",
                "bad.yaml: log.format: expected json or text, found 'xml' (line 4)",
                "bad.yaml: sockets.rw.mode: expected octal permission bits such as \"0660\", found '999' (line 5)",
                "bad.yaml: sockets.rw.owner: unknown key (expected one of: path, mode) (line 5)",
                "bad.yaml: metrics.listen: expected HOST:PORT such as 127.0.0.1:9464 or [::1]:9464, found 'localhost' (line 6)",
                "bad.yaml: timeouts.request: expected a positive duration such as 500ms, 30s, 5m or 1h, found '5' (line 7)",
            ]
            #expect(Set(lines) == Set(expected), "\(lines)")
        }
    }

    @Test func missingAndInconsistentValuesAreReported() throws {
        let file = try DaemonConfiguration.readFile(text: "access: {rw: {uids: []}}\nsockets: {rw: {path: /a.sock}, ro: {path: /a.sock}}\n", source: "c.yaml")
        do {
            _ = try DaemonConfiguration.resolve(file: file, source: "c.yaml", overrides: .init(logLevel: "chatty"))
            Issue.record("an incomplete configuration resolved")
        } catch {
            #expect(error.lines == [
                "c.yaml: platform: missing (give the platform as linux or sim:PROFILE, in the file or with --platform)",
                "c.yaml: state_dir: missing (give the state directory, in the file or with --state-dir)",
                "c.yaml: sockets.ro.path: is the read-write socket's path too",
                "c.yaml: access.rw: allows nobody: list at least one uid or gid",
                "--log-level: expected one of trace, debug, info, notice, warning, error, critical, found 'chatty'",
            ])
        }
    }

    @Test func theReadOnlySocketIsOnlyOpenedWhenAskedOrBesideTheDefaultOne() throws {
        let bare = try DaemonConfiguration.resolve(file: nil, source: nil, overrides: .init(platform: "linux", stateDirectory: "/s", socket: "/tmp/x.sock"))
        #expect(bare.readOnlySocket == nil)
        let defaults = try DaemonConfiguration.resolve(file: nil, source: nil, overrides: .init(platform: "linux", stateDirectory: "/s"))
        #expect(defaults.readWriteSocket.path == "/run/eswitch/eswitchd.sock")
        #expect(defaults.readOnlySocket?.path == "/run/eswitch/eswitchd-ro.sock")
        #expect(defaults.access == AccessPolicy())
    }

    @Test func jsonFilesAreStrictToo() {
        do {
            _ = try DaemonConfiguration.readFile(text: #"{"platform": "linux", "state_dir": "/s", "colour": "blue"}"#, source: "d.json")
            Issue.record("an unknown JSON key was accepted")
        } catch {
            #expect(error.lines == ["d.json: colour: unknown key"] || error.lines.first?.hasPrefix("d.json: colour: unknown key") == true)
        }
    }
}
