/// Where placement put a rule, in the terms the TC backend needs (the placement module maps its own
/// result to this, so the backend does not depend on it).
public enum TCPlacement: Hashable, Sendable {
    /// In the NIC: one filter with skip_sw.
    case hardware
    /// In the kernel's software datapath: one filter with skip_hw.
    case software
    /// The NIC matches and traps to software, which runs the actions: a skip_sw filter whose only
    /// action is trap, and a skip_hw filter with the rule's actions (see ``TCFilterRole``).
    case split
}
