import Synchronization

/// Judges the thresholds that may abort a load on the measurements so far, once every loop has
/// reported a second (``LoadLiveStats/observeSeconds(_:)``), and stops the load through its
/// ``LoadCancellation`` when one can no longer pass (see ``AbortRule`` for when that is).
///
/// It runs on the thread of the loop that completed the second, once a second: off the
/// per-request path.
final class AbortMonitor: Sendable {
    private struct Rule: Sendable {
        var threshold: Threshold
        var timing: AbortRule.Timing
        var grace: Duration
    }

    private let rules: [Rule]
    private let planName: String
    private let model: LoadModel
    private let cancellation: LoadCancellation
    private let verdict = Mutex<LoadAbort?>(nil)

    /// A monitor of `plan`'s aborting thresholds, or nil when it has none.
    init?(plan: LoadPlan, cancellation: LoadCancellation) {
        rules = plan.thresholds.compactMap { threshold in
            guard let rule = threshold.abort, case let .success(timing) = AbortRule.timing(of: threshold) else { return nil }
            // A shard sends only its share: its rate falling short of a minimum says nothing of
            // the whole load's (every other threshold failing in a shard fails in the whole).
            if !plan.shard.isWhole, threshold.metric == .rate,
                threshold.comparison == .greaterThan || threshold.comparison == .greaterThanOrEqual
            {
                return nil
            }
            return Rule(threshold: threshold, timing: timing, grace: rule.grace)
        }
        guard !rules.isEmpty else { return nil }
        planName = plan.name
        model = plan.model
        self.cancellation = cancellation
    }

    /// Why the load was aborted, if this monitor aborted it.
    var abort: LoadAbort? { verdict.withLock { $0 } }

    /// Judges the thresholds at the end of `second`, on `totals` (every request name's
    /// measurements so far), and aborts the load when one has failed for good.
    func check(second: Int, totals: [RequestStats]) {
        guard !cancellation.isCancelled else { return }
        let elapsed = Duration.seconds(second + 1)
        let total = totals.reduce(into: RequestStats(name: "total")) { $0.add($1) }
        let soFar = LoadResult(planName: planName, model: model, elapsed: elapsed, total: total, byName: totals)
        for rule in rules {
            // No request sent yet has a latency: a latency bound has nothing to judge (an outage
            // is judged by the errors it causes).
            if rule.threshold.metric.isLatency, (soFar.stats(for: rule.threshold.requestName)?.latency.count ?? 0) == 0 {
                continue
            }
            if rule.timing == .afterGrace {
                guard elapsed >= rule.grace else { continue }
                // No request has ended yet: nothing has failed, there is just nothing to judge.
                let metric = rule.threshold.metric
                if metric != .count, metric != .rate, (soFar.stats(for: rule.threshold.requestName)?.count ?? 0) == 0 {
                    continue
                }
            }
            let result = soFar.measure(rule.threshold)
            guard !result.passed else { continue }
            let abort = LoadAbort(threshold: rule.threshold.source, atSeconds: elapsed.secondsDouble, actual: result.actual)
            // The first failure stops the load; a later second (another loop's) changes nothing.
            verdict.withLock { if cancellation.abort() { $0 = abort } }
            return
        }
    }
}
