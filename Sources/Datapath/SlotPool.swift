/// An array whose freed positions are reused by the next insert, so that indexes handed out
/// stay valid until released (conntrack entries, policer buckets).
struct SlotPool<Element> {
    private(set) var elements: [Element] = []
    private var free: [Int] = []

    /// The number of positions, used or free.
    var capacity: Int { elements.count }

    /// Stores `element` in a free position (or a new one) and returns it.
    mutating func insert(_ element: Element) -> Int {
        if let reused = free.popLast() {
            elements[reused] = element
            return reused
        }
        elements.append(element)
        return elements.count - 1
    }

    /// Makes `index` free for reuse (its element stays until overwritten).
    mutating func release(_ index: Int) { free.append(index) }

    subscript(index: Int) -> Element {
        get { elements[index] }
        set { elements[index] = newValue }
    }

    mutating func removeAll() {
        elements = []
        free = []
    }
}
