extension ColdStartSummary {
    /// Evaluates a threshold on the `cold` or `warm` series (`cold.p99<1500ms`,
    /// `cold.count<=20`, `warm.p50<20ms`); nil for any other threshold, which the load result
    /// evaluates itself (`throttled<1%` included).
    ///
    /// The series know p50, p90, p99 (and `median`), max, mean and count; another percentile
    /// fails with a message saying so. A series without requests has no data: `count` is 0 and
    /// its thresholds decide (`cold.count<5` holds), every latency metric fails with the reason
    /// `no data (no cold request)`. An undecided analysis fails every one, with its reason.
    public func evaluate(_ threshold: Threshold) -> ThresholdResult? {
        guard threshold.requestName == nil, let series = threshold.series, series == "cold" || series == "warm" else {
            return nil
        }
        func verdict(_ passed: Bool, _ actual: String) -> ThresholdResult {
            ThresholdResult(
                name: threshold.source, passed: passed, actual: actual,
                message: "\(threshold.source): \(actual) (\(passed ? "passed" : "FAILED"))")
        }
        if let undecided { return verdict(false, "undecided: \(undecided)") }
        let latency = series == "cold" ? self.cold : self.warm
        let count = series == "cold" ? self.coldCount : self.warmCount
        if case .count = threshold.metric {
            return verdict(threshold.comparison.holds(Double(count), threshold.limit), "\(series).count = \(count)")
        }
        guard let latency else { return verdict(false, "no data (no \(series) request)") }
        let milliseconds: Double
        let label: String
        switch threshold.metric {
        case .percentile(50): (milliseconds, label) = (latency.p50, "p50")
        case .percentile(90): (milliseconds, label) = (latency.p90, "p90")
        case .percentile(99): (milliseconds, label) = (latency.p99, "p99")
        case .max: (milliseconds, label) = (latency.max, "max")
        case .mean: (milliseconds, label) = (latency.mean, "mean")
        default:
            return verdict(false, "the \(series) series has p50, p90, p99, max, mean and count only")
        }
        let passed = threshold.comparison.holds(milliseconds * 1000, threshold.limit)
        return verdict(passed, "\(series).\(label) = \(LoadFormat.number(milliseconds, decimals: 3)) ms")
    }
}
