extension ColdStartSummary {
    /// Evaluates a threshold on the `cold` or `warm` series (`cold.p99<1500ms`,
    /// `cold.count<=20`, `warm.p50<20ms`); nil for any other threshold, which the load result
    /// evaluates itself (`throttled<1%` included).
    ///
    /// The series know p50, p90, p99 (and `median`), max, mean and count; another metric does
    /// not parse (``Threshold/init(parsing:)`` rejects it before any request), and fails here
    /// with a message saying so should one come another way. A series without requests has no data: `count` is 0 and
    /// its thresholds decide (`cold.count<5` holds), every latency metric fails with the reason
    /// `no data (no cold request)`. An undecided analysis fails every one, with its reason.
    ///
    /// A timed-out request (a gateway's 504, or the client's own timeout) may have been a cold
    /// start slower than the limit, or a stalled warm one: the analysis cannot tell. So a
    /// threshold passes only if it holds whatever they were: on the series as answered, and on
    /// the series with every timed-out request added (`count` + timed out; the latencies with
    /// each timed-out request at its latency, at least the limit). The message gives both figures.
    public func evaluate(_ threshold: Threshold) -> ThresholdResult? {
        guard threshold.requestName == nil, let series = threshold.series, series == "cold" || series == "warm" else {
            return nil
        }
        func verdict(_ passed: Bool, _ actual: String) -> ThresholdResult {
            ThresholdResult(
                name: threshold.source, passed: passed, actual: actual,
                message: "\(threshold.source): \(actual) (\(passed ? "passed" : "FAILED"))")
        }
        func holds(_ value: Double) -> Bool { threshold.comparison.holds(value, threshold.limit) }
        if let undecided { return verdict(false, "undecided: \(undecided)") }
        let timedOut = self.timedOutCount
        let theTimedOut = timedOut == 1 ? "the timed-out request" : "the \(timedOut) timed-out requests"
        let latency = series == "cold" ? self.cold : self.warm
        let count = series == "cold" ? self.coldCount : self.warmCount
        if case .count = threshold.metric {
            guard timedOut > 0 else { return verdict(holds(Double(count)), "\(series).count = \(count)") }
            return verdict(
                holds(Double(count)) && holds(Double(count + timedOut)),
                "\(series).count = \(count) of the answered; with \(theTimedOut) counted \(series), \(series).count = \(count + timedOut)")
        }
        guard let latency else {
            return verdict(false, "no data (no \(series) request\(timedOut > 0 ? "; \(timedOut) timed out" : ""))")
        }
        let label: String
        let read: (ColdStartLatency) -> Double
        switch threshold.metric {
        case .percentile(50): (label, read) = ("p50", \.p50)
        case .percentile(90): (label, read) = ("p90", \.p90)
        case .percentile(99): (label, read) = ("p99", \.p99)
        case .max: (label, read) = ("max", \.max)
        case .mean: (label, read) = ("mean", \.mean)
        default:
            return verdict(false, "the \(series) series has p50, p90, p99, max, mean and count only")
        }
        func figure(_ milliseconds: Double) -> String { "\(LoadFormat.number(milliseconds, decimals: 3)) ms" }
        let measured = read(latency)
        let withTimedOut = series == "cold" ? self.coldWithTimedOut : self.warmWithTimedOut
        guard timedOut > 0, let withTimedOut else {
            return verdict(holds(measured * 1000), "\(series).\(label) = \(figure(measured))")
        }
        let pessimistic = read(withTimedOut)
        let atLeast = self.timedOutMinimumMilliseconds.map { " (\(figure($0)) or more)" } ?? ""
        return verdict(
            holds(measured * 1000) && holds(pessimistic * 1000),
            "\(series).\(label) = \(figure(measured)) of the answered; with \(theTimedOut)\(atLeast) counted \(series), "
                + "\(series).\(label) = \(figure(pessimistic))")
    }
}
