import GauntletLoad
import Synchronization

/// A clock that moves only when the simulated driver moves it.
final class ManualLoadClock: LoadClock {
    private let time: Mutex<UInt64>

    init(start: UInt64 = 1_000_000_000) {
        time = Mutex(start)
    }

    func now() -> UInt64 { time.withLock { $0 } }

    func advance(to instant: UInt64) {
        time.withLock { $0 = max($0, instant) }
    }
}
