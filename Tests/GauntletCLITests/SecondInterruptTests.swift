import Foundation
import GauntletAPI
import Testing

@testable import GauntletCLI

/// A second Ctrl-C cuts the first one's cleanup short: it says so before the prompt comes back.
@Suite(.timeLimit(.minutes(2))) struct SecondInterruptTests {
    @Test("A second signal during the cleanup says what it may leave, then exits 130")
    func aSecondSignalSaysWhatItMayLeave() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("sigint-second-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        // Every answer takes a second, so that the cleanup is still at work when the second signal comes.
        var configuration = APIConfiguration.testing
        configuration.lambda = LambdaEmulation(coldStart: .fixed(.milliseconds(1)), warmTime: .fixed(.seconds(1)))
        let (status, errors) = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            try await GauntletProcess.runSignalled(binary, arguments: [
                "load", ContractPaths.root + "/Scenarios/load/read-heavy.yaml", "--base-url", baseURL, "--vus", "2", "--duration", "60s",
                "--report-dir", reports,
            ], signalsAfter: .milliseconds(1_500), signals: [SIGINT, SIGINT], gap: .milliseconds(600))
        }
        #expect(status == ExitStatus.interrupted)
        #expect(errors.contains("interrupted: cleaning up and writing reports"), "\(errors)")
        #expect(
            errors.hasSuffix(
                "\nquitting now: reports may still say the run did not finish, and teardown may not have run (what was created may be left behind)\n"),
            "\(errors)")
    }

    @Test("Within a session: the first signal cancels, the same one again at once is ignored, a later one quits")
    func signalsOfASession() {
        let handler = InterruptHandler {}
        defer { handler.cancel() }
        guard case .cancel = InterruptSignals.action(at: 1_000) else { Issue.record("the first signal does not cancel"); return }
        guard case .ignore = InterruptSignals.action(at: 1_000 + 1) else { Issue.record("a signal at once is not ignored"); return }
        guard case .quit = InterruptSignals.action(at: 1_000 + InterruptSignals.sameSignalWindowNanos) else {
            Issue.record("a second Ctrl-C does not quit with its line")
            return
        }
    }
}
