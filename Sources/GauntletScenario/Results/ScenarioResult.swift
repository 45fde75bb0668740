/// The outcome of one scenario (one case of a table scenario).
public struct ScenarioResult: Sendable, Codable {
    /// How a scenario ended.
    public enum Outcome: String, Sendable, Codable {
        /// Every expectation held.
        case passed
        /// An expectation did not hold (JUnit `<failure>`).
        case failed
        /// A request could not be made or a template could not be filled: refused connection,
        /// timeout, unknown variable (JUnit `<error>`).
        case errored
        /// Not run to the end because the run was interrupted.
        case interrupted
        /// A precondition (`given:`) did not hold, so the check did not apply (JUnit
        /// `<skipped>`); the run still succeeds.
        case skipped
    }

    /// The scenario's name, with case values filled in.
    public var name: String
    /// Its tags (file tags included), sorted.
    public var tags: [String]
    /// Where it is written.
    public var location: ScenarioLocation
    /// How it ended.
    public var outcome: Outcome
    /// Its steps, up to the one that ended it.
    public var steps: [StepResult]
    /// Its teardown steps.
    public var teardown: [StepResult]
    /// Wall time, teardown included, in seconds.
    public var durationSeconds: Double
    /// Why it was skipped (`precondition failed: …`), or why it failed when no step did
    /// (`left behind: …`).
    public var reason: String?
    /// The `left_behind` labels of teardown steps that failed or errored: what this scenario
    /// may have left in the deployment.
    public var leftBehind: [String]
    /// The `left_behind` labels of teardown steps that failed with an answer that did not show
    /// the thing still there (their `present:` rule did not hold: a 500, a `null`), each with
    /// that answer: the run could not tell whether they are gone.
    public var unverified: [String]
    /// Why the steps no longer hold their headers, bodies and curl commands (the run had kept as
    /// many whole transcripts of this kind as ``RunLimits/transcripts`` allows); nil when whole.
    public var transcriptOmitted: String?

    public init(
        name: String, tags: [String], location: ScenarioLocation, outcome: Outcome, steps: [StepResult],
        teardown: [StepResult], durationSeconds: Double, reason: String? = nil, leftBehind: [String] = [], unverified: [String] = []
    ) {
        self.reason = reason
        self.leftBehind = leftBehind
        self.unverified = unverified
        self.name = name
        self.tags = tags
        self.location = location
        self.outcome = outcome
        self.steps = steps
        self.teardown = teardown
        self.durationSeconds = durationSeconds
    }

    /// The result without what its requests carried: each step keeps its name, request line,
    /// status, timings and checks, and loses its headers, bodies and curl command; `reason`
    /// says why (``transcriptOmitted``).
    public func withoutTranscript(reason: String) -> ScenarioResult {
        var out = self
        out.steps = steps.map { $0.withoutTranscript() }
        out.teardown = teardown.map { $0.withoutTranscript() }
        out.transcriptOmitted = reason
        return out
    }

    /// Whether a step or teardown step holds something ``withoutTranscript(reason:)`` drops:
    /// a request, a response or a curl command.
    public var hasTranscript: Bool {
        (steps + teardown).contains { $0.request != nil || $0.response != nil || $0.curlCommand != nil }
    }

    /// The step that ended the scenario, if it did not pass.
    public var failingStep: StepResult? { steps.first { !$0.passed } }

    /// One line on why the scenario did not pass: the reason it was skipped or failed, the
    /// first failed check, or the error.
    public var verdictLine: String {
        if let reason, outcome == .skipped || failingStep == nil { return reason }
        guard let step = failingStep else { return outcome.rawValue }
        if let error = step.error { return error }
        if let assertion = (step.preconditions + step.assertions).first(where: { !$0.passed }) {
            return "\(step.name): \(assertion.subject): expected \(assertion.expected), got \(assertion.actual)"
        }
        return step.name
    }

    /// Whether none of its requests was answered and at least one failed in transport (refused,
    /// timed out, unresolved): what ``RunResult/reachedNoDeployment`` says of a whole run.
    public var reachedNoDeployment: Bool { Self.reachedNoDeployment(steps + teardown) }

    /// Whether none of `steps` got an answer and one failed in transport (not a template, not
    /// an interruption).
    static func reachedNoDeployment(_ steps: [StepResult]) -> Bool {
        !steps.contains { $0.response != nil } && steps.contains { $0.error != nil && !["template", "interrupted"].contains($0.errorKind) }
    }
}
