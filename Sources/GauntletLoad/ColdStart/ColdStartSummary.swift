import Histogram

/// Cold starts of a load run, as reports show them and thresholds name them: counts, cold and
/// warm latency percentiles, the cold-start penalty, cold starts per stage and per second,
/// throttles, timeouts and server errors.
///
/// A pure function of the samples and their classification.
public struct ColdStartSummary: Sendable, Hashable, Codable {
    /// Cold and warm counts of one load stage.
    public struct Stage: Sendable, Hashable, Codable {
        /// The stage's index.
        public var index: Int
        /// Served cold.
        public var cold: Int
        /// Served warm.
        public var warm: Int
        /// Throttled (429).
        public var throttled: Int
        /// Timed out: a gateway's 504 or the client's own timeout.
        public var timedOut: Int
    }

    /// How requests were told cold or warm.
    public var method: ColdStartMethod
    /// The statistical method's threshold in milliseconds, if it split the run.
    public var thresholdMilliseconds: Double?
    /// The statistical method's separation of its two groups (Ashman's D), when it split.
    public var separation: Double?
    /// How sure the verdicts are, 0–1 (see ``ColdStartClassification/confidence``); nil when undecided.
    public var confidence: Double?
    /// Why the method could not decide; nil when it did. Undecided, no request counts cold or
    /// warm and every `cold.*` or `warm.*` threshold fails with this reason.
    public var undecided: String?
    /// How many served requests came where the client expected a cold start could happen
    /// (a new concurrency, after idleness): the statistical method's candidates; nil for the
    /// other methods, or when latency alone decided.
    public var expectedCold: Int?
    /// Why the method decided rather than the header, when some served responses carried it
    /// (``ColdStartClassification/note``); nil otherwise.
    public var note: String?
    /// Requests in the run.
    public var total: Int
    /// Served cold.
    public var coldCount: Int
    /// Served warm.
    public var warmCount: Int
    /// Throttled (429).
    public var throttledCount: Int
    /// Timed out: answered 504 by the gateway, or ended by the client's own request timeout.
    /// Each may be a cold start slower than the limit, so the `cold.*` and `warm.*` thresholds
    /// are judged both without them and with them counted in the series (``coldWithTimedOut``).
    public var timedOutCount: Int
    /// Answered with a 5xx other than 504 (``ColdStartVerdict/serverError``): neither cold nor
    /// warm, nor throttled.
    public var serverErrorCount: Int
    /// Failed without a response.
    public var failedCount: Int
    /// Cold requests' latency, nil when there was none.
    public var cold: ColdStartLatency?
    /// Warm requests' latency, nil when there was none.
    public var warm: ColdStartLatency?
    /// Cold requests' latency with every timed-out request added at its latency (at least the
    /// limit): the cold series if every timeout was a cold start. Nil without timed-out requests.
    public var coldWithTimedOut: ColdStartLatency?
    /// Warm requests' latency with every timed-out request added at its latency: the warm series
    /// if every timeout was a warm request. Nil without timed-out requests.
    public var warmWithTimedOut: ColdStartLatency?
    /// The fastest timed-out request's latency in milliseconds (about the limit); nil without any.
    public var timedOutMinimumMilliseconds: Double?
    /// Cold p50 − warm p50, in milliseconds; nil unless both exist.
    public var penaltyMilliseconds: Double?
    /// Counts per load stage, by stage index.
    public var stages: [Stage]
    /// Cold starts per second of the run: element `i` counts cold requests due in second `i`.
    public var coldPerSecond: [Int]
    /// Latencies beyond the histograms' 60 s range (recorded as 60 s).
    public var outOfRange: Int

    /// Summarizes `samples` as classified.
    /// - Parameters:
    ///   - samples: The run's requests.
    ///   - classification: The classifier's verdicts on them, in the same order.
    public init(samples: [ColdStartSample], classification: ColdStartClassification) {
        var coldHistogram = ColdStartLatency.makeHistogram()
        var warmHistogram = ColdStartLatency.makeHistogram()
        var timedOutHistogram = ColdStartLatency.makeHistogram()
        self.init(
            samples: samples, classification: classification, coldHistogram: &coldHistogram, warmHistogram: &warmHistogram,
            timedOutHistogram: &timedOutHistogram)
    }

    /// Summarizes `samples` as classified, recording cold, warm and timed-out latencies (µs,
    /// beyond 60 s as 60 s) into the three histograms, for a caller that keeps them
    /// (``ColdStartAnalysis``).
    init(
        samples: [ColdStartSample], classification: ColdStartClassification,
        coldHistogram: inout Histogram<UInt64>, warmHistogram: inout Histogram<UInt64>, timedOutHistogram: inout Histogram<UInt64>
    ) {
        precondition(samples.count == classification.verdicts.count, "a classification of other samples")
        var stages: [Int: Stage] = [:]
        var perSecond: [Int] = []
        var outOfRange = 0
        let undecided = classification.undecided != nil
        for (sample, verdict) in zip(samples, classification.verdicts) {
            var stage = stages[sample.stage] ?? Stage(index: sample.stage, cold: 0, warm: 0, throttled: 0, timedOut: 0)
            let microseconds = UInt64(max(1, ColdStartClassifier.microseconds(sample.latency).rounded()))
            switch verdict {
            case .cold where undecided, .warm where undecided:
                break  // an undecided analysis counts neither
            case .cold:
                stage.cold += 1
                if !coldHistogram.record(microseconds) {
                    outOfRange += 1
                    coldHistogram.record(60_000_000)
                }
                let second = max(0, Int(sample.offset.components.seconds))
                if perSecond.count <= second { perSecond.append(contentsOf: repeatElement(0, count: second + 1 - perSecond.count)) }
                perSecond[second] += 1
            case .warm:
                stage.warm += 1
                if !warmHistogram.record(microseconds) {
                    outOfRange += 1
                    warmHistogram.record(60_000_000)
                }
            case .throttled: stage.throttled += 1
            case .timedOut:
                stage.timedOut += 1
                if !timedOutHistogram.record(microseconds) {
                    outOfRange += 1
                    timedOutHistogram.record(60_000_000)
                }
            case .serverError, .failed: break
            }
            stages[sample.stage] = stage
        }
        if let lastOffset = samples.map(\.offset).max() {
            let seconds = max(0, Int(lastOffset.components.seconds)) + 1
            if perSecond.count < seconds { perSecond.append(contentsOf: repeatElement(0, count: seconds - perSecond.count)) }
        }
        self.method = classification.method
        self.thresholdMilliseconds = classification.threshold.map { ColdStartClassifier.microseconds($0) / 1000 }
        self.total = samples.count
        self.coldCount = undecided ? 0 : classification.verdicts.count { $0 == .cold }
        self.warmCount = undecided ? 0 : classification.verdicts.count { $0 == .warm }
        self.separation = classification.separation.flatMap { $0.isFinite ? $0 : nil }
        self.confidence = classification.confidence
        self.undecided = classification.undecided
        self.expectedCold = classification.expectedCold
        self.note = classification.note
        self.throttledCount = classification.verdicts.count { $0 == .throttled }
        self.timedOutCount = classification.verdicts.count { $0 == .timedOut }
        self.serverErrorCount = classification.verdicts.count { $0 == .serverError }
        self.failedCount = classification.verdicts.count { $0 == .failed }
        self.cold = coldHistogram.totalCount > 0 ? ColdStartLatency(histogram: coldHistogram) : nil
        self.warm = warmHistogram.totalCount > 0 ? ColdStartLatency(histogram: warmHistogram) : nil
        if let cold = self.cold, let warm = self.warm { self.penaltyMilliseconds = cold.p50 - warm.p50 }
        if timedOutHistogram.totalCount > 0 {
            func adding(_ histogram: Histogram<UInt64>) -> ColdStartLatency {
                var both = histogram
                both.add(timedOutHistogram)
                return ColdStartLatency(histogram: both)
            }
            self.coldWithTimedOut = adding(coldHistogram)
            self.warmWithTimedOut = adding(warmHistogram)
            self.timedOutMinimumMilliseconds = Double(timedOutHistogram.min) / 1000
        }
        self.stages = stages.values.sorted { $0.index < $1.index }
        self.coldPerSecond = perSecond
        self.outOfRange = outOfRange
    }

    /// Whether no request was served (all throttled, timed out, server errors or failed, or
    /// none at all): nothing to tell cold or warm, and no split to show.
    public var nothingServed: Bool { self.undecided == nil && self.coldCount + self.warmCount == 0 }

    /// Throttled requests as a share of all, 0 to 1 (for `throttled<1%`).
    public var throttledRate: Double { self.total == 0 ? 0 : Double(self.throttledCount) / Double(self.total) }
    /// Timed-out requests as a share of all, 0 to 1.
    public var timedOutRate: Double { self.total == 0 ? 0 : Double(self.timedOutCount) / Double(self.total) }
}
