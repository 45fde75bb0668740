import Foundation
import Synchronization
import Testing

@testable import GauntletLoad

/// Event loops on threads of their own meet at the gate: none starts its schedule before the
/// slowest is built, and all count from the same start.
@Suite(.timeLimit(.minutes(1))) struct LoadStartGateTests {
    static let ms: UInt64 = 1_000_000

    /// Three loops whose setup takes 0, 10 and 20 ms on the clock: each gets the start read when
    /// the slowest arrived, after all three setups.
    @Test func everyLoopGetsTheStartReadWhenTheLastArrived() async {
        let clock = ManualLoadClock()
        let before = clock.now()
        let gate = LoadStartGate(loops: 3, clock: clock)
        let starts = Mutex<[UInt64]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let remaining = Atomic<Int>(3)
            for loop in 0..<3 {
                Thread {
                    clock.advance(by: UInt64(loop) * 10 * Self.ms)
                    let start = gate.arrive()
                    starts.withLock { $0.append(start) }
                    if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { done.resume() }
                }.start()
            }
        }
        let all = starts.withLock { $0 }
        #expect(all.count == 3)
        #expect(Set(all).count == 1)
        #expect(all.first == before + 30 * Self.ms)
        #expect(gate.wallClockStartNanos != nil)
    }

    /// `--start-at`: the gate opens at that wall-clock instant, not when the loops are ready.
    @Test func theGateOpensAtTheStartInstant() {
        let startAt = LoadEngine.wallClockNanos() + 150_000_000
        let gate = LoadStartGate(loops: 1, clock: ManualLoadClock(), startAtNanos: startAt)
        _ = gate.arrive()
        #expect(LoadEngine.wallClockNanos() >= startAt)
        #expect((gate.wallClockStartNanos ?? 0) >= startAt)
    }

    /// A load stopped while it waits for `--start-at` opens the gate at once.
    @Test func aStoppedLoadDoesNotWaitForTheStartInstant() {
        let cancellation = LoadCancellation()
        cancellation.cancel()
        let startAt = LoadEngine.wallClockNanos() + 60_000_000_000
        let gate = LoadStartGate(loops: 1, clock: ManualLoadClock(), startAtNanos: startAt, cancellation: cancellation)
        _ = gate.arrive()
        #expect(LoadEngine.wallClockNanos() < startAt - 50_000_000_000)
    }

    @Test func aGateIsClosedUntilEveryLoopArrived() {
        let gate = LoadStartGate(loops: 2, clock: ManualLoadClock())
        #expect(gate.wallClockStartNanos == nil)
    }
}
