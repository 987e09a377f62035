/// The daemon's infrastructure around the node logic: configuration, logs, metrics, durable state,
/// the local API servers and systemd readiness. The node logic itself plugs in as a `ControlHandler`.
public enum Daemon {}
