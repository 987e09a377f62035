import Foundation

/// The kernel's own insertion rate, measured in this run: iproute2's `tc -batch` adding u32
/// filters with a mirred action (this kernel has neither flower nor gact) to the ingress of a veth
/// device in a network namespace made for the measurement and deleted after it. Each line is one netlink request and its ACK,
/// as with the emulator. Needs root and iproute2; otherwise there is no such anchor.
enum KernelBatchAnchor {
    /// Rules per second, or nil when the measurement cannot run here.
    static func measure(rules: Int) -> Double? {
        guard getuid() == 0, let ip = which("ip"), let tc = which("tc") else { return nil }
        let namespace = "eswbench-\(getpid())"
        guard run(ip, ["netns", "add", namespace]) else { return nil }
        defer { _ = run(ip, ["netns", "del", namespace]) }
        guard run(ip, ["-n", namespace, "link", "add", "d0", "type", "veth", "peer", "name", "d1"]),
              run(tc, ["-n", namespace, "qdisc", "add", "dev", "d0", "ingress"]) else { return nil }
        let file = NSTemporaryDirectory() + "/\(namespace).batch"
        defer { try? FileManager.default.removeItem(atPath: file) }
        var text = ""
        text.reserveCapacity(rules * 90)
        for i in 0..<rules {
            text += "filter add dev d0 ingress protocol ip prio 1 u32 match ip dst 10.\((i >> 16) & 0xFF).\((i >> 8) & 0xFF).\(i & 0xFF)/32 action mirred egress redirect dev d1\n"
        }
        guard (try? text.write(toFile: file, atomically: true, encoding: .utf8)) != nil else { return nil }
        let watch = Stopwatch()
        guard run(tc, ["-n", namespace, "-batch", file]) else { return nil }
        return Double(rules) / watch.elapsed().wall
    }

    static func which(_ name: String) -> String? {
        for directory in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        return nil
    }

    /// Runs a program quietly; true when it exits with 0.
    static func run(_ path: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
