public import GauntletScenario

/// One row of a run's "failed checks": a check that did not hold, a request that could not be
/// made, or a scenario that ended otherwise (interrupted, something left behind), with the
/// anchor of the step in `report.html`. `summary.md` and `report.html` both list these.
public struct RunFailure: Sendable, Equatable {
    /// The scenario file's suite name.
    public var suite: String
    /// The scenario's name.
    public var scenario: String
    /// The step's name; `teardown` or empty when no step was to blame.
    public var step: String
    /// What was checked (`status`, `header Content-Type`), or `request` for an error.
    public var subject: String
    /// What was expected.
    public var expected: String
    /// What came back, or the error.
    public var actual: String
    /// The `id` in `report.html` to link to.
    public var anchor: String

    /// Every failure of `run`, in run order.
    public static func list(_ run: RunResult, anchors: RunReportAnchors) -> [RunFailure] {
        var rows: [RunFailure] = []
        for (suiteIndex, suite) in run.suites.enumerated() {
            for (scenarioIndex, scenario) in suite.scenarios.enumerated() where scenario.outcome != .passed && scenario.outcome != .skipped {
                func row(_ step: String, _ subject: String, _ expected: String, _ actual: String, _ anchor: String) -> RunFailure {
                    RunFailure(suite: suite.name, scenario: scenario.name, step: step, subject: subject, expected: expected, actual: actual, anchor: anchor)
                }
                let scenarioAnchor = anchors.scenario(suite: suiteIndex, scenario: scenarioIndex)
                guard let stepIndex = scenario.steps.firstIndex(where: { !$0.passed }) else {
                    let reason = scenario.reason ?? (scenario.outcome == .interrupted ? "interrupted before it finished" : scenario.outcome.rawValue)
                    let cleanedUp = scenario.leftBehind.isEmpty && scenario.unverified.isEmpty
                    let expected = cleanedUp ? "to run to the end" : "nothing left behind"
                    rows.append(row(cleanedUp ? "" : "teardown", "scenario", expected, reason, scenarioAnchor))
                    continue
                }
                let step = scenario.steps[stepIndex]
                let anchor = anchors.step(suite: suiteIndex, scenario: scenarioIndex, step: stepIndex)
                if let error = step.error {
                    rows.append(row(step.name, "request", "an answer", error, anchor))
                }
                for assertion in step.preconditions + step.assertions where !assertion.passed {
                    rows.append(row(step.name, assertion.subject, assertion.expected, assertion.actual, anchor))
                }
                if step.error == nil, (step.preconditions + step.assertions).allSatisfy(\.passed) {
                    rows.append(row(step.name, "step", "to pass", scenario.verdictLine, anchor))
                }
            }
        }
        return rows
    }
}
