import Foundation

extension EmulatedHost {
    /// Writes ``sysfsTree`` under `directory` (creating `directory/devices/<BDF>/`), so that
    /// libpci-based discovery pointed at `directory` finds the emulated functions. Files of
    /// functions that no longer exist are removed first.
    ///
    /// - Throws: the file system's error.
    public func writeSysfsTree(to directory: String) throws {
        let root = URL(fileURLWithPath: directory)
        let devices = root.appendingPathComponent("devices")
        let manager = FileManager.default
        if manager.fileExists(atPath: devices.path) { try manager.removeItem(at: devices) }
        try manager.createDirectory(at: devices, withIntermediateDirectories: true)
        for (path, bytes) in sysfsTree {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }
}
