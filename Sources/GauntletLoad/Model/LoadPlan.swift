public import GauntletScenario

/// Everything the engine needs to offer a load: the model, the bounds, the mix and the limits.
///
/// A plan is never unbounded: `duration`, `iterations` or open-model stages bound it.
public struct LoadPlan: Sendable {
    /// The plan's name, shown in reports.
    public var name: String
    /// The load model.
    public var model: LoadModel
    /// How long iterations keep starting; for the open model with stages and no duration, the
    /// sum of the stages.
    public var duration: Duration?
    /// The most iterations the whole run starts.
    public var iterations: Int?
    /// The weighted mix of requests and scenarios.
    public var mix: [LoadFlow]
    /// Steps run once, in order, before the load (not measured); what they capture every
    /// iteration sees. The load does not start when one fails.
    public var setup: LoadFlow?
    /// Steps run once, in order, after the load (not measured), even when it was stopped.
    public var teardown: LoadFlow?
    /// The schema documents the steps' `schema:` expectations name.
    public var schemas: SchemaCatalog
    /// The most transfers in flight at once (open model); arrivals beyond it are dropped and counted.
    public var maxInFlight: Int
    /// How many event-loop threads share the load.
    public var loops: Int
    /// The thresholds, as written (`p99<250ms`).
    public var thresholds: [Threshold]
    /// A start later than this after its intended time counts as a late start.
    public var lateStartTolerance: Duration
    /// How to tell cold starts from warm requests, when the run should analyse them; nil for no
    /// cold-start analysis (nothing per request is kept then).
    public var coldStart: ColdStartClassifier?
    /// How long after its last iteration started the load waits for the requests still in flight
    /// before it winds down as when stopped (k6's `gracefulStop`); nil to wait for them. Set when
    /// its requests have no time limit (`--timeout 0s`, ``LoadRunner``): a deployment that never
    /// answers would otherwise hold the load forever. With a limit, each request ends by it, and an
    /// iteration started late runs its steps to their end, as it always has.
    public var drainLimit: Duration?
    /// ``drainLimit`` for a load whose requests have no time limit: 30 s, as k6's `gracefulStop`.
    public static let defaultDrainLimit = Duration.seconds(30)
    /// The part of the plan this process runs (`--shard I/N`); the whole plan by default.
    public var shard = LoadShard.whole

    /// Creates a plan.
    /// - Parameters:
    ///   - name: The plan's name.
    ///   - model: The load model.
    ///   - duration: How long iterations keep starting.
    ///   - iterations: The most iterations started.
    ///   - mix: The weighted mix.
    ///   - setup: Requests run once before the load.
    ///   - teardown: Requests run once after the load.
    ///   - schemas: The schema documents the steps name.
    ///   - maxInFlight: The most transfers in flight (open model).
    ///   - loops: How many event-loop threads share the load.
    ///   - thresholds: Pass/fail criteria.
    ///   - lateStartTolerance: Lateness beyond which a start counts as late.
    ///   - coldStart: The cold-start analysis to run, if any.
    public init(
        name: String, model: LoadModel, duration: Duration? = nil, iterations: Int? = nil,
        mix: [LoadFlow], setup: LoadFlow? = nil, teardown: LoadFlow? = nil, schemas: SchemaCatalog = SchemaCatalog(),
        maxInFlight: Int = 1_000, loops: Int = 1, thresholds: [Threshold] = [],
        lateStartTolerance: Duration = .milliseconds(1), coldStart: ColdStartClassifier? = nil
    ) {
        self.schemas = schemas
        self.name = name
        self.model = model
        self.duration = duration
        self.iterations = iterations
        self.mix = mix
        self.setup = setup
        self.teardown = teardown
        self.maxInFlight = maxInFlight
        self.loops = loops
        self.thresholds = thresholds
        self.lateStartTolerance = lateStartTolerance
        self.coldStart = coldStart
    }

    /// The time after which no iteration starts, or nil when only `iterations` bounds the plan.
    public var effectiveDuration: Duration? {
        if let duration { return duration }
        if case let .open(_, stages) = model, !stages.isEmpty {
            return stages.reduce(Duration.zero) { $0 + $1.duration }
        }
        return nil
    }

    /// The request names in mix order, each once.
    public var requestNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for flow in mix {
            for step in flow.steps + flow.teardown where seen.insert(step.name).inserted { names.append(step.name) }
        }
        return names
    }

    /// Whether something ends the load: a duration, an iteration count, open-model stages, or
    /// phases (each of which ends).
    public var isBounded: Bool {
        if case .phased = model { return true }
        return effectiveDuration != nil || iterations != nil
    }

    /// The most event loops a plan may ask for. Each loop is a thread with its own histograms
    /// (about 1 MB once it records): `loops: 3000` took 2.7 GB and sent 1,500 requests a second
    /// where one loop sent 70,000, and nothing bounded it. 256 is more than the cores of any
    /// machine a load runs on.
    public static let maxLoops = 256

    /// Checks that the plan can run: bounded, a non-empty mix, positive rates and counts.
    /// - Throws: `LoadPlanError` with a user-facing message.
    public func validate() throws(LoadPlanError) {
        if !isBounded {
            throw LoadPlanError("a load needs a duration or an iteration count: it never runs unbounded")
        }
        if let duration, duration <= .zero { throw LoadPlanError("duration must be positive") }
        if let iterations, iterations < 1 { throw LoadPlanError("iterations must be at least 1") }
        if mix.isEmpty { throw LoadPlanError("the mix has no request") }
        for flow in mix {
            if flow.weight < 1 { throw LoadPlanError("'\(flow.name)': weight must be at least 1") }
            if flow.steps.isEmpty { throw LoadPlanError("'\(flow.name)': no request") }
        }
        switch model {
        case let .open(rate, stages):
            if !(rate >= 0) || !rate.isFinite { throw LoadPlanError("rate must be a non-negative number") }
            if stages.isEmpty && rate <= 0 { throw LoadPlanError("rate must be positive") }
            for stage in stages where stage.duration <= .zero || !(stage.target >= 0) {
                throw LoadPlanError("each stage needs a positive duration and a non-negative target")
            }
        case let .closed(vus, thinkTime):
            if vus < 1 { throw LoadPlanError("vus must be at least 1") }
            if thinkTime < .zero { throw LoadPlanError("think time must not be negative") }
        case let .phased(phases):
            if phases.isEmpty { throw LoadPlanError("'phases' is empty") }
            for (index, phase) in phases.enumerated() {
                if let problem = phase.problem { throw LoadPlanError("phase \(index + 1): \(problem)") }
            }
            if loops != 1 { throw LoadPlanError("phases run on one event loop: drop 'loops'") }
        }
        if maxInFlight < 1 { throw LoadPlanError("max_in_flight must be at least 1") }
        if loops < 1 { throw LoadPlanError("loops must be at least 1") }
        if loops > Self.maxLoops {
            throw LoadPlanError(
                "loops must be at most \(Self.maxLoops): each is a thread with its own histograms and libcurl handles "
                    + "(about 1 MB), and more threads than cores only take turns")
        }
        // Found now, not after the whole load: a threshold on a request the mix does not make.
        let names = requestNames
        for threshold in thresholds {
            if let name = threshold.requestName, !names.contains(name) {
                throw LoadPlanError(
                    "threshold '\(threshold.source)': no request named '\(name)' in the mix (requests: \(names.joined(separator: ", ")))")
            }
        }
    }
}

/// A plan that cannot run.
public struct LoadPlanError: Error, Sendable, CustomStringConvertible {
    /// A user-facing message.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
