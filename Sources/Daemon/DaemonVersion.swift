/// The daemon's version, as `ping` reports it.
public enum DaemonVersion {
    public static let current = "0.1.0"
}
