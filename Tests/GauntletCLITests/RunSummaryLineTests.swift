import Foundation
import GauntletScenario
import Testing

@testable import GauntletCLI

/// What the console says with a run's counts: how much an interruption left unrun, and that the
/// deployment was never reached.
@Suite(.timeLimit(.minutes(2))) struct RunSummaryLineTests {
    static let location = ScenarioLocation(file: "f.yaml", line: 1, column: 1)

    static func scenario(_ name: String, _ outcome: ScenarioResult.Outcome, steps: [StepResult] = []) -> ScenarioResult {
        ScenarioResult(name: name, tags: [], location: location, outcome: outcome, steps: steps, teardown: [], durationSeconds: 0.01)
    }

    static func run(_ scenarios: [ScenarioResult], interrupted: Bool = false) -> RunResult {
        RunResult(
            runID: "g1", baseURL: "http://h", startedAt: Date(), durationSeconds: 6.47,
            suites: [SuiteResult(name: "s", file: "f.yaml", scenarios: scenarios)], interrupted: interrupted)
    }

    @Test("An interrupted run's line says how many scenarios did not run")
    func anInterruptedRunCountsWhatDidNotRun() {
        let run = Self.run(
            [Self.scenario("a", .passed), Self.scenario("b", .failed), Self.scenario("c", .interrupted), Self.scenario("d", .interrupted)],
            interrupted: true)
        let summary = ConsoleReporter(verbose: false).summaryText(run, reports: [])
        #expect(summary.contains("\n1 passed, 1 failed, 2 not run (interrupted) in 6.47s (run g1 against http://h)\n"), "\(summary)")
    }

    @Test("A run that reached no deployment says so under its counts, with the scenarios it did not run")
    func anUnreachedRunSaysSo() {
        let refused = StepResult(name: "create", location: Self.location, attempts: 1, error: "connection refused", errorKind: "connect_failed")
        let run = Self.run([Self.scenario("tried", .errored, steps: [refused]), Self.scenario("never 1", .errored), Self.scenario("never 2", .errored)])
        let summary = ConsoleReporter(verbose: false).summaryText(run, reports: [])
        #expect(summary.contains(
            "0 passed, 0 failed, 3 errored in 6.47s (run g1 against http://h)\n"
                + "NOT REACHED: no request was answered, the deployment was not reached (exit 3); 2 of 3 scenarios were not run (counted as errored)\n"),
            "\(summary)")
    }
}
