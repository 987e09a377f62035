/// Rules the reconciler found installed and kept (adopted), added and deleted.
public struct ReconcileCounts: Hashable, Sendable, Codable {
    public var adopted: Int
    public var added: Int
    public var deleted: Int

    public init(adopted: Int = 0, added: Int = 0, deleted: Int = 0) {
        self.adopted = adopted
        self.added = added
        self.deleted = deleted
    }

    /// Both counts added up.
    public static func + (a: ReconcileCounts, b: ReconcileCounts) -> ReconcileCounts {
        ReconcileCounts(adopted: a.adopted + b.adopted, added: a.added + b.added, deleted: a.deleted + b.deleted)
    }
}
