/// The direction of traffic relative to the VM: `ingress` arrives at the VM, `egress` leaves it.
public enum TrafficDirection: String, Hashable, Sendable, Comparable, IntentKeyword {
    case ingress
    case egress

    public static func < (a: TrafficDirection, b: TrafficDirection) -> Bool { a == .ingress && b == .egress }
}
