public import GauntletScenario
import GauntletJSON

/// The one line a run adds after its summary when checks failed only because the deployment
/// rejects invalid input with 422 (FastAPI and pydantic's default) where the contract's seed
/// says 400: the run's failures then point at the flag that accepts it knowingly, rather than
/// leaving the user to read the same difference off every failure.
public enum ValidationStatusHint {
    /// The variable that widens the contract's "rejected as invalid" (`[400, "{{validation_status}}"]`).
    public static let variable = "validation_status"

    /// `33 checks got 422 where 400 was expected (FastAPI/pydantic's validation status):
    /// --var validation_status=422 accepts it`; nil when no failed `status` check expected 400
    /// (alone or among others) and got 422, or when `givenVariables` (the run's `--var`,
    /// `--secret` and `--variables-file` names) already set `validation_status`.
    public static func text(for run: RunResult, givenVariables: Set<String>) -> String? {
        guard !givenVariables.contains(variable) else { return nil }
        let count = run.scenarios.reduce(0) { count, scenario in
            count + (scenario.steps + scenario.teardown).reduce(0) { $0 + $1.assertions.filter(isMismatch).count }
        }
        guard count > 0 else { return nil }
        return "\(count) check\(count == 1 ? "" : "s") got 422 where 400 was expected (FastAPI/pydantic's validation status): "
            + "--var \(variable)=422 accepts it"
    }

    /// Whether `check` is a failed `status` check that expected 400 (alone or among others) and got 422.
    static func isMismatch(_ check: AssertionResult) -> Bool {
        guard !check.passed, check.subject == "status", check.actualValue == .integer(422), let expected = check.expectedValue else {
            return false
        }
        if case .array(let alternatives) = expected { return alternatives.contains(where: is400) }
        return is400(expected)
    }

    /// Whether an expected status is 400, as a number or as text (a rendered `"{{name}}"`).
    static func is400(_ status: JSONValue) -> Bool {
        switch status {
        case .integer(let code): code == 400
        case .string(let text): text == "400"
        default: false
        }
    }
}
