import Foundation
import GauntletAPI
import Testing

@testable import GauntletCLI

/// A run whose checks failed on FastAPI's 422 where the seed says 400 names the flag that
/// accepts it, once, after its counts.
@Suite(.timeLimit(.minutes(2))) struct ValidationStatusHintRunTests {
    @Test("A run whose checks got FastAPI's 422 where 400 was expected names the flag that accepts it, on the console and in summary.md")
    func fastAPIsValidationStatusIsHinted() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("hint-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        var configuration = APIConfiguration.testing
        configuration.profile = .fastapi
        let (status, console) = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", ContractPaths.suite + "/validation.yaml", "--base-url", baseURL, "--tag", "seed", "--report-dir", reports,
            ])
        }
        #expect(status == ExitStatus.checkFailed)
        let line = try #require(console.split(separator: "\n").first { $0.contains("checks got 422 where 400 was expected") }, "\(console)")
        #expect(line.hasSuffix(" checks got 422 where 400 was expected (FastAPI/pydantic's validation status): --var validation_status=422 accepts it"))
        let summary = try String(contentsOfFile: reports + "/summary.md", encoding: .utf8)
        #expect(summary.contains("checks got 422 where 400 was expected"), "\(summary)")
    }
}
