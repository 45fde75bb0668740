import Foundation
import Testing

@testable import GauntletCLI
@testable import GauntletFuzz

/// The fuzz run's console summary.
struct FuzzConsoleTests {
    static func result(tallied: [FuzzCheck], ending: FuzzResult.Ending = .completed) -> FuzzResult {
        var result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:9", seed: 1, runID: "f1", startedAt: Date())
        for check in tallied { result.tallies[check] = ["GET /events": .init()] }
        result.ending = ending
        return result
    }

    @Test("A selected check the document gave nothing to apply to is named as not applied, not left out as if it passed")
    func checksNotAppliedAreNamed() {
        let selected: Set<FuzzCheck> = [.notAServerError, .filterMatchesItems, .useAfterFree]
        let lines = FuzzConsole.notApplied(selected, in: Self.result(tallied: [.notAServerError]))
        #expect(lines == [
            "  – use_after_free                 not applied: nothing in the document for it, or the requests it needs never succeeded",
            "  – filter_matches_items           not applied: nothing in the document for it, or the requests it needs never succeeded",
        ])
        #expect(FuzzConsole.notApplied(selected, in: Self.result(tallied: [.notAServerError], ending: .interrupted)).isEmpty,
                "a run that stopped early may have had them later")
    }
}
