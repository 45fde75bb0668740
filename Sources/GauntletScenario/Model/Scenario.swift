public import GauntletJSON

/// A named, ordered list of steps: one check of the contract.
///
/// With `cases`, the scenario is a table: it runs once per case, with the case's values as
/// variables, and its name (a template) tells the cases apart in reports.
public struct Scenario: Sendable {
    /// The name as written; may contain placeholders filled from each case.
    public var name: String
    /// The scenario's own tags (the file's are added when selecting).
    public var tags: Set<String>
    /// Variables for this scenario.
    public var variables: [String: JSONValue]
    /// Rows of a table scenario (`cases:`, or the rows of `cases_from:`'s file); empty for a plain one.
    public var cases: [[String: JSONValue]]
    /// `when:`: the scenario runs only when this holds in its starting variables (the command
    /// line's, the file's, its own and its row's); otherwise it is reported skipped.
    public var condition: WhenCondition?
    /// `repeat: N`: each row runs N times, each a testcase of its own with `{{iteration}}` 1…N.
    public var repetitions: Int?
    /// The steps, run in order; the first failure ends the scenario.
    public var steps: [Step]
    /// Steps that always run after the scenario, even on failure or Ctrl-C.
    public var teardown: [Step]
    /// `expect_nothing_left_behind: true`: the scenario fails when a teardown step labelled
    /// `left_behind` fails or errors.
    public var expectNothingLeftBehind: Bool
    /// Every template written in the scenario, for checking names before the run.
    public var templates: [TemplateUse]
    /// Where the scenario starts in its file.
    public var location: ScenarioLocation

    public init(
        name: String, tags: Set<String> = [], variables: [String: JSONValue] = [:],
        cases: [[String: JSONValue]] = [], steps: [Step], teardown: [Step] = [], expectNothingLeftBehind: Bool = false,
        templates: [TemplateUse] = [], location: ScenarioLocation
    ) {
        self.expectNothingLeftBehind = expectNothingLeftBehind
        self.templates = templates
        self.condition = nil
        self.repetitions = nil
        self.name = name
        self.tags = tags
        self.variables = variables
        self.cases = cases
        self.steps = steps
        self.teardown = teardown
        self.location = location
    }
}
