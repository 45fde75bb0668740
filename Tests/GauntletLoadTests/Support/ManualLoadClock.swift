import GauntletHTTP
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
    func instant(_ nanos: UInt64) -> LoadInstant { LoadInstant(nanoseconds: nanos) }

    func advance(to instant: UInt64) {
        time.withLock { $0 = max($0, instant) }
    }

    func advance(by nanos: UInt64) {
        time.withLock { $0 += nanos }
    }
}
