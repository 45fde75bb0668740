/// One request on the cold-start timeline: when it was due, how long it took and the verdict.
public struct ColdStartPoint: Sendable, Hashable, Codable {
    /// When the request was due, seconds from the start of the run.
    public var offsetSeconds: Double
    /// Its latency in milliseconds.
    public var latencyMilliseconds: Double
    /// Cold, warm, throttled, timed out, a server error or failed.
    public var verdict: ColdStartVerdict
    /// The index of its load stage (see ``ColdStartAnalysis/stageNames``).
    public var stage: Int

    /// Creates a point.
    public init(offsetSeconds: Double, latencyMilliseconds: Double, verdict: ColdStartVerdict, stage: Int) {
        self.offsetSeconds = offsetSeconds
        self.latencyMilliseconds = latencyMilliseconds
        self.verdict = verdict
        self.stage = stage
    }
}
