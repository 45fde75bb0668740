import Foundation
import GauntletHTTP
import GauntletScenario
import Testing

@testable import GauntletReports

@Suite struct JUnitReportWriterTests {
    static let location = ScenarioLocation(file: "Scenarios/contract/crud.yaml", line: 12, column: 5)

    static func step(passed: Bool, error: String? = nil) -> StepResult {
        StepResult(
            name: "create", location: location, attempts: 1,
            request: RecordedRequest(
                method: "POST", url: "http://127.0.0.1:8000/events",
                headers: [HTTPHeader("Authorization", SecretRedaction.placeholder), HTTPHeader("Content-Type", "application/json")],
                body: #"{"eventId":"a<b>&\"c\""}"#),
            response: error == nil ? RecordedResponse(status: passed ? 201 : 422, headers: [HTTPHeader("Content-Type", "application/json")], body: "{\"detail\":\"bad\u{01}\"}") : nil,
            curlCommand: "curl --request POST 'http://127.0.0.1:8000/events'",
            assertions: error == nil ? [AssertionResult(subject: "status", expected: "201", actual: passed ? "201" : "422", passed: passed, location: location)] : [],
            error: error, errorKind: error == nil ? nil : "connect_failed")
    }

    static func scenario(_ name: String, _ outcome: ScenarioResult.Outcome) -> ScenarioResult {
        let step = switch outcome {
        case .passed: step(passed: true)
        case .failed: step(passed: false)
        default: step(passed: false, error: "POST http://127.0.0.1:1/events: connection refused")
        }
        return ScenarioResult(name: name, tags: ["seed"], location: location, outcome: outcome, steps: [step], teardown: [], durationSeconds: 0.0123)
    }

    static let run = RunResult(
        runID: "g0123456789", baseURL: "http://127.0.0.1:8000", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
        durationSeconds: 0.5,
        suites: [
            SuiteResult(name: "CRUD lifecycle", file: "Scenarios/contract/crud.yaml", scenarios: [
                scenario("POST answers 201", .passed), scenario("GET <item> & \"renamed\"", .failed),
            ]),
            SuiteResult(name: "Not found", file: "Scenarios/contract/not-found.yaml", scenarios: [scenario("GET unknown is 404", .errored)]),
        ],
        interrupted: false)

    @Test func validatesAgainstJenkinsJUnitSchema() throws {
        let xml = JUnitReportWriter.xml(for: Self.run, extraSuites: [
            .init(name: "thresholds", cases: [.init(name: "p99<250ms", failureMessage: "p99 was 300ms")]),
        ])
        try XMLLint.validate(xml)
    }

    @Test func countsAndElementsFollowOutcomes() {
        let xml = JUnitReportWriter.xml(for: Self.run)
        #expect(xml.contains(#"<testsuites name="gauntlet" tests="3" failures="1" errors="1""#))
        #expect(xml.contains(#"<testsuite name="CRUD lifecycle" tests="2" failures="1" errors="0""#))
        #expect(xml.contains(#"<failure type="assertion" message="create: status: expected 201, got 422">"#))
        #expect(xml.contains(#"<error type="connect_failed" message="POST http://127.0.0.1:1/events: connection refused">"#))
        #expect(xml.contains("reproduce: curl --request POST"))
    }

    @Test func escapesMarkupAndDropsCharactersXMLCannotCarry() {
        let xml = JUnitReportWriter.xml(for: Self.run)
        #expect(xml.contains("GET &lt;item&gt; &amp; &quot;renamed&quot;"))
        #expect(!xml.contains("\u{01}"))
    }

    static let skippedAndLeftBehind = RunResult(
        runID: "g0123456789", baseURL: "http://127.0.0.1:8000", startedAt: Date(timeIntervalSince1970: 1_700_000_000),
        durationSeconds: 0.5,
        suites: [
            SuiteResult(name: "Cleanup", file: "Scenarios/contract/crud.yaml", scenarios: [
                ScenarioResult(
                    name: "needs an empty table", tags: [], location: location, outcome: .skipped, steps: [step(passed: true)],
                    teardown: [], durationSeconds: 0.01, reason: "precondition failed: list: jsonpath $.events expected count 0, got [1]"),
                ScenarioResult(
                    name: "deletes <what> it made", tags: [], location: location, outcome: .failed, steps: [step(passed: true)],
                    teardown: [step(passed: false)], durationSeconds: 0.01,
                    reason: "left behind (expect_nothing_left_behind): event g1", leftBehind: ["event g1"]),
            ]),
        ],
        interrupted: false)

    @Test func skippedScenariosAndLeftoversValidateAndAreCounted() throws {
        let xml = JUnitReportWriter.xml(for: Self.skippedAndLeftBehind)
        try XMLLint.validate(xml)
        #expect(xml.contains(#"<testsuite name="Cleanup" tests="2" failures="1" errors="0" skipped="1""#))
        #expect(xml.contains(#"<skipped message="precondition failed: list: jsonpath $.events expected count 0, got [1]"/>"#))
        #expect(xml.contains(#"<failure type="assertion" message="left behind (expect_nothing_left_behind): event g1">"#))
        #expect(xml.contains(#"<property name="left_behind" value="event g1 (deletes &lt;what&gt; it made)"/>"#))
        #expect(xml.contains("left behind: event g1</system-out>"))
    }

    @Test func secretsStayRedacted() {
        let xml = JUnitReportWriter.xml(for: Self.run)
        #expect(xml.contains("Authorization: \(SecretRedaction.placeholder)"))
    }
}

/// Validates XML with Debian's xmllint against the JUnit schema Jenkins' xUnit plugin uses.
enum XMLLint {
    static func validate(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try #require(Bundle.module.path(forResource: "junit-10", ofType: "xsd", inDirectory: "Fixtures"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--schema", schema, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "xmllint: \(output)", sourceLocation: sourceLocation)
    }
}
