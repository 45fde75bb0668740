import Foundation
import Testing

@testable import GauntletCLI

/// What would fail only after the work is found before the first request: a threshold on a
/// request the load does not make, and a report that cannot be written.
@Suite(.timeLimit(.minutes(1))) struct UpFrontChecksTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-upfront-\(UUID().uuidString)").path
    var selftestLoad: String { ContractPaths.root + "/Scenarios/load/selftest.yaml" }

    @Test("A threshold on a request the load does not make exits 2 before any connection")
    func unknownThresholdName() async throws {
        let server = try ConnectionCounter()
        defer { server.stop() }
        let status = await Gauntlet.run(arguments: [
            "load", selftestLoad, "--base-url", server.baseURL, "--rate", "20", "--duration", "1s",
            "--report-dir", reportDirectory, "--threshold", "nope:p99<1s",
        ])
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
    }

    @Test("An unwritable report folder exits 2 before any connection, for run and for load", arguments: ["run", "load"])
    func unwritableReports(command: String) async throws {
        // A report folder below a plain file: nobody, root included, can create it.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-file-\(UUID().uuidString)").path
        try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let server = try ConnectionCounter()
        defer { server.stop() }
        let target = command == "run" ? ContractPaths.suite + "/not-found.yaml" : selftestLoad
        var arguments = [command, target, "--base-url", server.baseURL, "--report-dir", blocker + "/reports"]
        if command == "load" { arguments += ["--rate", "20", "--duration", "1s"] }
        #expect(await Gauntlet.run(arguments: arguments) == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
    }

    @Test("The reason names the part of the path in the way, not Foundation's error domain")
    func reasonInWords() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-file-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let reason = ReportFiles.reason(folder: blocker + "/reports/deeper", CocoaError(.fileWriteUnknown))
        #expect(reason == "\(blocker) is a file, not a folder; no request was sent")
    }
}
