public import Foundation

/// Everything one `gauntlet run` did: the values every report is written from.
public struct RunResult: Sendable, Codable {
    /// The unique id of this run, also found in every id the run created.
    public var runID: String
    /// The base URL under test.
    public var baseURL: String
    /// When the run started (wall clock).
    public var startedAt: Date
    /// How long the run took, in seconds.
    public var durationSeconds: Double
    /// One suite per scenario file, in the order given.
    public var suites: [SuiteResult]
    /// Whether the run was stopped (Ctrl-C) before every scenario ran.
    public var interrupted: Bool

    public init(runID: String, baseURL: String, startedAt: Date, durationSeconds: Double, suites: [SuiteResult], interrupted: Bool) {
        self.runID = runID
        self.baseURL = baseURL
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.suites = suites
        self.interrupted = interrupted
    }

    /// Every scenario result of the run.
    public var scenarios: [ScenarioResult] { suites.flatMap(\.scenarios) }
    /// Whether every scenario passed (or was skipped by a precondition) and the run was not
    /// interrupted.
    public var succeeded: Bool { !interrupted && scenarios.allSatisfy { $0.outcome == .passed || $0.outcome == .skipped } }

    /// Whether no request of the run got an answer while at least one could not be sent or
    /// answered (refused connection, unknown host, TLS, timeout): the deployment was never
    /// reached, so no check could run. A template that could not be filled, or a step the
    /// interruption stopped, is not a transport error.
    public var reachedNoDeployment: Bool {
        ScenarioResult.reachedNoDeployment(scenarios.flatMap { $0.steps + $0.teardown })
    }

    /// Whether the run ended on its own and no request of it was answered (exit 3, `NOT
    /// REACHED`): an interrupted run says so first.
    public var notReached: Bool { !interrupted && reachedNoDeployment }

    /// How many scenarios were never started because the deployment answered none of the
    /// requests of the first ones to end (``reachedNoDeployment``): errored, with nothing sent.
    public var notRunUnreached: Int {
        guard reachedNoDeployment else { return 0 }
        return scenarios.filter { $0.outcome == .errored && $0.steps.isEmpty && $0.teardown.isEmpty }.count
    }

    /// The one status every answer of the run had, when it is an error status, with the first
    /// answer's body: a gateway that refused every request (403 to a missing key or stage), said
    /// once rather than left to be read off every failure.
    public var everyAnswerRefused: (status: Int, body: String)? {
        let responses = scenarios.flatMap { $0.steps + $0.teardown }.compactMap(\.response)
        guard let first = responses.first, first.status >= 400, responses.allSatisfy({ $0.status == first.status }) else { return nil }
        return (first.status, first.body)
    }

    /// How many scenarios ended each way.
    public func count(_ outcome: ScenarioResult.Outcome) -> Int { scenarios.filter { $0.outcome == outcome }.count }

    /// Every `left_behind` label of the run with the suite and scenario that left it, in run order.
    public var leftBehind: [(suite: String, scenario: String, label: String)] { labels(\.leftBehind) }

    /// Every label a teardown could not verify as gone (``ScenarioResult/unverified``), in run order.
    public var unverified: [(suite: String, scenario: String, label: String)] { labels(\.unverified) }

    /// The labels of one kind of every scenario, with the suite and scenario each belongs to.
    private func labels(_ kind: KeyPath<ScenarioResult, [String]>) -> [(suite: String, scenario: String, label: String)] {
        suites.flatMap { suite in
            suite.scenarios.flatMap { scenario in scenario[keyPath: kind].map { (suite.name, scenario.name, $0) } }
        }
    }
}

/// The results of one scenario file.
public struct SuiteResult: Sendable, Codable {
    /// The suite's name.
    public var name: String
    /// The scenario file.
    public var file: String
    /// Its scenarios (table cases expanded), in file order.
    public var scenarios: [ScenarioResult]

    public init(name: String, file: String, scenarios: [ScenarioResult]) {
        self.name = name
        self.file = file
        self.scenarios = scenarios
    }

    /// The suite's duration: the sum of its scenarios'.
    public var durationSeconds: Double { scenarios.reduce(0) { $0 + $1.durationSeconds } }
}
