import Synchronization

/// Asks a fuzz run to stop early (Ctrl-C): its phases stop before their next request and its
/// cleanup still deletes what it made. Cancelling the run's task would not do: the cleanup's
/// requests would be cancelled with it, and everything the run made would stay behind.
///
/// The writes in flight and the cleanup are waited for, but for ``TeardownGrace`` after the stop
/// only: a deployment that hangs (under `--timeout 0s`, no limit) would otherwise hold the stop
/// forever.
public final class FuzzStop: Sendable {
    private let requested = Atomic<Bool>(false)
    private let requestedAt = Mutex<ContinuousClock.Instant?>(nil)

    public init() {}

    /// Stops the run: no request starts after it, and a read in flight is given up.
    public func request() {
        requestedAt.withLock { if $0 == nil { $0 = .now } }
        requested.store(true, ordering: .relaxed)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Whether a stop was asked for `grace` ago or more.
    func graceRanOut(_ grace: Duration) -> Bool {
        guard isRequested else { return false }
        return requestedAt.withLock { $0.map { ContinuousClock.now - $0 >= grace } ?? false }
    }
}
