import Foundation
import Testing

/// Tools/install-hook into a scratch hooks directory (the libvirt test installs into /etc).
@Suite struct InstallHookTests {
    static let script = HookFixtures.repositoryRoot.appendingPathComponent("Tools/install-hook").path

    @Test func installsAnExecutableCopyOrSymlinkAndUninstalls() throws {
        let hooks = FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: hooks) }
        let target = hooks.appendingPathComponent("qemu.d/eswitch").path

        let copy = try SystemCommand.run("/bin/bash", [Self.script, "--binary", HookProcess.executable.path, "--hooks-dir", hooks.path])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: target))
        #expect(try FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType == .typeRegular, "a copy, not a link")
        #expect(FileManager.default.contentsEqual(atPath: target, andPath: HookProcess.executable.path))
        // Nothing but the hook lands in qemu.d: libvirt would run any other executable there too.
        #expect(try FileManager.default.contentsOfDirectory(atPath: hooks.appendingPathComponent("qemu.d").path) == ["eswitch"])
        // The installed copy runs as libvirt runs it.
        let run = try SystemCommand.run(target, ["vm", "migrate", "begin", "-"])
        #expect(run.status == 0 && run.stdout.isEmpty)

        let link = try SystemCommand.run("/bin/bash", [Self.script, "--binary", HookProcess.executable.path, "--hooks-dir", hooks.path, "--symlink"])
        #expect(link.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target) == HookProcess.executable.standardizedFileURL.path)

        let removed = try SystemCommand.run("/bin/bash", [Self.script, "--uninstall", "--hooks-dir", hooks.path])
        #expect(removed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: target))
        let again = try SystemCommand.run("/bin/bash", [Self.script, "--uninstall", "--hooks-dir", hooks.path])
        #expect(again.status == 0 && again.stdout.contains("is not installed"))
    }

    @Test func refusesAMissingBinaryAndUnknownArguments() throws {
        let missing = try SystemCommand.run("/bin/bash", [Self.script, "--binary", "/nonexistent/eswitch-hook", "--hooks-dir", "/tmp/unused"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no built eswitch-hook at /nonexistent/eswitch-hook"))
        let unknown = try SystemCommand.run("/bin/bash", [Self.script, "--frob"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown argument '--frob'"))
    }
}
