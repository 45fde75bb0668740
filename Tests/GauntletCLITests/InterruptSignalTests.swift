import Foundation
import GauntletAPI
import GauntletHTTP
import Testing

@testable import GauntletCLI

/// Ctrl-C reaches the gauntlet process whichever thread the kernel picks, and one is enough.
@Suite(.timeLimit(.minutes(2))) struct InterruptSignalTests {
    @Test("SIGINT stops a 60 s load every time: exit 130 within seconds, its seed deleted", arguments: 1...3)
    func sigintStopsALoad(attempt: Int) async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("sigint-\(UUID().uuidString)").path
        let load = ContractPaths.root + "/Scenarios/load/read-heavy.yaml"
        let began = ContinuousClock.now
        let (status, left) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["load", load, "--base-url", baseURL, "--rate", "200", "--duration", "60s", "--report-dir", reports]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                    return
                }
                Task {
                    try await Task.sleep(for: .milliseconds(1_500))
                    process.interrupt()
                }
            }
            let list = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response.bodyText
            return (status, list)
        }
        #expect(status == ExitStatus.interrupted)
        #expect(ContinuousClock.now - began < .seconds(30), "the load ran on after the signal")
        #expect(left == #"{"events":[]}"#)
    }
}
