/// Everything a load measured, merged over its loops: the value every report is a function of.
public struct LoadResult: Sendable {
    /// The plan's name.
    public var planName: String
    /// The load model, as run.
    public var model: LoadModel
    /// The planned duration, if any.
    public var plannedDuration: Duration?
    /// The planned iteration count, if any.
    public var plannedIterations: Int?
    /// Wall time from the first start to the last completion.
    public var elapsed: Duration
    /// Every request together.
    public var total: RequestStats
    /// Per request name, in the plan's order.
    public var byName: [RequestStats]
    /// libcurl's phase timings and the open model's start delays.
    public var phases: PhaseLatencies
    /// One point per second.
    public var timeSeries: [TimeSeriesPoint]
    /// Iterations started (open model: arrivals due, dropped ones included).
    public var iterationsStarted: Int
    /// Iterations that ran to their end (or to their first failed step).
    public var iterationsCompleted: Int
    /// Requests handed to the transport.
    public var sent: Int
    /// Open model: the planned average arrival rate, per second.
    public var targetRate: Double?
    /// Open model: how long arrivals were offered, from the start to the due time of the first
    /// one not started (the duration's end, the arrival after the iteration limit) or to the
    /// interruption; nil for the other models. Rates are per second of it rather than of
    /// ``elapsed``, which also counts waiting for the last answers: 100 arrivals at 50/s against
    /// a server answering in 1 s started at 50/s, not at 100 per 3 s.
    public var arrivalWindow: Duration?
    /// What rates are per second of: the arrival window in the open model, the elapsed time in
    /// the others.
    public var rateWindow: Duration { arrivalWindow ?? elapsed }
    /// Requests completed per second of ``rateWindow``.
    public var achievedRate: Double {
        let seconds = rateWindow.secondsDouble
        return seconds > 0 ? Double(total.count) / seconds : 0
    }
    /// Iterations started per second of ``rateWindow``, dropped arrivals left out: the open
    /// model's achieved arrival rate, to set against `targetRate` (an iteration may send several
    /// requests).
    public var achievedIterationRate: Double {
        let seconds = rateWindow.secondsDouble
        return seconds > 0 ? Double(iterationsStarted - dropped) / seconds : 0
    }
    /// Open model: requests that started later than the plan's tolerance after their intended time.
    public var lateStarts: Int
    /// Open model: arrivals not sent because `maxInFlight` transfers were already in flight.
    public var dropped: Int
    /// Whether the load was interrupted (Ctrl-C) before its end. An aborted load is not
    /// interrupted: see ``abort``.
    public var cancelled: Bool
    /// Why the load stopped early on its own, when a threshold marked to abort failed while it
    /// ran; nil when it ran to its end or was interrupted.
    public var abort: LoadAbort?
    /// `aborted at 4 s: threshold 'errors<1%' failed: …`, when the load aborted.
    public var abortReason: String? { abort?.reason }
    /// The thresholds to evaluate.
    public var thresholds: [Threshold]
    /// Cold starts, when the plan asked for the analysis (``LoadPlan/coldStart``).
    public var coldStarts: ColdStartAnalysis?
    /// How many `left_behind` teardown steps failed: what the load left in the deployment.
    public var leftBehind = 0
    /// Requests of iterations' steps still unanswered a while after the load was stopped (Ctrl-C,
    /// an abort, or, with no time limit per request, still in flight ``LoadPlan/drainLimit`` after
    /// its last iteration started), dropped rather than waited for: not measured, not counted as errors, and what
    /// they may have created is not known to the teardown. Without a stop or an abort, they fail
    /// the load: a request that never came back is no pass.
    public var abandoned = 0
    /// What ``abandoned`` means, for reports.
    public static let abandonedMeaning =
        "dropped \(LoadLoop.abandonGraceNanos / 1_000_000_000) s after the stop (Ctrl-C, an abort, or, under --timeout 0s, requests "
        + "still in flight \(LoadPlan.defaultDrainLimit.components.seconds) s after the last iteration started) rather than waited for; not measured, "
        + "not errors, and anything they created is not known to the teardown"
    /// Their labels, filled in (the first few of each event loop).
    public var leftBehindLabels: [String] = []
    /// How many `left_behind` teardown steps failed with an answer that showed the thing neither
    /// gone nor there (a `present:` rule that did not hold): the load cannot say it left nothing.
    public var unverified = 0
    /// Their labels with that answer (the first few of each event loop).
    public var unverifiedLabels: [String] = []
    /// The shards this result covers: the whole plan for one process, every merged shard's
    /// after `gauntlet merge`.
    public var shards: [LoadShard] = [.whole]
    /// Whether this result stands for the whole plan, so that a shard it lacks makes it
    /// ``LoadVerdict/incomplete`` (exit 1, a failing JUnit case): set by `gauntlet merge` without
    /// `--partial`. Without it, a result of some shards is ``LoadVerdict/partial``.
    /// Not kept in `load-result.json`: each merge decides it anew.
    public var requiresEveryShard = false
    /// Whether this stands in for a load that has not written its own reports yet: written
    /// before the first request, so that a load that never writes its reports (a second Ctrl-C,
    /// a kill, a crash) leaves reports that say so, never the previous load's. It is cancelled,
    /// so every report reads INTERRUPTED.
    public var unfinished = false
    /// Why the load did not start (its setup failed, an event loop could not start): it is
    /// judged failed, and every report says why.
    public var notStarted: String?
    /// Whether the setup that stopped the load (``notStarted``) sent requests and had none
    /// answered (refused, unresolved, TLS failed, timed out): the deployment was not reached, so
    /// the load is ``LoadVerdict/unreachable`` (exit 3) rather than failed.
    public var setupUnanswered = false
    /// When the load's first iteration was due, nanoseconds since 1970 (wall clock), so that
    /// merged shards' time series and cold-start timelines line up (integers, so that merging
    /// is exact and associative).
    public var wallClockStartNanos: Int64?
    /// A curl command that reproduces each request name (its first request, secrets redacted),
    /// for the JUnit test cases of thresholds on it.
    public var reproductions: [String: String] = [:]
    /// This run against a baseline run (`--baseline`), when one was given.
    public var baselineComparison: BaselineComparison?
    /// What the cold-start analysis was computed from, kept so that a merge analyses the union
    /// of its shards' requests rather than combining their verdicts.
    public var coldStartInput: ColdStartInput?

    /// Creates a result from its parts (reports and tests build them directly).
    public init(
        planName: String, model: LoadModel, plannedDuration: Duration? = nil, plannedIterations: Int? = nil,
        elapsed: Duration, total: RequestStats, byName: [RequestStats], phases: PhaseLatencies = PhaseLatencies(),
        timeSeries: [TimeSeriesPoint] = [], iterationsStarted: Int = 0, iterationsCompleted: Int = 0, sent: Int = 0,
        targetRate: Double? = nil, lateStarts: Int = 0, dropped: Int = 0,
        cancelled: Bool = false, thresholds: [Threshold] = [],
        coldStarts: ColdStartAnalysis? = nil
    ) {
        self.planName = planName
        self.model = model
        self.plannedDuration = plannedDuration
        self.plannedIterations = plannedIterations
        self.elapsed = elapsed
        self.total = total
        self.byName = byName
        self.phases = phases
        self.timeSeries = timeSeries
        self.iterationsStarted = iterationsStarted
        self.iterationsCompleted = iterationsCompleted
        self.sent = sent
        self.targetRate = targetRate
        self.lateStarts = lateStarts
        self.dropped = dropped
        self.cancelled = cancelled
        self.thresholds = thresholds
        self.coldStarts = coldStarts
    }

    /// A result of `plan` with no request in it: what a load that did not start (or has not
    /// finished yet) reports. It has no start time, so that a merge of shards does not count
    /// from it.
    public static func empty(of plan: LoadPlan) -> LoadResult {
        var result = LoadResult(
            planName: plan.name, model: plan.model, plannedDuration: plan.effectiveDuration, plannedIterations: plan.iterations,
            elapsed: .zero, total: RequestStats(name: "total"), byName: plan.requestNames.map { RequestStats(name: $0) },
            thresholds: plan.thresholds)
        result.shards = [plan.shard]
        return result
    }

    /// Merges what the loops measured.
    init(plan: LoadPlan, loops: [LoopOutcome], timeSeries: [TimeSeriesPoint], cancelled: Bool) {
        var total = RequestStats(name: "total")
        var byName = plan.requestNames.map { RequestStats(name: $0) }
        var phases = PhaseLatencies()
        var started = 0, completed = 0, late = 0, dropped = 0, sent = 0
        var elapsed: UInt64 = 0
        var arrivalsEnd: UInt64?
        var leftBehind = 0, unverified = 0, abandoned = 0
        var leftBehindLabels: [String] = [], unverifiedLabels: [String] = []
        for loop in loops {
            leftBehind += loop.leftBehind
            abandoned += loop.abandoned
            leftBehindLabels += loop.leftBehindLabels
            unverified += loop.unverified
            unverifiedLabels += loop.unverifiedLabels
            total.add(loop.total)
            for index in byName.indices { byName[index].add(loop.byRequest[index]) }
            phases.add(loop.phases)
            started += loop.iterationsStarted
            completed += loop.iterationsCompleted
            late += loop.lateStarts
            dropped += loop.dropped
            sent += loop.sent
            elapsed = max(elapsed, loop.elapsedNanos)
            if let end = loop.arrivalsEndNanos { arrivalsEnd = max(arrivalsEnd ?? 0, end) }
        }
        // A shard's target is its share of the plan's arrivals (a merge sets the whole plan's).
        let target = Self.targetRate(of: plan.model, duration: plan.effectiveDuration, shards: [plan.shard])
        self.init(
            planName: plan.name, model: plan.model, plannedDuration: plan.effectiveDuration,
            plannedIterations: plan.iterations, elapsed: .nanoseconds(Int64(elapsed)), total: total, byName: byName,
            phases: phases, timeSeries: timeSeries, iterationsStarted: started, iterationsCompleted: completed,
            sent: sent, targetRate: target, lateStarts: late, dropped: dropped,
            cancelled: cancelled, thresholds: plan.thresholds,
            coldStarts: plan.coldStart.map { classifier in
                ColdStartAnalysis(
                    samples: loops.flatMap(\.samples), classifier: classifier, stageNames: plan.model.stageNames,
                    unanalysed: loops.reduce(0) { $0 + $1.unsampled })
            })
        self.leftBehind = leftBehind
        self.abandoned = abandoned
        self.leftBehindLabels = leftBehindLabels
        self.unverified = unverified
        self.unverifiedLabels = unverifiedLabels
        self.arrivalWindow = arrivalsEnd.map { .nanoseconds(Int64(clamping: $0)) }
        self.shards = [plan.shard]
        self.coldStartInput = plan.coldStart.map { classifier in
            ColdStartInput(
                samples: loops.flatMap(\.samples), classifier: classifier, unanalysed: loops.reduce(0) { $0 + $1.unsampled })
        }
    }

    /// The open model's planned average arrival rate over `duration`, per second, for the part of
    /// the plan `shards` cover (a shard of 4, a quarter of it); nil for the other models.
    static func targetRate(of model: LoadModel, duration: Duration?, shards: [LoadShard] = [.whole]) -> Double? {
        guard case let .open(rate, stages) = model else { return nil }
        let share = coveredShare(shards)
        guard let duration, duration > .zero else { return rate * share }
        let scheduler = OpenModelScheduler(rate: rate, stages: stages, duration: duration)
        return scheduler.expectedArrivals(until: duration.secondsDouble) / duration.secondsDouble * share
    }

    /// The share of the plan's arrivals `shards` stand for: 1 for the whole plan.
    static func coveredShare(_ shards: [LoadShard]) -> Double {
        guard let count = shards.first?.count, count > 0 else { return 1 }
        return Double(Set(shards).count) / Double(count)
    }

    /// The statistics for `name`, or the total for nil.
    public func stats(for name: String?) -> RequestStats? {
        guard let name else { return total }
        return byName.first { $0.name == name }
    }
}

/// The requests a cold-start analysis classified, and how.
public struct ColdStartInput: Sendable, Codable, Equatable {
    /// One per request that was sampled, offsets from the load's start.
    public var samples: [ColdStartSample]
    /// The method and its parameters.
    public var classifier: ColdStartClassifier
    /// Requests left out of the analysis (beyond the sampling cap).
    public var unanalysed: Int
    /// The function's Lambda log (`--cold-start-log`), when one labels the requests.
    public var log: LambdaReportLog?

    /// Creates the input of an analysis.
    public init(samples: [ColdStartSample], classifier: ColdStartClassifier, unanalysed: Int = 0, log: LambdaReportLog? = nil) {
        self.samples = samples
        self.classifier = classifier
        self.unanalysed = unanalysed
        self.log = log
    }
}
