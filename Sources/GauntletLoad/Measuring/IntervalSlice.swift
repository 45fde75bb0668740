/// What one loop measured during one second, handed to `LoadLiveStats` at the second's end.
struct IntervalSlice: Sendable {
    var loop: Int
    var second: Int
    var latency: LatencyRecorder?
    var completed = 0
    var errors = 0
    var started = 0
    var dropped = 0
    var inFlight = 0
    /// Whether the slice covers its whole second; the last one of a loop is cut at the load's end.
    var coversWholeSecond = true
    /// The loop's measurements per request name since the load's start, statuses included;
    /// only when a threshold may abort the load (see ``AbortMonitor``).
    var requestTotals: [RequestStats]?
}
