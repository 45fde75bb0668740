/// One expectation's verdict: what was checked, what was expected, what came back.
public struct AssertionResult: Sendable, Codable, Hashable {
    /// What was checked, e.g. `status`, `header Content-Type`, `jsonpath $.eventId`.
    public var subject: String
    /// What was expected, e.g. `equals 201`.
    public var expected: String
    /// What came back, e.g. `422`, or `(absent)`.
    public var actual: String
    /// Whether it held.
    public var passed: Bool
    /// Where the expectation is written.
    public var location: ScenarioLocation

    public init(subject: String, expected: String, actual: String, passed: Bool, location: ScenarioLocation) {
        self.subject = subject
        self.expected = expected
        self.actual = actual
        self.passed = passed
        self.location = location
    }

    /// One line: `file:line:col: header Content-Type: expected matches "^application/json", got "text/plain"`.
    public var summary: String {
        "\(location): \(subject): expected \(expected), got \(actual)"
    }
}
