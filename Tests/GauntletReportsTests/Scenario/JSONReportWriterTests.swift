import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletReports

/// `results.json` is for programs: numbers are numbers, counts are summed, values are JSON.
@Suite struct JSONReportWriterTests {
    static let location = ScenarioLocation(file: "crud.yaml", line: 3, column: 5)

    static let run: RunResult = {
        let checks = [
            AssertionResult(
                subject: "status", expected: "201", actual: "422", passed: false, location: location,
                expectedValue: 201, actualValue: 422),
            AssertionResult(
                subject: "jsonpath $.events", expected: "equals [\"a\"]", actual: "[\"a\"]", passed: true, location: location,
                expectedValue: ["a"], actualValue: ["a"], predicate: "equals", operand: ["a"]),
            AssertionResult(
                subject: "header Content-Type", expected: "matches \"^application/json\"", actual: "(absent)", passed: false,
                location: location, predicate: "matches", operand: "^application/json"),
        ]
        let step = StepResult(
            name: "create", location: location, attempts: 1, timings: Timings(connect: .milliseconds(2), total: .microseconds(12_345)),
            assertions: checks)
        func scenario(_ outcome: ScenarioResult.Outcome, leftBehind: [String] = [], unverified: [String] = []) -> ScenarioResult {
            ScenarioResult(
                name: "s \(outcome)", tags: [], location: location, outcome: outcome, steps: [step], teardown: [],
                durationSeconds: 0.25, leftBehind: leftBehind, unverified: unverified)
        }
        return RunResult(
            runID: "g1", baseURL: "http://h", startedAt: Date(timeIntervalSince1970: 1_700_000_000), durationSeconds: 1.5,
            suites: [SuiteResult(name: "crud", file: "crud.yaml", scenarios: [
                scenario(.passed), scenario(.failed, leftBehind: ["event e1", "event e2"]), scenario(.skipped),
                scenario(.errored, unverified: ["event e3 (GET /events/e3 answered HTTP 500)"]), scenario(.interrupted),
            ])],
            interrupted: true)
    }()

    func document() throws -> GauntletJSON.JSONValue {
        try GauntletJSON.JSONValue(parsing: [UInt8](try JSONReportWriter.data(for: Self.run)))
    }

    @Test func summaryCountsEveryOutcomeAndWhatWasLeftBehind() throws {
        let summary = try #require(try document()["summary"])
        #expect(summary == [
            "scenarios": 5, "passed": 1, "failed": 1, "skipped": 1, "errored": 1, "interrupted": 1, "notRun": 0, "leftBehind": 2,
            "unverified": 1,
        ])
        #expect(try document()["leftBehind"]?[1] == ["suite": "crud", "scenario": "s failed", "label": "event e2"])
        #expect(try document()["unverified"]?[0] == ["suite": "crud", "scenario": "s errored", "label": "event e3 (GET /events/e3 answered HTTP 500)"])
    }

    @Test func durationsAreMillisecondNumbers() throws {
        let document = try document()
        #expect(document["durationMs"]?.doubleValue == 1500)
        let scenario = try #require(document["suites"]?[0]?["scenarios"]?[0])
        #expect(scenario["durationMs"]?.doubleValue == 250)
        #expect(scenario["steps"]?[0]?["timings"]?["totalMs"]?.doubleValue == 12.345)
        #expect(document["durationSeconds"] == nil)
    }

    @Test func checksCarryValuesAsJSONAndPredicatesAsText() throws {
        let checks = try #require(try document()["suites"]?[0]?["scenarios"]?[0]?["steps"]?[0]?["assertions"])
        #expect(checks[0]?["expected"] == 201)
        #expect(checks[0]?["actual"] == 422)
        #expect(checks[1]?["expected"] == ["a"])
        #expect(checks[1]?["predicate"] == "equals")
        #expect(checks[2]?["expected"] == "matches \"^application/json\"")
        #expect(checks[2]?["operand"] == "^application/json")
        #expect(checks[2]?["actual"] == nil, "nothing to judge is no value")
        #expect(checks[2]?["actualText"] == "(absent)")
    }

    @Test("Values keep keys that differ only in their code points (JSONEncoder would merge them)")
    func checkValuesKeepEveryKey() throws {
        let node: GauntletJSON.JSONValue = .object(JSONObject([("\u{F1}", 1), ("n\u{303}", 2)]))
        let check = AssertionResult(
            subject: "jsonpath $.x", expected: "exists", actual: node.serialized(), passed: true, location: Self.location,
            actualValue: node, predicate: "exists", operand: true)
        let step = StepResult(name: "read", location: Self.location, attempts: 1, assertions: [check])
        let run = RunResult(
            runID: "g2", baseURL: "http://h", startedAt: Date(), durationSeconds: 0,
            suites: [SuiteResult(name: "s", file: "s.yaml", scenarios: [ScenarioResult(
                name: "s", tags: [], location: Self.location, outcome: .passed, steps: [step], teardown: [], durationSeconds: 0)])],
            interrupted: false)
        let written = try GauntletJSON.JSONValue(parsing: [UInt8](try JSONReportWriter.data(for: run)))
        let actual = try #require(written["suites"]?[0]?["scenarios"]?[0]?["steps"]?[0]?["assertions"]?[0]?["actual"])
        #expect(actual.objectValue?.count == 2)
        #expect(actual == node)
    }
}
