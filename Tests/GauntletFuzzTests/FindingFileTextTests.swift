import Foundation
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletFuzz

/// A finding file is YAML that `gauntlet run` reads back, whatever bytes the deployment answered.
@Suite struct FindingFileTextTests {
    @Test("An answer of control bytes (NUL, DEL, C1, U+FFFE) is escaped in the file, which reads back")
    func controlBytesInAnAnswerKeepTheFileReadable() throws {
        let raw = "\u{0}\u{FFFD}<html>not json\u{7F}\u{85}\u{9F}\u{FFFE}\u{1B}[31m"
        let request = FuzzRequest(method: "GET", path: "/events/\u{7F}x")
        let finding = Finding(
            check: .notAServerError, operation: "GET /events/{eventId}", status: 500, message: "answered 500: \(raw)",
            input: "an id with \u{9F}", steps: [FindingStep(name: "the request \u{85}", request: request, expectations: [.status("4xx")])],
            resourceIDs: [], shrunkBy: 0)
        let result = FuzzResult(documentSource: "openapi.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "r", startedAt: Date())
        let text = FindingFile(finding, of: result).text
        #expect(!text.unicodeScalars.contains { !FindingFile.isPrintableInYAML($0) && $0 != "\n" }, "\(text)")
        let file = try ScenarioLoader.parse(yaml: text, path: "finding.yaml")
        #expect(text.contains(#"json\u007F\u0085\u009F\uFFFE\u001B[31m"#), "\(text)")
        #expect(file.scenarios.first?.steps.first?.name == "the request \u{85}")
    }
}
