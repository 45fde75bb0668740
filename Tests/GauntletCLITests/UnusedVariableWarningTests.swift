import Foundation
import Testing

@testable import GauntletCLI

/// A `--var` or `--secret` whose name no selected scenario reads is said before the run: a
/// misspelt name otherwise changes nothing, silently.
@Suite(.timeLimit(.minutes(2))) struct UnusedVariableWarningTests {
    @Test("A --var or --secret no selected scenario reads is warned about, with the name it may have meant; the run goes on")
    func anUnreadVariableIsWarnedAbout() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "run", ContractPaths.suite + "/validation.yaml", "--base-url", "http://127.0.0.1:1", "--dry-run",
            "--var", "validation_statu=422", "--var", "validation_status=422", "--secret", "unread=abcdef",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("warning: --var validation_statu is not used by any selected scenario (did you mean 'validation_status'?)\n"), "\(console)")
        #expect(console.contains("warning: --secret unread is not used by any selected scenario\n"), "\(console)")
        #expect(!console.contains("--var validation_status is not used"), "\(console)")
    }

    @Test("A load warns about a --var no template of its selected scenarios or its load block reads, as a run does")
    func aLoadWarnsToo() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "load", ContractPaths.root + "/Scenarios/load/read-heavy.yaml", "--base-url", "http://127.0.0.1:1", "--dry-run",
            "--var", "sed={}", "--var", "seed={\"eventId\": \"x\"}",
        ])
        #expect(status == ExitStatus.passed, "\(console)")
        #expect(console.contains("warning: --var sed is not used by any selected scenario (did you mean 'seed'?)\n"), "\(console)")
        #expect(!console.contains("--var seed is not used"), "\(console)")
    }
}
