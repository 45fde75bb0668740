import GauntletLoad
import Synchronization

/// A clock that moves only when the simulated driver moves it.
final class ManualLoadClock: LoadClock {
    private let time: Mutex<UInt64>

    init(start: UInt64 = 1_000_000_000) {
        time = Mutex(start)
    }

    func now() -> UInt64 { time.withLock { $0 } }

    /// The instant `nanos` stands for, for completions a simulated driver reports.
    func instant(_ nanos: UInt64) -> ContinuousClock.Instant { Self.origin + .nanoseconds(Int64(nanos)) }

    func nanos(_ instant: ContinuousClock.Instant) -> UInt64 { (instant - Self.origin).nanosecondsUInt64 }

    /// Where this clock's nanoseconds count from, as an instant.
    private static let origin = ContinuousClock.now

    func advance(to instant: UInt64) {
        time.withLock { $0 = max($0, instant) }
    }

    func advance(by nanos: UInt64) {
        time.withLock { $0 += nanos }
    }
}
