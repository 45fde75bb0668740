import GauntletHTTP
import Synchronization
import Testing

/// `withCancellationDelayed(by:_:)`: what must finish after Ctrl-C goes on for its grace, and
/// no longer.
@Suite(.timeLimit(.minutes(1))) struct DelayedCancellationTests {
    /// Runs `withCancellationDelayed(by: grace)` over an operation that sleeps `work` (ending
    /// early when cancelled), cancelled `cancelAfter` in; returns whether the operation saw the
    /// cancellation and how long the call took from the cancel.
    func run(grace: Duration, work: Duration, cancelAfter: Duration) async -> (cutShort: Bool, afterCancel: Duration) {
        let cancelledAt = Mutex<ContinuousClock.Instant?>(nil)
        let task = Task {
            await withCancellationDelayed(by: grace) { () -> Bool in
                (try? await Task.sleep(for: work)) == nil
            }
        }
        try? await Task.sleep(for: cancelAfter)
        cancelledAt.withLock { $0 = .now }
        task.cancel()
        let cutShort = await task.value
        return (cutShort, ContinuousClock.now - cancelledAt.withLock { $0! })
    }

    @Test("An operation that ends within the grace ends as it would have, and the call returns when it does")
    func endsWithinTheGrace() async {
        let (cutShort, afterCancel) = await run(grace: .seconds(5), work: .milliseconds(400), cancelAfter: .milliseconds(100))
        #expect(!cutShort)
        #expect(afterCancel < .seconds(3), "it did not wait the grace out")
    }

    @Test("An operation still going when the grace ran out is cancelled then")
    func cutAtTheGrace() async {
        let (cutShort, afterCancel) = await run(grace: .milliseconds(300), work: .seconds(30), cancelAfter: .milliseconds(100))
        #expect(cutShort)
        #expect(afterCancel >= .milliseconds(300) && afterCancel < .seconds(10))
    }

    @Test("Without a cancellation, it is the operation")
    func notCancelled() async {
        let value = await withCancellationDelayed(by: .zero) { 42 }
        #expect(value == 42)
    }
}
