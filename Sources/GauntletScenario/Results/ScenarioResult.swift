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

    public init(
        name: String, tags: [String], location: ScenarioLocation, outcome: Outcome, steps: [StepResult],
        teardown: [StepResult], durationSeconds: Double
    ) {
        self.name = name
        self.tags = tags
        self.location = location
        self.outcome = outcome
        self.steps = steps
        self.teardown = teardown
        self.durationSeconds = durationSeconds
    }

    /// The step that ended the scenario, if it did not pass.
    public var failingStep: StepResult? { steps.first { !$0.passed } }
}
