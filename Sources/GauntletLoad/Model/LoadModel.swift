/// How load is offered: a fixed population of looping users, or an arrival rate.
public enum LoadModel: Sendable, Equatable, Codable {
    /// The open model: iterations arrive at `rate` per second whatever the latency, then follow `stages`.
    ///
    /// Each stage ramps linearly from the previous rate to its target over its duration; with no
    /// stages, the rate holds for the plan's duration.
    case open(rate: Double, stages: [LoadStage])
    /// The closed model: `vus` virtual users each loop one iteration after another.
    case closed(vus: Int, thinkTime: Duration)
    /// The phased model: ``LoadPhase``s one after another (bursts from idle, concurrency steps,
    /// idle gaps, probes), to provoke and measure cold starts. Bounded by its phases.
    case phased([LoadPhase])

    /// A short human description, for progress lines and reports.
    public var description: String {
        switch self {
        case let .open(rate, stages):
            // Iterations, not requests: an iteration may send several.
            if stages.isEmpty { return "open, \(LoadFormat.number(rate)) iterations/s" }
            let targets = stages.map { "\(LoadFormat.number($0.target))/s over \($0.duration.formattedForLoad)" }
            return "open, from \(LoadFormat.number(rate)) iterations/s: " + targets.joined(separator: ", ")
        case let .closed(vus, thinkTime):
            let think = thinkTime == .zero ? "" : ", think \(thinkTime.formattedForLoad)"
            return "closed, \(vus) VUs\(think)"
        case let .phased(phases):
            return "phased: " + phases.map(\.description).joined(separator: ", ")
        }
    }

    /// The names of the model's stages, by the index ``ColdStartSample/stage`` uses: the open
    /// model's ramps and its final hold, the closed model's one stage, the phases.
    public var stageNames: [String] {
        switch self {
        case let .open(rate, stages):
            var from = rate
            var names: [String] = []
            for stage in stages {
                names.append("\(LoadFormat.number(from)) → \(LoadFormat.number(stage.target))/s over \(stage.duration.formattedForLoad)")
                from = stage.target
            }
            return names + ["\(LoadFormat.number(from))/s"]
        case let .closed(vus, _):
            return ["\(vus) VUs"]
        case let .phased(phases):
            return phases.map(\.description)
        }
    }

    /// Whether this is the open model.
    public var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}

/// One ramp of the open model: reach `target` arrivals per second linearly over `duration`.
public struct LoadStage: Sendable, Equatable, Codable {
    /// How long the ramp lasts.
    public var duration: Duration
    /// The arrival rate reached at the end of the ramp, per second.
    public var target: Double

    /// Creates a stage.
    /// - Parameters:
    ///   - duration: How long the ramp lasts.
    ///   - target: The arrival rate reached at its end, per second.
    public init(duration: Duration, target: Double) {
        self.duration = duration
        self.target = target
    }
}
