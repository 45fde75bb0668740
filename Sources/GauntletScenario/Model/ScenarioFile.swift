public import GauntletJSON

/// One scenario file: a suite of scenarios with the variables, headers and teardown they share.
///
/// In reports a file is a JUnit `testsuite` and each scenario (each case of it) a `testcase`.
public struct ScenarioFile: Sendable {
    /// The path the file was loaded from.
    public var path: String
    /// The suite's name: `suite:` in the file, else the file name without extension.
    public var suiteName: String
    /// Tags every scenario in the file carries.
    public var tags: Set<String>
    /// Variables every scenario sees (templates allowed in their values).
    public var variables: [String: JSONValue]
    /// Headers sent with every request of the file.
    public var headers: [HeaderTemplate]
    /// The scenarios, in file order.
    public var scenarios: [Scenario]
    /// Steps run after every scenario of the file, whether it passed, failed or was interrupted.
    public var teardown: [Step]
    /// `expect_nothing_left_behind: true`: every scenario of the file fails when anything is
    /// left behind (see ``Step/leftBehind``).
    public var expectNothingLeftBehind: Bool
    /// The templates written outside scenarios (variables, headers, teardown), for checking
    /// names before the run.
    public var templates: [TemplateUse]

    public init(
        path: String, suiteName: String, tags: Set<String> = [], variables: [String: JSONValue] = [:],
        headers: [HeaderTemplate] = [], scenarios: [Scenario], teardown: [Step] = [],
        expectNothingLeftBehind: Bool = false, templates: [TemplateUse] = []
    ) {
        self.expectNothingLeftBehind = expectNothingLeftBehind
        self.templates = templates
        self.path = path
        self.suiteName = suiteName
        self.tags = tags
        self.variables = variables
        self.headers = headers
        self.scenarios = scenarios
        self.teardown = teardown
    }
}
