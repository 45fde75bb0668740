import Foundation
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletReports

/// What a run's reports head with when it reached no deployment (exit 3).
@Suite struct RunHeadlineTests {
    static let location = ScenarioLocation(file: "crud.yaml", line: 3, column: 5)

    /// Three scenarios whose requests were refused, then `notRun` never started.
    static func unreachedRun(notRun: Int) -> RunResult {
        var refused = StepResult(name: "create", location: location, attempts: 1, error: "connection refused", errorKind: "connect_failed")
        refused.request = RecordedRequest(method: "POST", url: "http://127.0.0.1:8199/events", headers: [], body: nil)
        let tried = (1...3).map { index in
            ScenarioResult(name: "tried \(index)", tags: [], location: location, outcome: .errored, steps: [refused], teardown: [], durationSeconds: 0.01)
        }
        let skipped = (0..<notRun).map { index in
            ScenarioResult(
                name: "never \(index)", tags: [], location: location, outcome: .errored, steps: [], teardown: [], durationSeconds: 0,
                reason: "not run: the deployment answered none of the requests of the first 3 scenarios to end")
        }
        return RunResult(
            runID: "g1", baseURL: "http://127.0.0.1:8199", startedAt: Date(), durationSeconds: 0.2,
            suites: [SuiteResult(name: "crud", file: "crud.yaml", scenarios: tried + skipped)], interrupted: false)
    }

    @Test("A run that reached no deployment reads NOT REACHED, with how many scenarios it did not run, not FAILED")
    func notReachedHasItsOwnWord() throws {
        let run = Self.unreachedRun(notRun: 96)
        #expect(RunHeadline.verdict(run) == "NOT REACHED")
        let summary = RunReportMarkdown.render(run)
        #expect(summary.hasPrefix("## ❌ Contract run NOT REACHED\n"), "\(summary)")
        #expect(summary.contains("99 errored; **not reached**: no request was answered, the deployment was not reached (exit 3); 96 of 99 scenarios were not run"), "\(summary)")
        let html = RunReportHTML.render(run)
        #expect(html.contains(#"<h1>Contract run: <span class="fail">NOT REACHED</span></h1>"#))
        #expect(html.contains("96 of 99 scenarios were not run"))
        let json = try JSONValue(parsing: Array(JSONReportWriter.data(for: run)))
        #expect(json["notReached"] == true && json["summary"]?["notRun"] == 96 && json["summary"]?["errored"] == 99)
    }

    @Test("A failing run that was answered is still FAILED, with no word of not reaching")
    func anAnsweredRunIsFailed() {
        let run = JUnitReportWriterTests.run
        #expect(RunHeadline.verdict(run) == "FAILED")
        #expect(RunHeadline.notReachedText(run) == nil)
        #expect(!RunReportMarkdown.render(run).contains("not reached"))
    }
}
