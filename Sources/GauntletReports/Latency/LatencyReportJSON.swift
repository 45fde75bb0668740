public import GauntletLoad
public import Foundation

/// The `latency.json` document: summary, per request name, phases, thresholds, the
/// per-second time series and, when the load analysed them, the cold starts. Keys are sorted,
/// so the file diffs cleanly.
public struct LatencyReportJSON: Codable, Sendable {
    /// One request name's numbers.
    public struct RequestEntry: Codable, Sendable {
        public var name: String
        /// Requests, `unsent` ones included.
        public var count: Int
        /// Requests never sent (no connection, name not resolved, TLS handshake failed): errors
        /// of their kind with no latency, so `latency.count` is `count − unsent`.
        public var unsent: Int
        public var errors: Int
        public var errorRate: Double
        /// Of the requests that were sent.
        public var latency: LatencySummary
        /// From each actual send (uncorrected); equal to `latency` outside the open model.
        public var serviceTime: LatencySummary
        public var statusCounts: [String: Int]
        public var errorCounts: [String: Int]
        /// The first failure of each kind in words: libcurl's message for a transport error
        /// (`… SSL certificate problem: certificate has expired`), what was expected and where
        /// for a failed check (`expected 201 (load.yaml:12:19)`); secrets hidden.
        public var errorExamples: [String: String]
        public var bytesReceived: Int
        /// Responses by the HTTP version they came in (`HTTP/2`: 5000).
        public var httpVersions: [String: Int]
        /// Connections the requests opened (reused and multiplexed ones not counted again).
        public var connectionsOpened: Int
        /// Requests libcurl sent again after their reused connection closed before any answer
        /// (``RequestStats/resent``): answered on a second try, so neither errors nor counted twice.
        public var resent: Int
    }

    /// One second of the run.
    public struct Point: Codable, Sendable {
        public var second: Int
        public var completed: Int
        public var errors: Int
        public var started: Int
        public var dropped: Int
        public var targetRate: Double?
        public var inFlight: Int
        public var p50: Double
        public var p99: Double
        public var max: Double
        /// The seconds the point covers from `second`, when more than one (a load longer than
        /// ``TimeSeriesLimit/maxPoints`` seconds); its counts are then the span's.
        public var seconds: Int?
    }

    /// Why the load aborted: the threshold, when and what it measured, and the sentence.
    public struct Abort: Codable, Sendable {
        public var threshold: String
        public var atSeconds: Double
        public var actual: String
        public var reason: String
    }

    /// One threshold's verdict.
    public struct ThresholdEntry: Codable, Sendable {
        public var threshold: String
        public var passed: Bool
        public var actual: String
    }

    public var plan: String
    /// The load's verdict, as its exit status gives it: `passed`, `failed`, `unreachable`,
    /// `interrupted`, `incomplete` or `partial` (``LoadVerdict``).
    public var verdict: String
    /// Why, in one line (``LoadResult/verdictReason``): `1 of 3 thresholds failed; 2 left behind`.
    public var verdictReason: String
    public var model: String
    public var latencyMeasuredFrom: String
    public var plannedDurationSeconds: Double?
    public var plannedIterations: Int?
    public var elapsedSeconds: Double
    public var cancelled: Bool
    /// Why the load stopped early on its own (a threshold marked to abort failed while it ran);
    /// absent (no key) when it did not.
    public var abort: Abort?
    public var requests: Int
    public var errors: Int
    public var errorRate: Double
    public var targetRate: Double?
    public var achievedRate: Double
    public var iterationsStarted: Int
    public var iterationsCompleted: Int
    public var lateStarts: Int
    public var dropped: Int
    /// Teardown steps labelled `left_behind` that failed, and their labels: what the load left
    /// in the deployment.
    public var leftBehind: Int
    public var leftBehindLabels: [String]
    /// Requests dropped unanswered after the load was stopped (neither measured nor errors).
    public var abandoned: Int
    /// Teardown steps whose answer showed the thing neither gone nor there (a `present:` rule
    /// that did not hold), and their labels with that answer.
    public var unverified: Int
    public var unverifiedLabels: [String]
    public var total: RequestEntry
    public var byName: [RequestEntry]
    public var phases: [String: LatencySummary]
    public var thresholds: [ThresholdEntry]
    /// Whether the whole load ran to its end and every threshold held: false for an interrupted,
    /// unfinished or not started load and for a part of a sharded one (see `verdict`).
    public var thresholdsPassed: Bool
    public var timeSeries: [Point]
    /// The cold starts; absent (no key) unless the load analysed them.
    public var coldStarts: ColdStarts?
    /// This run against a baseline run; absent unless `--baseline` was given.
    public var baseline: Baseline?

    /// The comparison with a baseline run.
    public struct Baseline: Codable, Sendable {
        /// Where the baseline came from.
        public var source: String
        public var baselineRate: Double
        /// p50, p90, p99 and mean per request, baseline beside this run.
        public var rows: [BaselineTable.Row]
        /// Each `--max-regression` rule's verdict, with how it decided.
        public var rules: [ThresholdEntry]
    }

    /// Builds the document from a result.
    public init(_ result: LoadResult) {
        func entry(_ stats: RequestStats) -> RequestEntry {
            RequestEntry(
                name: stats.name, count: stats.count, unsent: stats.unsent, errors: stats.errors, errorRate: stats.errorRate,
                latency: LatencySummary(stats.latency), serviceTime: LatencySummary(stats.serviceTime),
                statusCounts: Dictionary(uniqueKeysWithValues: stats.statusCounts.map { (String($0), $1) }),
                errorCounts: stats.errorCounts, errorExamples: stats.errorExamples, bytesReceived: stats.bytesReceived,
                httpVersions: stats.httpVersionCounts, connectionsOpened: stats.connectionsOpened, resent: stats.resent)
        }
        plan = result.planName
        verdict = result.verdict.word.lowercased()
        verdictReason = result.verdictReason
        model = result.model.description
        latencyMeasuredFrom = result.model.isOpen ? "intended start" : "actual send (service time)"
        plannedDurationSeconds = result.plannedDuration?.secondsDouble
        plannedIterations = result.plannedIterations
        elapsedSeconds = result.elapsed.secondsDouble
        cancelled = result.cancelled
        abort = result.abort.map { Abort(threshold: $0.threshold, atSeconds: $0.atSeconds, actual: $0.actual, reason: $0.reason) }
        requests = result.total.count
        errors = result.total.errors
        errorRate = result.total.errorRate
        targetRate = result.targetRate
        achievedRate = (result.achievedRate * 100).rounded() / 100
        iterationsStarted = result.iterationsStarted
        iterationsCompleted = result.iterationsCompleted
        lateStarts = result.lateStarts
        dropped = result.dropped
        leftBehind = result.leftBehind
        abandoned = result.abandoned
        leftBehindLabels = result.leftBehindLabels
        unverified = result.unverified
        unverifiedLabels = result.unverifiedLabels
        total = entry(result.total)
        byName = result.byName.map(entry)
        phases = Dictionary(uniqueKeysWithValues: result.phases.named.map { ($0.name, LatencySummary($0.recorder)) })
        let verdicts = result.thresholdResults
        thresholds = verdicts.map { ThresholdEntry(threshold: $0.name, passed: $0.passed, actual: $0.actual) }
        // Never true beside an interrupted, unfinished or partial verdict.
        thresholdsPassed = result.thresholdsPassedOnWholeLoad
        timeSeries = result.timeSeries.map {
            Point(
                second: $0.second, completed: $0.completed, errors: $0.errors, started: $0.started,
                dropped: $0.dropped, targetRate: $0.targetRate, inFlight: $0.inFlight,
                p50: Double($0.p50Micros) / 1_000, p99: Double($0.p99Micros) / 1_000, max: Double($0.maxMicros) / 1_000,
                seconds: $0.span)
        }
        coldStarts = result.coldStarts.map(ColdStarts.init)
        baseline = result.baselineComparison.map { comparison in
            Baseline(
                source: comparison.label, baselineRate: (comparison.baselineRate * 100).rounded() / 100,
                rows: BaselineTable(result, comparison).rows,
                rules: comparison.verdicts.map {
                    ThresholdEntry(threshold: $0.thresholdResult.name, passed: !$0.regressed, actual: $0.detail)
                })
        }
    }

    /// The document as pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
