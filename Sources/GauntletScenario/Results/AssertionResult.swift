public import GauntletJSON

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
    /// The expected value as JSON, when the check compares with a value (a status, an
    /// `equals`, a body document); `nil` when only ``expected`` says it (`matches "^a"`).
    public var expectedValue: JSONValue?
    /// What came back as JSON (a status, a header's text, the node a JSONPath selects);
    /// `nil` when there was nothing (an absent header, no match) or only text says it.
    public var actualValue: JSONValue?
    /// The predicate's operator (`equals`, `matches`, `count`…), for header and JSONPath checks.
    public var predicate: String?
    /// The predicate's operand, rendered.
    public var operand: JSONValue?

    public init(
        subject: String, expected: String, actual: String, passed: Bool, location: ScenarioLocation,
        expectedValue: JSONValue? = nil, actualValue: JSONValue? = nil, predicate: String? = nil, operand: JSONValue? = nil
    ) {
        self.subject = subject
        self.expected = expected
        self.actual = actual
        self.passed = passed
        self.location = location
        self.expectedValue = expectedValue
        self.actualValue = actualValue
        self.predicate = predicate
        self.operand = operand
    }

    /// One line: `file:line:col: header Content-Type: expected matches "^application/json", got "text/plain"`.
    public var summary: String {
        "\(location): \(subject): expected \(expected), got \(actual)"
    }
}
