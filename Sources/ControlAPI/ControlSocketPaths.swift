/// Default locations of the daemon's sockets (overridable by configuration and `--socket`).
public enum ControlSocketPaths {
    /// Read-write socket: intent updates, plug/unplug (root and the configured admin group).
    public static let readWrite = "/run/eswitch/eswitchd.sock"
    /// Read-only socket: status, rules, explain (the configured reader uids/gids).
    public static let readOnly = "/run/eswitch/eswitchd-ro.sock"
}
