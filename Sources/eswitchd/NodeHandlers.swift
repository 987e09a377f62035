import Daemon

/// The node logic eswitchd runs for a platform.
enum NodeHandlers {
    static func make(for platform: PlatformSelection) -> any ControlHandler {
        // The node agent (device set-up, plug/unplug, reconciler) is a separate module that this
        // executable does not link yet; until it does, the daemon serves its infrastructure and
        // says plainly that node requests cannot be served.
        AgentMissingHandler(platform: platform)
    }
}
