import ArgumentParser
import Foundation
import GauntletAPI
import GauntletLoad
import GauntletScenario
import Testing

@testable import GauntletCLI

@Suite(.timeLimit(.minutes(2))) struct LoadCommandTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-load-\(UUID().uuidString)").path
    var selftestLoad: String { ContractPaths.root + "/Scenarios/load/selftest.yaml" }

    @Test("Bad load command lines exit 2", arguments: [
        ["load", "x.yaml", "--vus", "2", "--rate", "5"],
        ["load", "x.yaml", "--vus", "0"],
        ["load", "x.yaml", "--rate", "-1"],
        ["load", "x.yaml", "--cold-start-method", "guess"],
        ["load"],
    ])
    func badCommandLine(_ arguments: [String]) async {
        #expect(await Gauntlet.run(arguments: arguments) == ExitStatus.invalidInput)
    }

    @Test("Help names the JUnit file a load writes, and offers no --json a load would ignore")
    func helpNamesLoadJUnit() {
        let help = Gauntlet.helpMessage(for: LoadCommand.self)
        #expect(help.contains("load-junit.xml"))
        #expect(!help.contains("--json"))
    }

    @Test("gauntlet run on a load file exits 2 and says to load it")
    func runOnALoadFileExits2() async throws {
        let status = await Gauntlet.run(arguments: ["run", selftestLoad, "--base-url", "http://127.0.0.1:1", "--report-dir", reportDirectory])
        #expect(status == ExitStatus.invalidInput)
        let diagnostics = try #require(throws: ScenarioLoadError.self) { try ScenarioLoader.load(paths: [selftestLoad]) }
        #expect(diagnostics.description.contains("'load:' makes this a load file: run it with 'gauntlet load'"))
    }

    @Test("--var gives a load's templates a value, as in gauntlet run; without it the name is unknown (exit 2)")
    func variablesFromTheCommandLine() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("var-load-\(UUID().uuidString).yaml")
        try """
            scenarios:
              - name: missing
                steps:
                  - { name: get-missing, request: { path: "/events/{{missing_id}}" }, expect: { status: 404 } }
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (without, with) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let common = ["load", file.path, "--base-url", baseURL, "--iterations", "3", "--report-dir", reportDirectory]
            return (await Gauntlet.run(arguments: common), await Gauntlet.run(arguments: common + ["--var", "missing_id=nope-1"]))
        }
        #expect(without == ExitStatus.invalidInput)
        #expect(with == ExitStatus.passed)
    }

    @Test func malformedLoadFileExits2() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-load-\(UUID().uuidString).yaml")
        try "load: { rate: 5, duraton: 1s }\nscenarios: []\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let status = await Gauntlet.run(arguments: ["load", file.path, "--base-url", "http://127.0.0.1:1", "--report-dir", reportDirectory])
        #expect(status == ExitStatus.invalidInput)
    }

    @Test func thresholdsGateTheExitStatusAndBecomeJUnitTestCases() async throws {
        let (passing, failing) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let common = ["load", selftestLoad, "--base-url", baseURL, "--rate", "40", "--duration", "1s", "--report-dir", reportDirectory]
            let passing = await Gauntlet.run(arguments: common + ["--threshold", "errors<1%"])
            let failing = await Gauntlet.run(arguments: common + ["--threshold", "rate>=100000"])
            return (passing, failing)
        }
        #expect(passing == ExitStatus.passed)
        #expect(failing == ExitStatus.checkFailed)
        let junit = try String(contentsOfFile: reportDirectory + "/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="rate&gt;=100000""#))
        #expect(junit.contains(#"<failure type="threshold""#))
        for report in ["latency.json", "latency.html", "summary.md", "latency-total.hgrm"] {
            #expect(FileManager.default.fileExists(atPath: reportDirectory + "/" + report), "\(report)")
        }
    }

    /// Runs a burst of 5 from idle and 2 users for half a second against a fresh API emulating
    /// Lambda, with `flags`, and returns the `coldStarts` object of `latency.json`.
    func coldStartReport(_ flags: [String]) async throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cold-\(UUID().uuidString).yaml")
        try "load:\n  phases:\n    - burst: 5\n    - vus: 2\n      duration: 500ms\nscenarios:\n  - name: health\n    steps: [{ name: health, request: { path: /health } }]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var configuration = APIConfiguration.testing
        configuration.lambda = .compressedTime
        let status = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            await Gauntlet.run(arguments: ["load", file.path, "--base-url", baseURL, "--report-dir", reportDirectory] + flags)
        }
        #expect(status == ExitStatus.passed)
        let data = try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/latency.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(json["coldStarts"] as? [String: Any], "no coldStarts in latency.json")
    }

    @Test func coldStartFlagsChooseHowColdStartsAreTold() async throws {
        let byHeader = try await coldStartReport(["--cold-starts", "--threshold", "cold.count>=5"])
        #expect(byHeader["method"] as? String == "header")
        #expect((byHeader["counts"] as? [String: Any])?["cold"] as? Int == 5)
        let statistical = try await coldStartReport(["--cold-start-method", "statistical"])
        #expect(statistical["method"] as? String == "statistical")
        // Latency alone: a host stall as long as a cold start could add or hide one.
        #expect((4...6).contains((statistical["counts"] as? [String: Any])?["cold"] as? Int ?? 0))
        // A header the deployment does not send: the automatic method falls back to statistics.
        let missingHeader = try await coldStartReport(["--cold-start-header", "X-Not-Sent"])
        #expect(missingHeader["method"] as? String == "statistical")
        #expect(missingHeader["header"] as? String == "X-Not-Sent")
    }
}

/// `--cold-start-log` through the command line: a load against the Lambda emulation keeps each
/// response's `X-Lambda-Request-Id`, the test writes the function's REPORT lines for those ids,
/// and `gauntlet merge DIR --cold-start-log FILE` labels the requests from them.
@Suite(.timeLimit(.minutes(2))) struct ColdStartLogCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-cwlogs-\(UUID().uuidString)").path

    @Test("load keeps the request ids, merge --cold-start-log labels from the log; a missing log exits 2 after the reports")
    func labelsFromTheLog() async throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/cold.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "load:\n  phases:\n    - burst: 4\n    - vus: 1\n      duration: 300ms\nscenarios:\n  - name: health\n    steps: [{ name: health, request: { path: /health } }]\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        var configuration = APIConfiguration.testing
        configuration.lambda = .compressedTime
        let (status, missingLog) = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let status = await Gauntlet.run(arguments: [
                "load", file, "--base-url", baseURL, "--report-dir", directory + "/load", "--cold-starts",
                "--cold-start-request-id-header", "X-Lambda-Request-Id",
            ])
            let missing = await Gauntlet.run(arguments: [
                "load", file, "--base-url", baseURL, "--report-dir", directory + "/missing", "--cold-start-log", directory + "/none.log",
            ])
            return (status, missing)
        }
        #expect(status == ExitStatus.passed)
        #expect(missingLog == ExitStatus.invalidInput)
        #expect(FileManager.default.fileExists(atPath: directory + "/missing/latency.json"))

        // The function's log, as the platform would write it: cold where X-Cold-Start said so,
        // except one request the log calls warm, so that the header's precision is below 1.
        let result = try LoadResultFile.read(contentsOf: directory + "/load/load-result.json").result()
        let samples = try #require(result.coldStartInput?.samples)
        #expect(samples.allSatisfy { $0.requestID != nil })
        let cold = samples.filter { $0.coldStartHeader == "true" }
        try #require(cold.count >= 2)
        let lines = samples.map { sample in
            let isCold = sample.coldStartHeader == "true" && sample.requestID != cold.last?.requestID
            return "REPORT RequestId: \(sample.requestID ?? "")\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB"
                + (isCold ? "\tInit Duration: 250.00 ms" : "")
        }
        try (["START RequestId: x Version: $LATEST"] + lines).joined(separator: "\n").write(toFile: directory + "/report.log", atomically: true, encoding: .utf8)
        let merged = await Gauntlet.run(arguments: [
            "merge", directory + "/load", "--cold-start-log", directory + "/report.log", "--report-dir", directory + "/labelled",
        ])
        #expect(merged == ExitStatus.passed)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/labelled/latency.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let coldStarts = try #require(json["coldStarts"] as? [String: Any])
        #expect(coldStarts["method"] as? String == "log")
        #expect((coldStarts["counts"] as? [String: Any])?["cold"] as? Int == cold.count - 1)
        let log = try #require(coldStarts["log"] as? [String: Any])
        #expect(log["byRequestID"] as? Int == samples.count)
        #expect(log["clientMethod"] as? String == "header")
        let agreement = try #require(log["agreement"] as? [String: Any])
        #expect(agreement["recall"] as? Double == 1)
        #expect(agreement["falsePositives"] as? Int == 1)
        let summary = try String(contentsOfFile: directory + "/labelled/summary.md", encoding: .utf8)
        #expect(summary.contains("Header X-Cold-Start vs the Lambda log"))
        let html = try String(contentsOfFile: directory + "/labelled/latency.html", encoding: .utf8)
        #expect(html.contains("vs the Lambda log"))
    }
}
