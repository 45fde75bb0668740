extension LoadResult {
    /// Every threshold's verdict, in the plan's order, then every regression rule's against the
    /// baseline (``baselineComparison``).
    public var thresholdResults: [ThresholdResult] {
        judgedThresholds.map(evaluate) + (baselineComparison?.verdicts.map(\.thresholdResult) ?? [])
    }

    /// The thresholds this result is judged by: the plan's, ``Threshold/noErrors`` when none of
    /// them bounds errors (for any request or series), and for an open model (or any load that
    /// dropped arrivals) ``Threshold/noDrops`` when none bounds dropped arrivals; the defaults only
    /// for a whole load (a shard's part judges nothing until merged).
    public var judgedThresholds: [Threshold] {
        // A load that did not start measured nothing to judge: its reports say why it did not.
        if notStarted != nil { return [] }
        guard coversEveryShard else { return thresholds }
        var judged = thresholds
        if !thresholds.contains(where: { $0.metric == .errors }) { judged.append(.noErrors) }
        let mayDrop = if case .open = model { true } else { dropped > 0 }
        if mayDrop, !thresholds.contains(where: { $0.metric == .dropped }) { judged.append(.noDrops) }
        return judged
    }

    /// Whether every threshold held, on whatever part of the load ran. The verdict weighs it with
    /// how the load ended; a report shows ``thresholdsPassedOnWholeLoad`` instead.
    public var thresholdsPassed: Bool {
        thresholdResults.allSatisfy(\.passed)
    }

    /// Whether the whole plan ran to its end and every threshold held: what reports call
    /// `thresholdsPassed`. False for a load that was interrupted, never finished, never started
    /// or is a part of a sharded load, whatever its thresholds judged of the part that ran, so
    /// that no report field of a load that did not complete reads as passed.
    public var thresholdsPassedOnWholeLoad: Bool {
        !cancelled && !unfinished && notStarted == nil && coversEveryShard && thresholdsPassed
    }

    /// Evaluates one threshold against this result. The threshold that aborted the load
    /// fails whatever the whole load measured: it failed while the load ran, and stopped it.
    public func evaluate(_ threshold: Threshold) -> ThresholdResult {
        let result = measure(threshold)
        guard let abort, abort.threshold == threshold.source else { return result }
        return ThresholdResult(
            name: result.name, passed: false, actual: result.actual,
            message: "\(threshold.source): \(result.actual) (FAILED; it aborted the load at "
                + "\(LoadFormat.number(abort.atSeconds, decimals: 1)) s, when \(abort.actual))")
    }

    /// Evaluates one threshold on what this result measured.
    func measure(_ threshold: Threshold) -> ThresholdResult {
        func verdict(_ passed: Bool, _ actual: String) -> ThresholdResult {
            guard threshold.isDefault else {
                return ThresholdResult(
                    name: threshold.source, passed: passed, actual: actual,
                    message: "\(threshold.source): \(actual) (\(passed ? "passed" : "FAILED"))")
            }
            let (bounded, example) = threshold.metric == .dropped ? ("dropped arrivals", "dropped<1%") : ("errors", "errors<1%")
            return ThresholdResult(
                name: "\(threshold.source) (default)", passed: passed, actual: actual,
                message: "\(threshold.source) (default: no threshold bounds \(bounded)): \(actual) (\(passed ? "passed" : "FAILED"))"
                    + (passed ? "" : "; a threshold such as '\(example)' says how many a load may have"))
        }
        if let series = threshold.series {
            if let coldStarts, let result = coldStarts.summary.evaluate(threshold) { return result }
            if series == "cold" || series == "warm" {
                return verdict(
                    false,
                    coldStarts == nil
                        ? "no cold-start analysis in this load (add 'cold_start: true' to the load file)"
                        : "the \(series) series covers the whole load, not one request name")
            }
            return verdict(false, "no measurements in series '\(series)' (known series: cold, warm)")
        }
        guard let stats = stats(for: threshold.requestName) else {
            return verdict(false, "no request named '\(threshold.requestName ?? "")'")
        }
        if stats.count == 0, threshold.metric != .count, threshold.metric != .rate, threshold.metric != .dropped {
            return verdict(false, "no data (no completed request\(threshold.requestName.map { " named '\($0)'" } ?? ""))")
        }
        if threshold.metric.isLatency, stats.latency.count == 0 {
            // Every request failed before it was sent: a latency bound cannot hold on nothing.
            return verdict(false, "no latency (none of the \(stats.count) requests\(threshold.requestName.map { " named '\($0)'" } ?? "") was sent: no connection, or the TLS handshake failed)")
        }
        let value: Double
        let actual: String
        switch threshold.metric {
        case let .percentile(percentile):
            let micros = stats.latency.micros(atPercentile: percentile)
            value = Double(micros)
            actual = "\(LoadFormat.percentileName(percentile)) = \(LoadFormat.milliseconds(micros: micros)) ms"
        case .max:
            value = Double(stats.latency.maxMicros)
            actual = "max = \(LoadFormat.milliseconds(micros: stats.latency.maxMicros)) ms"
                + (stats.latency.outOfRange > 0 ? " (\(stats.latency.outOfRange) above 60 s)" : "")
        case .min:
            value = Double(stats.latency.minMicros)
            actual = "min = \(LoadFormat.milliseconds(micros: stats.latency.minMicros)) ms"
        case .mean:
            value = stats.latency.meanMicros
            actual = "mean = \(LoadFormat.number(value / 1_000, decimals: 3)) ms"
        case .errors:
            value = stats.errorRate
            actual = "errors = \(LoadFormat.number(value * 100, decimals: 3))% (\(stats.errors) of \(stats.count))"
        case .throttled:
            let throttled = stats.statusCounts[429, default: 0]
            value = stats.count == 0 ? 0 : Double(throttled) / Double(stats.count)
            actual = "throttled = \(LoadFormat.number(value * 100, decimals: 3))% (\(throttled) of \(stats.count))"
        case .rate:
            let seconds = rateWindow.secondsDouble
            value = threshold.requestName == nil ? achievedRate : (seconds > 0 ? Double(stats.count) / seconds : 0)
            actual = "rate = \(LoadFormat.number(value, decimals: 1))/s"
        case .count:
            value = Double(stats.count)
            actual = "count = \(stats.count)"
        case .dropped:
            // Of the arrivals that came due: those sent and those dropped.
            value = iterationsStarted == 0 ? 0 : Double(dropped) / Double(iterationsStarted)
            actual = "dropped = \(LoadFormat.number(value * 100, decimals: 3))% (\(dropped) of \(iterationsStarted) arrivals)"
        }
        return verdict(threshold.comparison.holds(value, threshold.limit), actual)
    }
}
