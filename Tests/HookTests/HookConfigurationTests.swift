import ControlAPI
import Foundation
import HookCore
import Testing

@Suite struct HookConfigurationTests {
    @Test func defaultsWhenTheDefaultFileIsMissing() throws {
        let configuration = try HookConfiguration.load(path: "/nonexistent/hook.conf", mayBeMissing: true, overrides: .init())
        #expect(configuration == HookConfiguration(socketPath: ControlSocketPaths.readWrite, timeoutSeconds: 5, plugTimeoutSeconds: 30))
    }

    @Test func anExplicitFileMustExist() throws {
        let error = try #require(throws: HookError.self) {
            try HookConfiguration.load(path: "/nonexistent/hook.conf", mayBeMissing: false, overrides: .init())
        }
        #expect(error.description.hasPrefix("configuration /nonexistent/hook.conf: cannot be read"))
    }

    @Test func readsEveryKeyAndFlagsWin() throws {
        let text = "socket: /run/x.sock\ntimeout: 2.5\nplug_timeout: 45\nlog_file: /var/log/eswitch-hook.log\n"
        #expect(try HookConfiguration.parse(yaml: text) == HookConfiguration(socketPath: "/run/x.sock", timeoutSeconds: 2.5, plugTimeoutSeconds: 45,
                                                                              logFile: "/var/log/eswitch-hook.log"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hook-\(UUID().uuidString).conf")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let overridden = try HookConfiguration.load(path: file.path, mayBeMissing: false,
                                                    overrides: .init(socketPath: "/tmp/y.sock", plugTimeoutSeconds: 3))
        #expect(overridden == HookConfiguration(socketPath: "/tmp/y.sock", timeoutSeconds: 2.5, plugTimeoutSeconds: 3, logFile: "/var/log/eswitch-hook.log"))
        #expect(try HookConfiguration.parse(yaml: "") == HookConfiguration())
    }

    @Test(arguments: [
        ("sockt: /run/x.sock", "line 1: unknown key 'sockt' (expected one of: socket, timeout, plug_timeout, log_file)"),
        ("timeout: soon", "timeout must be a number of seconds, not 'soon'"),
        ("timeout: 0", "timeout must be more than 0 and at most 600 seconds"),
        ("plug_timeout: 9000", "plug_timeout must be more than 0 and at most 600 seconds"),
        ("socket: relative.sock", "socket must be an absolute path"),
        ("socket: [a, b]", "socket must be a single value"),
        ("- a\n- b", "expected a mapping of settings"),
        ("socket: \"unterminated", "YAML syntax error"),
    ])
    func badFilesAreRefusedWithTheKey(text: String, expected: String) throws {
        let error = try #require(throws: HookConfigurationProblem.self) { try HookConfiguration.parse(yaml: text) }
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test func theFileComesFromTheFlagThenTheEnvironmentThenTheDefault() {
        #expect(HookConfiguration.path(flag: "/a", environment: ["ESWITCH_HOOK_CONFIG": "/b"]) == ("/a", false))
        #expect(HookConfiguration.path(flag: nil, environment: ["ESWITCH_HOOK_CONFIG": "/b"]) == ("/b", false))
        #expect(HookConfiguration.path(flag: nil, environment: [:]) == ("/etc/eswitch/hook.conf", true))
    }

    @Test func badFlagTimeoutsAreRefused() {
        #expect(throws: HookError.self) {
            try HookConfiguration.load(path: "/nonexistent", mayBeMissing: true, overrides: .init(timeoutSeconds: -1))
        }
    }

    @Test func aDomainNamedLikeAnOptionStaysTheGuestName() {
        #expect(HookArguments.positionalsProtected(["-x", "prepare", "begin", "-"]) == ["--", "-x", "prepare", "begin", "-"])
        #expect(HookArguments.positionalsProtected(["--socket", "/s", "vm", "prepare", "begin", "-"])
                == ["--socket", "/s", "--", "vm", "prepare", "begin", "-"])
        #expect(HookArguments.positionalsProtected(["--timeout=1", "--help", "prepare", "begin", "-"])
                == ["--timeout=1", "--", "--help", "prepare", "begin", "-"])
        #expect(HookArguments.positionalsProtected(["--help"]) == ["--help"])
    }
}
