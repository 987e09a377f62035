/// One call of the qemu hook as libvirt makes it: `HOOK guest operation sub-operation extra`,
/// with the domain XML on standard input (https://libvirt.org/hooks.html, "/etc/libvirt/hooks/qemu").
public struct HookInvocation: Hashable, Sendable {
    /// The domain name.
    public var guest: String
    public var operation: String
    public var subOperation: String
    /// The extra argument (`-` when libvirt has none; the shutoff reason of `release end` since libvirt 10.5).
    public var extra: String

    public init(guest: String, operation: String, subOperation: String, extra: String = "-") {
        self.guest = guest
        self.operation = operation
        self.subOperation = subOperation
        self.extra = extra
    }

    /// The lifecycle event this call reports.
    public var event: HookEvent { HookEvent(operation: operation, subOperation: subOperation) }

    /// `guest operation sub-operation`, for messages.
    public var summary: String { "\(guest) \(operation) \(subOperation)" }
}

/// The lifecycle events of a QEMU domain that libvirt reports to its qemu hooks.
public enum HookEvent: Hashable, Sendable {
    /// Before libvirt labels any resource (the first start location): the place to allocate devices.
    case prepareBegin
    /// After labelling, before QEMU runs.
    case startBegin
    /// QEMU runs.
    case startedBegin
    /// QEMU has stopped (before libvirt restores labels).
    case stoppedEnd
    /// libvirt has released all resources of the stopped domain.
    case releaseEnd
    /// libvirtd restarted and found the domain running; a failure here kills the running QEMU.
    case reconnectBegin
    /// Incoming migration, before `prepare`; stdout replaces the domain XML.
    case migrateBegin
    /// A saved image is restored; stdout replaces the domain XML.
    case restoreBegin
    /// libvirt attached to a QEMU it did not start.
    case attachBegin
    /// Anything libvirt adds later.
    case other(operation: String, subOperation: String)

    public init(operation: String, subOperation: String) {
        switch (operation, subOperation) {
        case ("prepare", "begin"): self = .prepareBegin
        case ("start", "begin"): self = .startBegin
        case ("started", "begin"): self = .startedBegin
        case ("stopped", "end"): self = .stoppedEnd
        case ("release", "end"): self = .releaseEnd
        case ("reconnect", "begin"): self = .reconnectBegin
        case ("migrate", "begin"): self = .migrateBegin
        case ("restore", "begin"): self = .restoreBegin
        case ("attach", "begin"): self = .attachBegin
        default: self = .other(operation: operation, subOperation: subOperation)
        }
    }

    /// What the hook does for this event (see `HookAction` for the reasons).
    public var action: HookAction {
        switch self {
        case .prepareBegin: return .plug
        case .startedBegin: return .verify(failureStopsDomain: true)
        case .reconnectBegin: return .verify(failureStopsDomain: false)
        case .stoppedEnd, .releaseEnd: return .unplug
        case .startBegin, .migrateBegin, .restoreBegin, .attachBegin, .other: return .none
        }
    }
}

/// What the hook does for one event, and what its exit status means to libvirt.
public enum HookAction: Hashable, Sendable {
    /// `prepare begin`: plug every mapped interface, failing closed. A non-zero exit stops the start;
    /// whatever was plugged is unplugged first, and libvirt then runs `stopped end` / `release end`
    /// anyway (observed with libvirt 9.0), which unplug again idempotently.
    case plug
    /// `started begin` (true): every mapped port must be attached to this domain, or the start fails and
    /// libvirt tears the domain down. `reconnect begin` (false): the same check, but only reported:
    /// a non-zero exit there makes libvirt kill a running QEMU, so it always exits 0.
    case verify(failureStopsDomain: Bool)
    /// `stopped end` and `release end`: unplug every mapped port; a port the daemon no longer knows
    /// counts as released. libvirt ignores the exit status of both (the domain is already gone), so a
    /// failure exits non-zero only to get the one-line reason into libvirtd's log; `release end`
    /// repeats `stopped end` so a daemon that was down or slow at the first gets a second chance.
    case unplug
    /// Nothing to do: exit 0 and print nothing (`migrate` and `restore` read stdout as replacement XML).
    case none
}
