import Logging
import GauntletJSON
import GauntletAPI
import GauntletHTTP
import Testing

@testable import GauntletScenario

/// The shipped contract suite against the reference API: it passes against a correct one,
/// and each deliberately broken variant is caught by the scenario that should catch it.
@Suite(.timeLimit(.minutes(3))) struct ContractSuiteTests {
    @Test("The whole suite passes against events-api", arguments: ["", "/prod"])
    func passesAgainstReference(basePath: String) async throws {
        let run = try await ContractRuns.shared.result(defects: [], basePath: basePath)
        let failures = run.scenarios.filter { $0.outcome != .passed }
        #expect(failures.map(\.name) == [], "\(failures.map(GauntletScenarioTestsSummary.of))")
        #expect(run.scenarios.count >= 70)
    }

    /// DynamoDB's default reads are eventually consistent: a deployment on them is correct, and
    /// a check that reads back what it just wrote waits for it rather than failing.
    @Test("The whole suite passes against events-api whose reads lag its writes by 300 ms, and leaves nothing")
    func passesWithLaggingReads() async throws {
        let run = try await ContractRuns.shared.result(defects: [], readLag: .milliseconds(300))
        let failures = run.scenarios.filter { $0.outcome != .passed }
        #expect(failures.map(\.name) == [], "\(failures.map(GauntletScenarioTestsSummary.of))")
        #expect(run.leftBehind.isEmpty && run.unverified.isEmpty)
    }

    @Test("Each broken variant is caught by the scenario that checks that rule", arguments: ContractRuns.expectedCatches)
    func defectIsCaught(defect: ContractDefect, scenarios: [String]) async throws {
        let run = try await ContractRuns.shared.result(defects: [defect], basePath: defect.basePathThatShowsIt)
        let failed = Set(run.scenarios.filter { $0.outcome == .failed }.map(\.name))
        for name in scenarios {
            #expect(failed.contains(name), "\(defect.rawValue) should fail '\(name)'; failed: \(failed.sorted())")
        }
    }

    @Test("A broken variant fails the checks of the rules it breaks, not those of rules it keeps", arguments: ContractRuns.expectedPasses)
    func defectFailsOnlyItsOwnChecks(defect: ContractDefect, scenarios: [String]) async throws {
        let run = try await ContractRuns.shared.result(defects: [defect], basePath: defect.basePathThatShowsIt)
        let failed = Set(run.scenarios.filter { $0.outcome == .failed }.map(\.name))
        let names = Set(run.scenarios.map(\.name))
        for name in scenarios {
            #expect(names.contains(name), "no check is named '\(name)'")
            #expect(!failed.contains(name), "\(defect.rawValue) should not fail '\(name)'")
        }
    }

    @Test("A create that answers the seed README's example id costs another team's event-123 nothing; the run's own events are deleted")
    func anAnsweredForeignIdIsNotDeleted() async throws {
        let (run, remaining) = try await ContractRuns.shared.remainingEvents(defects: [.answersExampleID], othersItems: ["event-123"])
        #expect(remaining == ["event-123"])
        #expect(run.leftBehind.isEmpty, "\(run.leftBehind.map(\.label))")
        let failed = run.scenarios.filter { $0.outcome == .failed }.map(\.name)
        #expect(failed == ["POST /events answers 201 with the eventId and a message"])
    }

    @Test("Every check in the suite fails (not only skips) against some broken variant")
    func everyCheckCanFail() async throws {
        let names = Set(try await ContractRuns.shared.result(defects: []).scenarios.map(\.name))
        var caught: Set<String> = []
        for defect in ContractDefect.allCases {
            let run = try await ContractRuns.shared.result(defects: [defect], basePath: defect.basePathThatShowsIt)
            caught.formUnion(run.scenarios.filter { $0.outcome == .failed }.map(\.name))
        }
        #expect(names.subtracting(caught).sorted() == [], "checks no defect makes fail")
    }

    @Test("The seed-tagged checks alone can run, and 422 can be accepted knowingly")
    func seedTagWithValidationStatusVariable() async throws {
        let strictRun = try await ContractRuns.shared.result(defects: [.validation422], tags: ["seed"])
        #expect(strictRun.scenarios.contains { $0.outcome == .failed })
        #expect(strictRun.scenarios.allSatisfy { $0.tags.contains("seed") })
        let accepting = try await ContractRuns.shared.result(
            defects: [.validation422], tags: ["seed"], variables: ["validation_status": 422])
        let failures = accepting.scenarios.filter { $0.outcome != .passed }.map(\.name)
        #expect(failures == [])
    }

    @Test(
        "Nothing is left behind in the table after a run, even against a broken API",
        arguments: [[], [ContractDefect.generatedIds], [.ownIds], [.longValuesAccepted], [.blankStringsAccepted]] as [Set<ContractDefect>])
    func leavesNothingBehind(defects: Set<ContractDefect>) async throws {
        let (run, remaining) = try await ContractRuns.shared.remainingEvents(defects: defects)
        #expect(remaining == [], "left behind with \(defects.map(\.rawValue))")
        #expect(run.leftBehind.isEmpty, "reported as left behind: \(run.leftBehind)")
        // Nor does a check it made fail to vouch (the slash probe's control, whatever id it has).
        #expect(run.unverified.isEmpty, "reported as not verified: \(run.unverified)")
    }

    @Test("A list that shows only its first page never vouches that a stored probe is gone: every probe that stays is named")
    func aListThatMissesEventsVouchesForNothing() async throws {
        // Probes are stored (long values accepted) and never deleted (DELETE keeps them), and
        // other teams' events fill the list's one page, so no list shows the run's events.
        let configuration = APIConfiguration(port: 0, logLevel: .error, defects: [.listFirstPage, .longValuesAccepted, .deleteNoOp])
        let run = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            for index in 0..<ContractDefect.firstPageSize {
                _ = try await CurlClient.shared.execute(RequestSpec(
                    method: "POST", url: baseURL + "/events", headers: [HTTPHeader("Content-Type", "application/json")],
                    body: Array(#"{"eventId": "a-team-\#(index)", "title": "T", "description": "D", "date": "2030-01-01", "location": "L", "capacity": 1, "organizer": "O", "status": "active"}"#.utf8)))
            }
            return try await ContractRuns.runSuite(baseURL: baseURL, tags: [], variables: [:])
        }
        let named = (run.leftBehind + run.unverified).map(\.label)
        for probe in ["a 129-character eventId", "a space in the eventId", "a slash in the eventId"] {
            let scenario = try #require(run.scenarios.first { $0.name == "POST with \(probe) is rejected" })
            let id = try #require(scenario.steps.first?.request.flatMap { try? GauntletJSON.JSONValue(parsing: Array(($0.body ?? "").utf8)) }?["eventId"]?.stringValue)
            #expect(named.contains { $0.hasPrefix("event \(id)") }, "\(probe): \(id) stays in the table and is named nowhere: \(named)")
        }
    }

    @Test("Against a deployment that keys events by ids of its own and never deletes, every event it holds is named")
    func namesWhatItStoredUnderItsOwnIds() async throws {
        let (run, remaining) = try await ContractRuns.shared.remainingEvents(defects: [.ownIds, .deleteNoOp])
        #expect(remaining.count > 50)
        #expect(Set(run.leftBehind.map(\.label)) == Set(remaining.map { "event \($0)" }))
    }

    @Test("What a deployment stored and cannot delete is named as left behind")
    func namesWhatItCannotDelete() async throws {
        // This variant stores a POST without eventId under the id "": no path reaches it. The
        // first scenario to post such a body stores it (the others get a 409) and reports it.
        let (run, remaining) = try await ContractRuns.shared.remainingEvents(defects: [.missingFieldsAccepted])
        #expect(remaining == [""])
        #expect(run.leftBehind.map(\.label) == ["event "])
        let posters: Set = [
            "POST without eventId is rejected", "a request with Origin gets Access-Control-Allow-Origin on errors",
            "every response carries Access-Control-Allow-Origin *, with or without Origin",
        ]
        #expect(run.leftBehind.allSatisfy { posters.contains($0.scenario) }, "\(run.leftBehind)")
    }
}

enum GauntletScenarioTestsSummary {
    static func of(_ result: ScenarioResult) -> String {
        guard let step = result.failingStep else { return result.outcome.rawValue }
        if let error = step.error { return error }
        return step.assertions.filter { !$0.passed }.map(\.summary).joined(separator: "; ")
    }
}
