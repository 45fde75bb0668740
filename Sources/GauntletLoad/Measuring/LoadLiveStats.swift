import Synchronization

/// Gathers each loop's per-second slices into the run's time series and a live snapshot for
/// the progress line. Loops hand in a slice once per second, so this lock is off the hot path.
public final class LoadLiveStats: Sendable {
    private struct Pending {
        var latency = LatencyRecorder()
        var point: TimeSeriesPoint
        var reports = 0
        /// Whether every loop's slice covered the whole second (none ended within it).
        var isWholeSecond = true
    }

    private struct State {
        var pending: [Int: Pending] = [:]
        /// The series so far, at most ``TimeSeriesLimit/maxPoints`` points of ``span`` seconds each.
        var points: [TimeSeriesPoint] = []
        var span = 1
        var cumulative = LatencyRecorder()
        var completed = 0
        var errors = 0
        var inFlightByLoop: [Int]
        /// Requests completed in the latest whole second, and that second's number.
        var lastCompleted = 0
        var lastSecond = -1
        /// Each loop's latest measurements per request name since the start, when kept.
        var requestTotals: [[RequestStats]?]
        /// Called once each second has been reported by every loop, with the run's measurements so far.
        var secondObserver: SecondObserver?
    }

    /// Receives a second's number and every loop's measurements per request name so far.
    typealias SecondObserver = @Sendable (_ second: Int, _ totals: [RequestStats]) -> Void

    private let loopCount: Int
    private let targetRate: @Sendable (Double) -> Double?
    private let state: Mutex<State>

    /// Creates stats for `loops` loops; `targetRate` gives the open model's rate at a time.
    init(loops: Int, targetRate: @escaping @Sendable (Double) -> Double?) {
        loopCount = loops
        self.targetRate = targetRate
        state = Mutex(State(
            inFlightByLoop: Array(repeating: 0, count: loops), requestTotals: Array(repeating: nil, count: loops)))
    }

    /// Calls `observer` once each second is over for every loop, with every loop's measurements
    /// per request name so far (from the loops' slices' ``IntervalSlice/requestTotals``), on
    /// the thread of the loop that reported last, outside the lock. Used by ``AbortMonitor``.
    func observeSeconds(_ observer: @escaping SecondObserver) {
        state.withLock { $0.secondObserver = observer }
    }

    /// Takes one loop's second.
    func submit(_ slice: IntervalSlice) {
        let finished: (second: Int, totals: [[RequestStats]?], observer: SecondObserver)? =
            state.withLock { state in
                if let totals = slice.requestTotals { state.requestTotals[slice.loop] = totals }
                if let latency = slice.latency { state.cumulative.add(latency) }
                state.completed += slice.completed
                state.errors += slice.errors
                state.inFlightByLoop[slice.loop] = slice.inFlight
                var pending = state.pending[slice.second] ?? Pending(
                    point: TimeSeriesPoint(
                        second: slice.second, completed: 0, errors: 0,
                        targetRate: targetRate(Double(slice.second) + 0.5), p50Micros: 0, p99Micros: 0, maxMicros: 0))
                if let latency = slice.latency { pending.latency.add(latency) }
                pending.point.completed += slice.completed
                pending.point.errors += slice.errors
                pending.point.started += slice.started
                pending.point.dropped += slice.dropped
                pending.point.inFlight += slice.inFlight
                pending.reports += 1
                pending.isWholeSecond = pending.isWholeSecond && slice.coversWholeSecond
                if pending.reports >= loopCount {
                    state.pending[slice.second] = nil
                    Self.finalize(&pending, into: &state)
                    if let observer = state.secondObserver { return (slice.second, state.requestTotals, observer) }
                } else {
                    state.pending[slice.second] = pending
                }
                return nil
            }
        guard let finished else { return }
        // Merged outside the lock: the other loops go on handing in their slices meanwhile.
        var merged: [RequestStats] = []
        for case let totals? in finished.totals {
            if merged.isEmpty {
                merged = totals
            } else {
                for index in merged.indices where index < totals.count { merged[index].add(totals[index]) }
            }
        }
        finished.observer(finished.second, merged)
    }

    private static func finalize(_ pending: inout Pending, into state: inout State) {
        pending.point.summarize(pending.latency)
        TimeSeriesLimit.append(pending.point, to: &state.points, span: &state.span)
        // A second cut short by the load's end would read as a fall in the rate.
        if pending.isWholeSecond, pending.point.second > state.lastSecond {
            state.lastSecond = pending.point.second
            state.lastCompleted = pending.point.completed
        }
    }

    /// Finalizes the seconds some loop never reported (it ended early) and returns the series in order.
    func finish() -> [TimeSeriesPoint] {
        state.withLock { state in
            for second in state.pending.keys.sorted() {
                var pending = state.pending[second]!
                Self.finalize(&pending, into: &state)
            }
            state.pending = [:]
            return state.points.sorted { $0.second < $1.second }
        }
    }

    /// The run so far, for the progress line.
    public func snapshot() -> LoadProgressSnapshot {
        state.withLock { state in
            LoadProgressSnapshot(
                completed: state.completed, errors: state.errors,
                inFlight: state.inFlightByLoop.reduce(0, +),
                lastSecondRate: Double(state.lastCompleted),
                measuredSeconds: state.lastSecond + 1,
                p50Micros: state.cumulative.micros(atPercentile: 50),
                p99Micros: state.cumulative.micros(atPercentile: 99))
        }
    }
}

/// The run so far, as the progress line shows it.
public struct LoadProgressSnapshot: Sendable, Equatable {
    /// Requests completed.
    public var completed: Int
    /// Of which failed.
    public var errors: Int
    /// Transfers in flight.
    public var inFlight: Int
    /// Requests completed in the last full second.
    public var lastSecondRate: Double
    /// Whole seconds of the load every loop has reported: the time the counts cover, which
    /// trails the clock by up to a second and leaves out setup and a delayed start.
    public var measuredSeconds: Int
    /// Median latency so far, microseconds.
    public var p50Micros: UInt64
    /// 99th percentile so far, microseconds.
    public var p99Micros: UInt64

    /// Creates a snapshot.
    public init(
        completed: Int, errors: Int, inFlight: Int, lastSecondRate: Double, measuredSeconds: Int = 0,
        p50Micros: UInt64, p99Micros: UInt64
    ) {
        self.completed = completed
        self.errors = errors
        self.inFlight = inFlight
        self.lastSecondRate = lastSecondRate
        self.measuredSeconds = measuredSeconds
        self.p50Micros = p50Micros
        self.p99Micros = p99Micros
    }
}
