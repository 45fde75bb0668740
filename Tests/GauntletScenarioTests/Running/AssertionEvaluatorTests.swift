import GauntletHTTP
import GauntletJSON
import Testing

@testable import GauntletScenario

@Suite struct AssertionEvaluatorTests {
    static let at = ScenarioLocation(file: "probe.yaml", line: 3, column: 7)
    static let body = #"{"eventId":"e1","eventCapacity":500,"floatCapacity":500.0,"ratio":0.5,"events":[{"s":"active"},{"s":"cancelled"}],"createdAt":"2024-11-07T10:30:00"}"#
    static let response = ReceivedResponse(
        status: 201,
        headers: [
            HTTPHeader("Content-Type", "application/json"),
            HTTPHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS"),
        ],
        body: Array(body.utf8))

    func verdict(_ subject: GauntletScenario.Expectation.Subject, response: ReceivedResponse = response) throws -> AssertionResult {
        let schemas = try SchemaCatalog(for: [])
        return AssertionEvaluator(response: response, duration: .milliseconds(12), schemas: schemas, scenarioFile: "probe.yaml")
            .evaluate(GauntletScenario.Expectation(subject, location: Self.at))
    }

    @Test("Status forms", arguments: [
        (JSONValue.integer(201), true), (.integer(200), false), (.array([200, 201]), true), (.string("2xx"), true),
        (.string("4xx"), false), (.string("201"), true),
    ])
    func status(_ expected: JSONValue, holds: Bool) throws {
        #expect(try verdict(.status(expected)).passed == holds)
    }

    @Test("JSONPath predicates", arguments: [
        ("$.eventId", Predicate(.equals, "e1"), true),
        ("$.eventId", Predicate(.equals, "e2"), false),
        ("$.eventCapacity", Predicate(.equals, 500.0), true),
        ("$.eventCapacity", Predicate(.type, "integer"), true),
        ("$.eventCapacity", Predicate(.type, "number"), true),
        ("$.ratio", Predicate(.type, "integer"), false),
        // As JSON Schema counts it (a DecimalEncoder's float of a DynamoDB number): an integer.
        ("$.floatCapacity", Predicate(.type, "integer"), true),
        ("$.floatCapacity", Predicate(.type, "number"), true),
        ("$.floatCapacity", Predicate(.equals, 500), true),
        ("$.eventId", Predicate(.type, "integer"), false),
        ("$.eventId", Predicate(.type, ["integer", "string"]), true),
        ("$.ratio", Predicate(.type, ["integer", "string"]), false),
        ("$.missing", Predicate(.type, ["null", "string"]), false),
        ("$.eventCapacity", Predicate(.greaterThan, 499), true),
        ("$.eventCapacity", Predicate(.lessOrEqual, 499), false),
        ("$.createdAt", Predicate(.matches, #"^\d{4}-\d{2}-\d{2}T"#), true),
        ("$.missing", Predicate(.exists, false), true),
        ("$.missing", Predicate(.exists, true), false),
        ("$.missing", Predicate(.notEquals, 1), true),
        ("$.events[*]", Predicate(.count, 2), true),
        ("$.events[?@.s == 'active']", Predicate(.count, 1), true),
        ("$.events[*].s", Predicate(.contains, "cancelled"), true),
        ("$.events[*].s", Predicate(.equals, ["active", "cancelled"]), true),
        ("$.eventId", Predicate(.oneOf, ["e0", "e1"]), true),
        ("$.eventId", Predicate(.contains, "1"), true),
    ])
    func jsonPath(_ path: String, predicate: Predicate, holds: Bool) throws {
        let result = try verdict(.jsonPath(path, predicate))
        #expect(result.passed == holds, "\(result.summary)")
    }

    @Test("Header predicates", arguments: [
        ("content-type", Predicate(.matches, "^application/json"), true),
        ("Content-Type", Predicate(.equals, "text/plain"), false),
        ("Access-Control-Allow-Methods", Predicate(.includes, ["get", "PUT", "delete"]), true),
        ("Access-Control-Allow-Methods", Predicate(.includes, ["PATCH"]), false),
        ("Access-Control-Allow-Methods", Predicate(.includes, "get, PUT"), true),
        ("Access-Control-Allow-Methods", Predicate(.includes, "GET,PATCH"), false),
        ("Access-Control-Allow-Methods", Predicate(.includes, []), false),
        ("Access-Control-Allow-Methods", Predicate(.includes, [1, 2]), false),
        ("X-Missing", Predicate(.exists, false), true),
        ("X-Missing", Predicate(.equals, "*"), false),
    ])
    func header(_ name: String, predicate: Predicate, holds: Bool) throws {
        #expect(try verdict(.header(name, predicate)).passed == holds)
    }

    @Test("A pattern a variable filled with no regular expression is named as such when its check fails")
    func aFilledPatternThatIsNoRegexIsNamed() throws {
        let result = try verdict(.header("content-type", Predicate(.matches, "([")))
        #expect(result.summary == #"probe.yaml:3:7: header content-type: expected matches "([" (not a regular expression: it matches nothing), got "application/json""#)
        #expect(try verdict(.header("content-type", Predicate(.matches, "^application/"))).expected == #"matches "^application/""#)
    }

    @Test func failureSaysWhatWasExpectedAndWhatCameBack() throws {
        let result = try verdict(.header("Access-Control-Allow-Origin", Predicate(.equals, "*")))
        #expect(result.summary == #"probe.yaml:3:7: header Access-Control-Allow-Origin: expected equals "*", got (absent)"#)
        let status = try verdict(.status(400))
        #expect(status.summary == "probe.yaml:3:7: status: expected 400, got 201")
    }

    @Test func bodySubsetNamesTheFirstMismatch() throws {
        #expect(try verdict(.body(["eventId": "e1"])).passed)
        let result = try verdict(.body(["eventCapacity": 600]))
        #expect(!result.passed)
        #expect(result.actual.contains("$.eventCapacity"))
    }

    @Test func bodyThatIsNotJSONFailsWithAClearMessage() throws {
        let html = ReceivedResponse(status: 502, body: Array("<html>Bad Gateway</html>".utf8))
        let result = try verdict(.jsonPath("$.detail", Predicate(.exists, true)), response: html)
        #expect(!result.passed)
        #expect(result.actual.hasPrefix("a body that is not JSON"))
        #expect(result.actual.contains("Bad Gateway"))
    }

    @Test func durationLimit() throws {
        #expect(try verdict(.maxDuration(.milliseconds(50))).passed)
        #expect(try !verdict(.maxDuration(.milliseconds(5))).passed)
    }

    @Test("matches compares code points: a decomposed é is not the composed one")
    func matchesByCodePoints() {
        let composed = Predicate(.matches, "^caf\u{E9}$")
        #expect(PredicateEvaluator.holds(composed, for: .string("caf\u{E9}")))
        #expect(!PredicateEvaluator.holds(composed, for: .string("cafe\u{301}")))
        #expect(PredicateEvaluator.holds(Predicate(.matches, "^cafe\u{301}$"), for: .string("cafe\u{301}")))
    }
}
