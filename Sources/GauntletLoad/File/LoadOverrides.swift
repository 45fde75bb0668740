/// Command-line settings that replace a load file's: `--vus` (closed model), `--rate` (open
/// model), `--duration`, `--iterations`, extra `--threshold`s and the cold-start analysis.
public struct LoadOverrides: Sendable, Equatable {
    /// Run the closed model with this many virtual users.
    public var vus: Int?
    /// Run the open model at this constant rate, per second.
    public var rate: Double?
    /// Replace the duration.
    public var duration: Duration?
    /// Replace the iteration count.
    public var iterations: Int?
    /// Thresholds added to the file's, as written (`p99<250ms`).
    public var thresholds: [String]
    /// Run the cold-start analysis this way.
    public var coldStart: ColdStartClassifier?

    /// Creates overrides; nil leaves the file's setting.
    public init(
        vus: Int? = nil, rate: Double? = nil, duration: Duration? = nil, iterations: Int? = nil,
        thresholds: [String] = [], coldStart: ColdStartClassifier? = nil
    ) {
        self.vus = vus
        self.rate = rate
        self.duration = duration
        self.iterations = iterations
        self.thresholds = thresholds
        self.coldStart = coldStart
    }

    /// Applies the overrides to `plan`.
    /// - Throws: `LoadPlanError` when both `vus` and `rate` are given, the result is invalid, or a
    ///   threshold does not parse.
    public func apply(to plan: LoadPlan) throws(LoadPlanError) -> LoadPlan {
        var plan = plan
        if vus != nil && rate != nil { throw LoadPlanError("--vus and --rate exclude each other") }
        if let vus {
            let think: Duration = if case let .closed(_, think) = plan.model { think } else { .zero }
            plan.model = .closed(vus: vus, thinkTime: think)
        }
        if let rate {
            // A constant rate replaces any stages; keep their total as the duration if none is set.
            if plan.duration == nil, let effective = plan.effectiveDuration { plan.duration = effective }
            plan.model = .open(rate: rate, stages: [])
        }
        if let duration { plan.duration = duration }
        if let iterations { plan.iterations = iterations }
        if let coldStart { plan.coldStart = coldStart }
        for text in thresholds {
            do {
                plan.thresholds.append(try Threshold(parsing: text))
            } catch {
                throw LoadPlanError(error.description)
            }
        }
        try plan.validate()
        return plan
    }
}
