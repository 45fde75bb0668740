public import GauntletScenario

/// The words every report of a run heads with, the same in `summary.md`, `report.html` and on
/// the console: the verdict, and for a run that reached no deployment (exit 3) what that means.
public enum RunHeadline {
    /// `PASSED`, `FAILED`, `INTERRUPTED`, or `NOT REACHED` when no request of the run was
    /// answered: no check could run, so the run neither passed nor failed one.
    public static func verdict(_ run: RunResult) -> String {
        if run.interrupted { return "INTERRUPTED" }
        if run.notReached { return "NOT REACHED" }
        return run.succeeded ? "PASSED" : "FAILED"
    }

    /// For a run that reached no deployment: `no request was answered (exit 3); 96 of 99
    /// scenarios were not run`, naming those its errors count; nil for any other run.
    public static func notReachedText(_ run: RunResult) -> String? {
        guard run.notReached else { return nil }
        let notRun = run.notRunUnreached
        var text = "no request was answered, the deployment was not reached (exit 3)"
        if notRun > 0 {
            text += "; \(notRun) of \(run.scenarios.count) scenario\(run.scenarios.count == 1 ? "" : "s") "
                + "\(notRun == 1 ? "was" : "were") not run (counted as errored)"
        }
        return text
    }
}
