import Foundation

/// Where a load's event loops meet before their schedule begins: each loop first builds what it
/// needs (its state, its histograms, its libcurl handles), then waits here, and the last one to
/// arrive opens the gate by reading the clock, at `--start-at` if one was given. That reading is
/// the common start every intended time counts from.
///
/// Why: a start read before the loops were built made their building part of the load. The
/// first requests of an open model were then late by the generator's own setup (4–6 ms for the
/// first of a rate of 20/s, up to 15 ms for a rate of 5,000/s), and that lateness counted in
/// their latency and in the late starts as if the server had caused it; for a cold-start load
/// the first requests are the ones that matter most.
final class LoadStartGate: @unchecked Sendable {
    private let condition = NSCondition()
    private let clock: any LoadClock
    private let loops: Int
    private let startAtNanos: Int64?
    private let cancellation: LoadCancellation?
    // Guarded by `condition`.
    private var arrived = 0
    private var opened: (start: UInt64, wallClockNanos: Int64)?

    /// - Parameters:
    ///   - loops: How many loops arrive before the gate opens.
    ///   - clock: The clock the loops count their times on.
    ///   - startAtNanos: The wall-clock instant (nanoseconds since 1970) the gate opens at, at the
    ///     earliest: shards of one plan on several machines start together.
    ///   - cancellation: Opens the gate at once when the load is stopped while it waits for
    ///     `startAtNanos` (the loops then see the stop and end with nothing sent).
    init(loops: Int, clock: any LoadClock, startAtNanos: Int64? = nil, cancellation: LoadCancellation? = nil) {
        self.loops = max(1, loops)
        self.clock = clock
        self.startAtNanos = startAtNanos
        self.cancellation = cancellation
    }

    /// Counts this loop as ready and waits until every loop is.
    /// A loop that cannot run arrives all the same, so that the others are not left waiting.
    /// - Returns: The common start, on the gate's clock.
    func arrive() -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        if arrived == loops {
            condition.unlock()
            waitForStartAt()
            condition.lock()
            opened = (clock.now(), LoadEngine.wallClockNanos())
            condition.broadcast()
        }
        while opened == nil { condition.wait() }
        return opened!.start
    }

    /// Sleeps until the wall clock reaches `startAtNanos`, or the load is stopped.
    private func waitForStartAt() {
        guard let startAtNanos else { return }
        while cancellation?.isCancelled != true {
            let remaining = startAtNanos - LoadEngine.wallClockNanos()
            guard remaining > 0 else { return }
            Thread.sleep(forTimeInterval: Double(min(remaining, 50_000_000)) / 1e9)
        }
    }

    /// The wall clock when the gate opened, nanoseconds since 1970; nil while it is closed.
    var wallClockStartNanos: Int64? {
        condition.lock()
        defer { condition.unlock() }
        return opened?.wallClockNanos
    }
}
