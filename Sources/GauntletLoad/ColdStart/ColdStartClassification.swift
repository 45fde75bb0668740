/// The verdict on every sample of a run, and how it was reached.
public struct ColdStartClassification: Sendable, Hashable {
    /// One verdict per sample, in the samples' order.
    public var verdicts: [ColdStartVerdict]
    /// Header or statistical.
    public var method: ColdStartMethod
    /// The statistical method's latency split: at or above it, cold. Nil for the header
    /// method, and when the distribution showed no separate slow cluster (all warm).
    public var threshold: Duration?
    /// The statistical method's separation of its two clusters of log-latency, Ashman's D
    /// (see ``ColdStartClassifier``); nil for the header method or too few samples.
    public var separation: Double?

    /// Creates a classification.
    public init(verdicts: [ColdStartVerdict], method: ColdStartMethod, threshold: Duration? = nil, separation: Double? = nil) {
        self.verdicts = verdicts
        self.method = method
        self.threshold = threshold
        self.separation = separation
    }

    /// How many requests were cold.
    public var coldCount: Int { self.verdicts.count { $0 == .cold } }
    /// How many requests were warm.
    public var warmCount: Int { self.verdicts.count { $0 == .warm } }
}
