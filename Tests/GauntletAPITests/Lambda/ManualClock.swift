import Synchronization

/// A clock that stands still until a test advances it, for idle reclaim without waiting.
final class ManualClock: Clock, Sendable {
    typealias Instant = ContinuousClock.Instant

    /// The instant the clock started at.
    private let origin = ContinuousClock.now
    /// How far the test has advanced it.
    private let offset = Mutex(Duration.zero)

    var now: Instant { self.origin + self.offset.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock forward.
    func advance(by duration: Duration) {
        self.offset.withLock { $0 += duration }
    }

    /// Not used by the pool; sleeps on the real clock to stay a valid `Clock`.
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: tolerance)
    }
}
