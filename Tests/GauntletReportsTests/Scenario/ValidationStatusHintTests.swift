import Foundation
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletReports

/// The line a run adds after its counts when checks failed only on FastAPI's 422.
@Suite struct ValidationStatusHintTests {
    static let location = ScenarioLocation(file: "validation.yaml", line: 3, column: 5)

    /// A scenario whose status check expected `expected` and got `actual`.
    static func statusCheck(expected: JSONValue, actual: Int) -> ScenarioResult {
        var step = StepResult(name: "reject", location: location, attempts: 1)
        step.response = RecordedResponse(status: actual, headers: [], body: "{}")
        step.assertions = [AssertionResult(
            subject: "status", expected: "\(expected)", actual: "\(actual)", passed: false, location: location,
            expectedValue: expected, actualValue: .integer(Int64(actual)))]
        return ScenarioResult(name: "reject", tags: [], location: location, outcome: .failed, steps: [step], teardown: [], durationSeconds: 0.01)
    }

    static func run(_ scenarios: [ScenarioResult]) -> RunResult {
        RunResult(
            runID: "g1", baseURL: "http://h", startedAt: Date(), durationSeconds: 1,
            suites: [SuiteResult(name: "validation", file: "validation.yaml", scenarios: scenarios)], interrupted: false)
    }

    @Test("Checks that got 422 where 400 was expected are counted in one line naming the flag, in summary.md too")
    func fastAPIsValidationStatusIsHinted() throws {
        let run = Self.run([
            Self.statusCheck(expected: 400, actual: 422), Self.statusCheck(expected: [400, 400], actual: 422),
            Self.statusCheck(expected: 201, actual: 422), Self.statusCheck(expected: 400, actual: 500),
        ])
        let hint = try #require(ValidationStatusHint.text(for: run, givenVariables: ["base"]))
        #expect(hint == "2 checks got 422 where 400 was expected (FastAPI/pydantic's validation status): --var validation_status=422 accepts it")
        #expect(RunReportMarkdown.render(run, hint: hint).contains(
            "\n2 checks got 422 where 400 was expected (FastAPI/pydantic's validation status): --var validation\\_status=422 accepts it\n"))
    }

    @Test("No line when the user already set validation_status, or when no such check failed")
    func noHintWhenGivenOrNotNeeded() {
        let mismatched = Self.run([Self.statusCheck(expected: [400, 4222], actual: 422)])
        #expect(ValidationStatusHint.text(for: mismatched, givenVariables: ["validation_status"]) == nil)
        #expect(ValidationStatusHint.text(for: Self.run([Self.statusCheck(expected: 404, actual: 422)]), givenVariables: []) == nil)
        #expect(!RunReportMarkdown.render(mismatched).contains("got 422 where 400"))
    }
}
