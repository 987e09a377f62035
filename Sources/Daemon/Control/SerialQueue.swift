import Synchronization

/// Runs async work items one after another, in the order they were submitted.
final class SerialQueue: Sendable {
    private let last = Mutex<Task<Void, Never>?>(nil)

    /// Runs `work` after every item submitted before it has finished.
    func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T {
        let task = last.withLock { last -> Task<T, Never> in
            let previous = last
            let task = Task {
                await previous?.value
                return await work()
            }
            last = Task { _ = await task.value }
            return task
        }
        return await task.value
    }
}
