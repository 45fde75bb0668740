import Synchronization

/// A stop request shared by the caller (Ctrl-C, task cancellation) and the event loops, which
/// check it at least every 100 ms, stop starting work, abort what is in flight and report.
public final class LoadCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cancellation that is not requested.
    public init() {}

    /// Asks the load to stop.
    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether a stop was requested.
    public var isCancelled: Bool {
        flag.load(ordering: .relaxed)
    }
}
