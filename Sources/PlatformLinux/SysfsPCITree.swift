#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Checks that a sysfs PCI tree has what libpci reads unconditionally, before libpci reads it.
///
/// libpci reports a missing directory or a missing `vendor`/`device`/`class` file through its
/// error callback, whose default ends the process (and it cannot be replaced from Swift: it is
/// variadic). Checking first turns those cases into a ``PlatformError`` naming the file.
enum SysfsPCITree {
    /// libpci reads each attribute file into a 1024-byte buffer (OBJBUFSIZE) and fails beyond.
    static let attributeLimit = 1024

    /// The device directory names under `root/devices`, after checking them.
    static func validate(root: String) throws(PlatformError) -> [String] {
        let devicesPath = root + "/devices"
        let names = try directoryEntries(devicesPath)
        for name in names {
            guard isLibPCIDeviceName(name) else {
                throw .invalidSysfsTree(path: devicesPath + "/" + name, reason: "entry name is not a PCI address (domain:bus:device.function)")
            }
            for attribute in ["vendor", "device", "class"] {
                try checkAttribute(devicesPath + "/" + name + "/" + attribute)
            }
        }
        return names
    }

    /// Entries of a directory, without `.`-prefixed names (libpci skips those too).
    private static func directoryEntries(_ path: String) throws(PlatformError) -> [String] {
        let directory: OpaquePointer
        do {
            directory = try SystemCall.runNonNil("opendir \(path)") { opendir(path) }
        } catch {
            throw .invalidSysfsTree(path: path, reason: "cannot open directory: \(error.errno)")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }

    /// True when libpci's `%x:%x:%x.%d` scan would accept the name.
    static func isLibPCIDeviceName(_ name: String) -> Bool {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return false }
        let slot = parts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard slot.count == 2 else { return false }
        return UInt32(parts[0], radix: 16) != nil && UInt32(parts[1], radix: 16) != nil
            && UInt32(slot[0], radix: 16) != nil && UInt32(slot[1]) != nil
    }

    /// Checks that a mandatory attribute file opens and is shorter than libpci's buffer.
    private static func checkAttribute(_ path: String) throws(PlatformError) {
        let fd: Int32
        do {
            fd = try SystemCall.run("open \(path)") { open(path, O_RDONLY | O_CLOEXEC) }
        } catch {
            throw .invalidSysfsTree(path: path, reason: "cannot open: \(error.errno)")
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: attributeLimit)
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { raw in
                try SystemCall.run("read \(path)") { read(fd, raw.baseAddress, raw.count) }
            }
        } catch {
            throw .invalidSysfsTree(path: path, reason: "cannot read: \(error)")
        }
        guard count < attributeLimit else {
            throw .invalidSysfsTree(path: path, reason: "value longer than \(attributeLimit - 1) bytes")
        }
    }
}
