import GauntletUnits
import GauntletHTTP
import GauntletJSON

/// Judges one response against a step's expectations. Pure: no I/O, no clock.
struct AssertionEvaluator {
    /// The response under test.
    let response: ReceivedResponse
    /// The response body as JSON, or why it is not JSON.
    let json: Result<JSONValue, JSONParseError>
    /// How long the exchange took.
    let duration: Duration
    /// Schema documents by the path the scenario named.
    let schemas: SchemaCatalog
    /// The scenario file, for resolving schema file names.
    let scenarioFile: String

    init(response: ReceivedResponse, duration: Duration, schemas: SchemaCatalog, scenarioFile: String) {
        self.response = response
        self.duration = duration
        self.schemas = schemas
        self.scenarioFile = scenarioFile
        self.json = Result { () throws(JSONParseError) in try JSONValue(parsing: response.body) }
    }

    /// The verdict on one expectation (its operands already rendered).
    func evaluate(_ expectation: Expectation) -> AssertionResult {
        let at = expectation.location
        switch expectation.subject {
        case .status(let expected):
            return AssertionResult(
                subject: "status", expected: Self.describeStatus(expected), actual: String(response.status),
                passed: Self.statusMatches(response.status, expected), location: at,
                expectedValue: expected, actualValue: .integer(Int64(response.status)))

        case .header(let name, let predicate):
            let value = response.header(name).map(JSONValue.string)
            let passed = PredicateEvaluator.holds(predicate, for: value)
            return AssertionResult(
                subject: "header \(name)", expected: Self.expected(predicate, passed: passed), actual: value?.preview() ?? "(absent)",
                passed: passed, location: at,
                expectedValue: predicate.comparedValue, actualValue: value, predicate: predicate.op.rawValue, operand: predicate.operand)

        case .body(let expected):
            guard case .success(let body) = json else { return notJSON("body", expected: "JSON containing \(expected.preview())", at: at) }
            let mismatch = body.firstMismatch(against: expected)
            return AssertionResult(
                subject: "body", expected: "JSON containing \(expected.preview())",
                actual: mismatch.map { "\($0)" } ?? body.preview(), passed: mismatch == nil, location: at,
                expectedValue: expected, actualValue: Self.bounded(body))

        case .jsonPath(let text, let predicate):
            let subject = "jsonpath \(text)"
            guard case .success(let body) = json else { return notJSON(subject, expected: predicate.description, at: at) }
            let path: JSONPath
            do { path = try JSONPath(text) } catch {
                return AssertionResult(subject: subject, expected: predicate.description, actual: "invalid JSONPath: \(error)", passed: false, location: at)
            }
            let nodes = path.evaluate(body)
            let value: JSONValue? = path.isSingular ? nodes.first : (nodes.isEmpty && predicate.op == .exists ? nil : .array(nodes))
            let passed = PredicateEvaluator.holds(predicate, for: value)
            return AssertionResult(
                subject: subject, expected: Self.expected(predicate, passed: passed), actual: value?.preview() ?? "(no match)",
                passed: passed, location: at,
                expectedValue: predicate.comparedValue, actualValue: value.flatMap(Self.bounded),
                predicate: predicate.op.rawValue, operand: predicate.operand)

        case .schema(let file, let pointer):
            let subject = "schema \(file)\(pointer)"
            guard case .success(let body) = json else { return notJSON(subject, expected: "valid against \(pointer)", at: at) }
            let violations: [SchemaViolation]
            do { violations = try schemas.validate(body, file: file, pointer: pointer, relativeTo: scenarioFile) } catch {
                return AssertionResult(subject: subject, expected: "valid against \(pointer)", actual: "cannot validate: \(error)", passed: false, location: at)
            }
            let shown = violations.prefix(5).map(\.description).joined(separator: "; ")
            return AssertionResult(
                subject: subject, expected: "valid against \(pointer)",
                actual: violations.isEmpty ? "valid" : "\(violations.count) violation(s): \(shown)",
                passed: violations.isEmpty, location: at)

        case .statuses:
            // Counted over all answers of a concurrent step by the runner, not per response.
            return AssertionResult(subject: "statuses", expected: "", actual: "", passed: true, location: at)

        case .maxDuration(let limit):
            return AssertionResult(
                subject: "duration", expected: "at most \(DurationText.format(limit))",
                actual: DurationText.format(duration), passed: duration <= limit, location: at)
        }
    }

    func notJSON(_ subject: String, expected: String, at location: ScenarioLocation) -> AssertionResult {
        var actual = "a body that is not JSON"
        if case .failure(let error) = json { actual += " (\(error)): \(JSONValue.string(response.bodyText).preview(limit: 120))" }
        return AssertionResult(subject: subject, expected: expected, actual: actual, passed: false, location: location)
    }

    /// What a predicate expected, for its verdict. A failed `matches` whose pattern a variable
    /// filled with no regular expression says so (a written one is refused when the file loads):
    /// `expected: matches "(["` alone reads as if the text were at fault.
    static func expected(_ predicate: Predicate, passed: Bool) -> String {
        guard !passed, predicate.op == .matches, let pattern = predicate.operand.stringValue, MatchesPattern.compile(pattern) == nil
        else { return predicate.description }
        return predicate.description + " (not a regular expression: it matches nothing)"
    }

    /// A value small enough to repeat in a report (4 KiB of JSON), else `nil`: the response
    /// body is in the report already.
    static func bounded(_ value: JSONValue) -> JSONValue? {
        value.serialized().utf8.count <= 4096 ? value : nil
    }

    static func statusMatches(_ status: Int, _ expected: JSONValue) -> Bool {
        switch expected {
        case .integer(let code): return Int64(status) == code
        case .array(let alternatives): return alternatives.contains { statusMatches(status, $0) }
        case .string(let text):
            if let code = Int(text) { return status == code }
            if text.count == 3, text.hasSuffix("xx"), let first = Int(text.prefix(1)) { return status / 100 == first }
            return false
        default: return false
        }
    }

    static func describeStatus(_ expected: JSONValue) -> String {
        switch expected {
        case .array(let alternatives):
            // `[400, "{{validation_status}}"]` renders to [400, 400] by default: say it once.
            Self.describeAlternatives(alternatives.reduce(into: [String]()) { seen, code in
                if !seen.contains(describeStatus(code)) { seen.append(describeStatus(code)) }
            })
        case .string(let text): text
        default: expected.preview()
        }
    }

    static func describeAlternatives(_ alternatives: [String]) -> String {
        alternatives.count == 1 ? alternatives[0] : "one of \(alternatives.joined(separator: ", "))"
    }
}
