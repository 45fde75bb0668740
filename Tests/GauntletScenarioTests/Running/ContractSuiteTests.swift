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

    @Test("Each broken variant is caught by the scenario that checks that rule", arguments: ContractRuns.expectedCatches)
    func defectIsCaught(defect: ContractDefect, scenarios: [String]) async throws {
        let run = try await ContractRuns.shared.result(defects: [defect])
        let failed = Set(run.scenarios.filter { $0.outcome == .failed }.map(\.name))
        for name in scenarios {
            #expect(failed.contains(name), "\(defect.rawValue) should fail '\(name)'; failed: \(failed.sorted())")
        }
    }

    @Test("Every check in the suite fails (not only skips) against some broken variant")
    func everyCheckCanFail() async throws {
        let names = Set(try await ContractRuns.shared.result(defects: []).scenarios.map(\.name))
        var caught: Set<String> = []
        for defect in ContractDefect.allCases {
            let run = try await ContractRuns.shared.result(defects: [defect])
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

    @Test("Nothing is left behind in the table after a run, even against a broken API")
    func leavesNothingBehind() async throws {
        for defects in [[], [ContractDefect.missingFieldsAccepted], [.longValuesAccepted]] as [Set<ContractDefect>] {
            // An API that stores an event without an eventId gives no path to delete it by:
            // the one leftover the suite cannot clean up, and only against that broken variant.
            let remaining = try await ContractRuns.shared.remainingEvents(defects: defects).filter { !$0.isEmpty }
            #expect(remaining == [], "left behind with \(defects.map(\.rawValue))")
        }
    }
}

enum GauntletScenarioTestsSummary {
    static func of(_ result: ScenarioResult) -> String {
        guard let step = result.failingStep else { return result.outcome.rawValue }
        if let error = step.error { return error }
        return step.assertions.filter { !$0.passed }.map(\.summary).joined(separator: "; ")
    }
}
