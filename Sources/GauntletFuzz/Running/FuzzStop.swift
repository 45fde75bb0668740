import Synchronization

/// Asks a fuzz run to stop early (Ctrl-C): its phases stop before their next request and its
/// cleanup still deletes what it made. Cancelling the run's task would not do: the cleanup's
/// requests would be cancelled with it, and everything the run made would stay behind.
public final class FuzzStop: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Stops the run: no request starts after it, and a read in flight is given up.
    public func request() { requested.store(true, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
