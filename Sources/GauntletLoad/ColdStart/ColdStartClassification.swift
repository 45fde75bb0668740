/// The verdict on every sample of a run, and how it was reached.
public struct ColdStartClassification: Sendable, Hashable {
    /// One verdict per sample, in the samples' order.
    public var verdicts: [ColdStartVerdict]
    /// Header, statistical or log.
    public var method: ColdStartMethod
    /// The statistical method's latency split: at or above it, cold. Nil for the header
    /// method, and when the distribution showed no separate slow cluster (all warm).
    public var threshold: Duration?
    /// The statistical method's separation of its two clusters of log-latency, Ashman's D
    /// (see ``ColdStartClassifier``); nil for the header method or too few samples.
    public var separation: Double?

    /// How sure the verdicts are, 0–1: 1 for the header (the deployment said so); for a
    /// statistical split, the share of requests a split at the midpoint classifies right when
    /// both groups are log-normal with the measured separation D, 1 − Φ(−D/2). Nil when undecided.
    public var confidence: Double?
    /// Why the method could not tell cold from warm (too few requests, no separate slow group),
    /// or nil when it decided. An undecided analysis counts no request cold or warm.
    public var undecided: String?
    /// How many served requests the client's signals allowed to be cold (the statistical
    /// method, where it used them; see ``ColdStartClassifier``): the rest were its warm reference.
    public var expectedCold: Int?
    /// Why this method decided rather than the one a reader would expect, when that is not plain:
    /// `automatic` fell back to the statistical method although some served responses carried
    /// the header ("the X-Cold-Start header was on 10589 of 32095 served responses: statistical
    /// method"). Nil otherwise.
    public var note: String?

    /// Creates a classification.
    public init(
        verdicts: [ColdStartVerdict], method: ColdStartMethod, threshold: Duration? = nil, separation: Double? = nil,
        confidence: Double? = nil, undecided: String? = nil, expectedCold: Int? = nil, note: String? = nil
    ) {
        self.verdicts = verdicts
        self.method = method
        self.threshold = threshold
        self.separation = separation
        self.confidence = confidence
        self.undecided = undecided
        self.expectedCold = expectedCold
        self.note = note
    }

    /// How many requests were cold.
    public var coldCount: Int { self.verdicts.count { $0 == .cold } }
    /// How many requests were warm.
    public var warmCount: Int { self.verdicts.count { $0 == .warm } }
}
