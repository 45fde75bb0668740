/// Schedules the closed model: a fixed set of virtual users, each starting its next iteration
/// `thinkTime` after its previous one ended.
///
/// Times are nanoseconds from the start of the load, passed in by the caller, so the scheduler
/// runs on any clock (a test's manual one included).
public struct ClosedModelScheduler: Sendable {
    private var ready: [(vu: Int, at: UInt64)] = []
    private var head = 0
    private let thinkTime: UInt64

    /// Creates a scheduler whose users are all ready at time zero.
    /// - Parameters:
    ///   - users: The virtual users' numbers.
    ///   - thinkTime: The pause between an iteration's end and the same user's next start.
    public init(users: [Int], thinkTime: Duration = .zero) {
        self.thinkTime = thinkTime.nanosecondsUInt64
        self.ready = users.map { ($0, 0) }
    }

    /// When the next user is ready, or nil when every user is busy.
    public var nextReadyTime: UInt64? {
        head < ready.count ? ready[head].at : nil
    }

    /// How many users are waiting to start.
    public var waitingCount: Int { ready.count - head }

    /// Takes a user that is ready at `now`, if any.
    public mutating func takeReady(now: UInt64) -> (vu: Int, readyAt: UInt64)? {
        guard head < ready.count, ready[head].at <= now else { return nil }
        let entry = ready[head]
        head += 1
        if head > 64 && head * 2 > ready.count {
            ready.removeFirst(head)
            head = 0
        }
        return (entry.vu, entry.at)
    }

    /// Marks `vu`'s iteration as ended at `now`: it is ready again after the think time.
    ///
    /// Users finish in time order, so the queue stays sorted.
    public mutating func finished(vu: Int, at now: UInt64) {
        ready.append((vu, now + thinkTime))
    }
}
