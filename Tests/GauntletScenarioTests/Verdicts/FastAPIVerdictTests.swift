import GauntletAPI
import GauntletJSON
import Testing

@testable import GauntletScenario

/// The suite judged against a deployment we did not write: `events-api --profile fastapi`, a
/// seed-conformant FastAPI + pydantic + DynamoDB service. A correct check passes where the
/// deployment keeps its rule and fails, naming that rule, exactly where it breaks it.
@Suite(.timeLimit(.minutes(3))) struct FastAPIVerdictTests {
    @Test("The seed's letter, with FastAPI's 422 accepted knowingly, fails only on the date's digits")
    func seedWithValidationStatus() async throws {
        let run = try await ContractRuns.shared.result(
            defects: [], profile: .fastapi, tags: ["seed"], variables: ["validation_status": 422])
        #expect(run.scenarios.count >= 50)
        #expect(Self.notPassed(run) == Dictionary(uniqueKeysWithValues: Self.seedRulesBroken.map { ($0, .failed) }))
        for name in Self.seedRulesBroken {
            let failure = run.scenarios.first { $0.name == name }.map(Self.firstFailure) ?? ""
            #expect(failure.contains("got 20"), "\(name): stored (201 or 200), not refused: \(failure)")
        }
    }

    @Test("The seed's letter fails on exactly the validation checks (FastAPI answers 422, the seed promises 400) and the date's digits")
    func seedAlone() async throws {
        let run = try await ContractRuns.shared.result(defects: [], profile: .fastapi, tags: ["seed"])
        #expect(Self.notPassed(run) == Dictionary(uniqueKeysWithValues: (Self.seedValidationChecks + Self.seedRulesBroken).map { ($0, .failed) }))
        for scenario in run.scenarios where scenario.outcome == .failed && !Self.seedRulesBroken.contains(scenario.name) {
            let failure = Self.firstFailure(scenario)
            #expect(failure.contains("status") && failure.contains("422"), "\(scenario.name): \(failure)")
        }
    }

    @Test("The full contract fails on exactly the rules a FastAPI deployment breaks: the strict ones and the date's digits")
    func fullContract() async throws {
        let run = try await ContractRuns.shared.result(defects: [], profile: .fastapi, variables: ["validation_status": 422])
        #expect(Self.notPassed(run) == Dictionary(uniqueKeysWithValues: (Self.strictRulesBroken + Self.seedRulesBroken).map { ($0, .failed) }))
        #expect(run.scenarios.allSatisfy { $0.outcome != .failed || $0.tags.contains("strict") || Self.seedRulesBroken.contains($0.name) })
        // Starlette decodes %2F before routing: the slash probe is stored and cannot be deleted.
        #expect(run.leftBehind.map(\.scenario) == ["POST with a slash in the eventId is rejected"])
    }

    /// What did not pass, by name.
    static func notPassed(_ run: RunResult) -> [String: ScenarioResult.Outcome] {
        Dictionary(uniqueKeysWithValues: run.scenarios.filter { $0.outcome != .passed }.map { ($0.name, $0.outcome) })
    }

    static func firstFailure(_ scenario: ScenarioResult) -> String {
        guard let step = scenario.failingStep else { return scenario.reason ?? "" }
        return step.assertions.first { !$0.passed }?.summary ?? step.error ?? ""
    }

    /// Every seed check of "rejected as invalid" FastAPI refuses, with 422.
    static let seedValidationChecks = [
        "POST without eventId is rejected", "POST without title is rejected", "POST without description is rejected",
        "POST without date is rejected", "POST without location is rejected", "POST without capacity is rejected",
        "POST without organizer is rejected", "POST without status is rejected",
        "POST with title set to null is rejected", "POST with capacity set to null is rejected",
        "POST with status set to null is rejected",
        "POST with title of the wrong type (123) is rejected",
        "POST with description of the wrong type ([\"a\",\"list\"]) is rejected",
        "POST with capacity of the wrong type (many) is rejected", "POST with capacity of the wrong type ([500]) is rejected",
        "POST with status of the wrong type (1) is rejected",
        "POST with location of the wrong type ({\"city\":\"Oslo\"}) is rejected",
        "POST with date of the wrong type (1748736000) is rejected",
        "POST with date 2025/06/01 (not YYYY-MM-DD) is rejected", "POST with date 01-06-2025 (not YYYY-MM-DD) is rejected",
        "POST with date tomorrow (not YYYY-MM-DD) is rejected",
        "POST with date 2025-06-01T10:00:00 (not YYYY-MM-DD) is rejected",
        "POST with date 2025-06-01T00:00:00 (not YYYY-MM-DD) is rejected", "POST with date 1748736000 (not YYYY-MM-DD) is rejected",
        "POST with date 2025-6-1 (not YYYY-MM-DD) is rejected", "POST with date 2025-06-1 (not YYYY-MM-DD) is rejected",
        "POST with date 20250601 (not YYYY-MM-DD) is rejected",
        "POST with status postponed is rejected", "POST with status ACTIVE is rejected",
        "PUT with capacity of a bad value (many) is rejected", "PUT with date of a bad value (2025/06/01) is rejected",
        "PUT with date of a bad value (2025-6-1) is rejected", "PUT with status of a bad value (postponed) is rejected",
    ]

    /// The one seed rule a FastAPI deployment breaks: pydantic-core's `\d` takes any script's
    /// decimal digits, so its date pattern stores `٢٠٢٥-٠٦-٠١`, which no `YYYY-MM-DD` reader reads.
    static let seedRulesBroken = ["POST with a date in Arabic-Indic digits is rejected", "PUT with a date in Arabic-Indic digits is rejected"]

    /// The strict rules a typical FastAPI + pydantic + DynamoDB deployment breaks, one check each.
    static let strictRulesBroken = [
        // CORS headers only for requests with Origin, echoing it.
        "every response carries Access-Control-Allow-Origin *, with or without Origin",
        "preflight OPTIONS /events answers Access-Control-Allow-Origin *",
        "preflight OPTIONS /events/{eventId} answers Access-Control-Allow-Origin *",
        // GetItem then an unconditional PutItem: racing creates all win.
        "of 20 concurrent creates of one eventId exactly one wins",
        // No 1 MiB limit of its own (API Gateway's is 10 MiB); the body is simply not JSON: 422.
        "a body over 1 MiB is 413",
        // ?status= is not validated.
        "GET /events?status= with an unknown status is rejected as invalid",
        // pydantic's lax int: "500" and true are numbers; no gt=0.
        "POST with capacity as the string \"500\" is rejected", "POST with capacity as a boolean is rejected",
        "POST with capacity of 0 is rejected", "POST with capacity of -5 is rejected",
        // A date pattern, not a calendar.
        "POST with the impossible date 2025-02-30 is rejected", "POST with the impossible date 2025-13-01 is rejected",
        "POST with the impossible date 2023-02-29 is rejected",
        // str without min_length, max_length or an id pattern (DynamoDB refuses only an empty key).
        "POST with a blank title is rejected", "POST with a blank organizer is rejected",
        "POST with a 201-character title is rejected", "POST with a 129-character eventId is rejected",
        "POST with a space in the eventId is rejected", "POST with a slash in the eventId is rejected",
        // The update model's fields are pydantic's lax ones, without the create model's strict
        // rules (but for fractions, which a lax int refuses); a null it drops, as not given.
        "PUT with capacity as the string \"500\" is rejected, as on create", "PUT with capacity as a boolean is rejected, as on create",
        "PUT with capacity of 0 is rejected, as on create", "PUT with the impossible date 2025-02-30 is rejected, as on create",
        "PUT with a blank title is rejected, as on create", "PUT with a 201-character title is rejected, as on create",
        // The update model has no eventId: one in the body is ignored.
        "PUT with an eventId in the body that differs from the path is rejected as invalid",
    ]
}
