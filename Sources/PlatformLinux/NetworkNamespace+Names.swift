#if canImport(Glibc)
import Glibc
#endif
import CEswitchShim
import Platform

extension NetworkNamespace {
    /// Creates a network namespace reachable by name, as `ip netns add NAME` does: a new namespace
    /// bind-mounted on `/run/netns/NAME` (that directory made a shared mount point first, so the
    /// name is seen from every mount namespace).
    ///
    /// - Returns: the namespace, held open.
    /// - Throws: ``PlatformError/systemCall(_:)``; EEXIST when the name is taken.
    public static func add(named name: String) throws(PlatformError) -> NetworkNamespace {
        let path = NetworkNamespacePath.named(name)
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw .unavailable("network namespace name '\(name)' is not a file name")
        }
        do throws(SystemCallError) {
            try prepareNamedDirectory()
            let file = try SystemCall.run("create \(path.rawValue)") { open(path.rawValue, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0) }
            close(file)
            let mounted = try DedicatedThread.run {
                Result { () throws(SystemCallError) -> Void in
                    _ = try SystemCall.run("unshare(CLONE_NEWNET)") { eswitch_unshare_net() }
                    _ = try SystemCall.run("mount --bind /proc/thread-self/ns/net \(path.rawValue)") {
                        mount("/proc/thread-self/ns/net", path.rawValue, "none", UInt(MS_BIND), nil)
                    }
                }
            }
            if case .failure(let error) = mounted {
                unlink(path.rawValue)
                throw error
            }
        } catch {
            throw .systemCall(error)
        }
        return try NetworkNamespace(path: path.rawValue)
    }

    /// Removes the name of a namespace made by ``add(named:)`` or `ip netns add` (the namespace
    /// itself goes when nothing holds it any more), as `ip netns del NAME` does.
    ///
    /// - Throws: ``PlatformError/systemCall(_:)``; ENOENT when there is no such name.
    public static func remove(named name: String) throws(PlatformError) {
        let path = NetworkNamespacePath.named(name).rawValue
        // Not mounted (a half-made name) is fine: the file still goes.
        _ = umount2(path, Int32(MNT_DETACH))
        do throws(SystemCallError) {
            _ = try SystemCall.run("unlink \(path)") { unlink(path) }
        } catch {
            throw .systemCall(error)
        }
    }

    /// True when `/run/netns/NAME` exists.
    public static func exists(named name: String) -> Bool {
        access(NetworkNamespacePath.named(name).rawValue, F_OK) == 0
    }

    /// Makes /run/netns exist and be a shared mount point (bound onto itself first when it is not
    /// a mount point yet), so that names made here propagate to other mount namespaces.
    private static func prepareNamedDirectory() throws(SystemCallError) {
        let directory = NetworkNamespacePath.namedDirectory
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw SystemCallError("mkdir \(directory)", errno: Errno(errno))
        }
        if mount("", directory, "none", UInt(MS_SHARED | MS_REC), nil) == 0 { return }
        guard errno == EINVAL else { throw SystemCallError("mount --make-rshared \(directory)", errno: Errno(errno)) }
        _ = try SystemCall.run("mount --bind \(directory)") { mount(directory, directory, "none", UInt(MS_BIND | MS_REC), nil) }
        _ = try SystemCall.run("mount --make-rshared \(directory)") { mount("", directory, "none", UInt(MS_SHARED | MS_REC), nil) }
    }
}
