/// What makes a threshold stop the load as soon as it can no longer pass (`abort: true` in a
/// load file, `--abort-on` on the command line; k6's `abortOnFail`), so that a load that has
/// already failed its gate does not go on hammering the deployment for its whole duration.
///
/// While the load runs, the thresholds that abort are judged on the measurements so far, once
/// a second. How soon a failure counts depends on whether the threshold can recover:
/// - a threshold the run can only make worse (``Timing/whenCrossed``: `count<N`, `max<T`,
///   `min>T`) aborts as soon as it is crossed, even within the grace period;
/// - any other (``Timing/afterGrace``: percentiles, mean, errors, throttled, rate) aborts when
///   it fails at a judgement after the grace period, which keeps a slow or noisy start from
///   stopping a load that would have passed.
public struct AbortRule: Sendable, Equatable {
    /// The grace period when none is given: k6's usual `delayAbortEval`.
    public static let defaultGrace: Duration = .seconds(10)

    /// How long after the load's start a threshold that may recover is first judged.
    public var grace: Duration

    /// Creates a rule with a grace period (10 s by default).
    public init(grace: Duration = AbortRule.defaultGrace) {
        self.grace = grace
    }

    /// When a threshold can be judged before the load's end.
    public enum Timing: Sendable, Equatable {
        /// As soon as it fails: the measured value only moves away from the limit.
        case whenCrossed
        /// When it fails at a judgement after the grace period.
        case afterGrace
    }

    /// When `threshold` may stop the load.
    /// - Returns: The timing, or why the threshold cannot abort a load: a threshold the run
    ///   can only bring to pass (`count>=N`, `max>T`, `min<T`) would stop a load that could
    ///   still pass, and the cold and warm series are analysed on the whole load only.
    public static func timing(of threshold: Threshold) -> Result<Timing, AbortRuleError> {
        if let series = threshold.series {
            return .failure(AbortRuleError(
                threshold: threshold.source, "the \(series) series is analysed on the whole load, so it cannot abort it"))
        }
        if threshold.metric == .dropped {
            return .failure(AbortRuleError(
                threshold: threshold.source, "dropped arrivals are counted when the load ends, so they cannot abort it"))
        }
        let growing: Bool
        switch threshold.metric {
        case .count, .max: growing = true
        case .min: growing = false
        default: return .success(.afterGrace)
        }
        // A count or a max only rises, a min only falls: the threshold only gets worse when it
        // bounds the value from that side, and only better from the other.
        let bounded = threshold.comparison == .lessThan || threshold.comparison == .lessThanOrEqual
        if bounded == growing { return .success(.whenCrossed) }
        return .failure(AbortRuleError(
            threshold: threshold.source,
            "it can only come to pass as the load goes on, so it is judged at the end and cannot abort the load"))
    }
}

/// A threshold that cannot abort a load, and why.
public struct AbortRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The threshold as written.
    public var threshold: String
    /// Why it cannot abort.
    public var reason: String

    init(threshold: String, _ reason: String) {
        self.threshold = threshold
        self.reason = reason
    }

    /// `'count>=10' cannot abort the load: reason`.
    public var description: String { "'\(threshold)' cannot abort the load: \(reason)" }
}

extension Threshold {
    /// This threshold, stopping the load early under `rule`.
    /// - Throws: `AbortRuleError` when the threshold cannot abort a load (see ``AbortRule/timing(of:)``).
    public func aborting(_ rule: AbortRule = AbortRule()) throws(AbortRuleError) -> Threshold {
        if case let .failure(error) = AbortRule.timing(of: self) { throw error }
        var threshold = self
        threshold.abort = rule
        return threshold
    }
}
