import Foundation
import GauntletLoad
import Testing

@testable import GauntletCLI

/// `--baseline` and `--max-regression` from the command line: a load against a server made
/// 15 ms slower fails its p50 gate (exit 1) and every report shows both runs; the same server
/// passes; bad gates are input errors before any request.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BaselineGateTests {
    @Test("A slower server fails p50:+50% against the baseline; the same server passes; reports show both")
    func regressionGate() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/load.yaml"
        try ShardedLoadTests.loadFile.replacingOccurrences(of: "iterations: 200", with: "iterations: 150")
            .write(toFile: file, atomically: true, encoding: .utf8)
        @Sendable func load(_ baseURL: String, _ directory: String, _ extra: [String] = []) async -> Int32 {
            await Gauntlet.run(arguments: ["load", file, "--base-url", baseURL, "--report-dir", root + "/" + directory] + extra)
        }
        let gate = ["--baseline", root + "/baseline", "--max-regression", "p50:+50%", "--max-regression", "work:p90:+50%"]
        let (baseline, same) = try await ShardedLoadTests.withKnownLatencyServer { url in
            (await load(url, "baseline"), await load(url, "same", gate))
        }
        let slower = try await ShardedLoadTests.withKnownLatencyServer(extra: 15) { url in await load(url, "slower", gate) }
        #expect(baseline == ExitStatus.passed)
        #expect(same == ExitStatus.passed)
        #expect(slower == ExitStatus.checkFailed)
        let junit = try String(contentsOfFile: root + "/slower/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="p50:+50% vs baseline""#))
        #expect(junit.contains("do not overlap: a regression"))
        let summary = try String(contentsOfFile: root + "/slower/summary.md", encoding: .utf8)
        #expect(summary.contains("### Compared with baseline"))
        #expect(summary.contains("| work | p50 |"))
        let json = try String(contentsOfFile: root + "/slower/latency.json", encoding: .utf8)
        #expect(json.contains(#""baseline" : {"#))
        let html = try String(contentsOfFile: root + "/slower/latency.html", encoding: .utf8)
        #expect(html.contains("<h2>Compared with baseline</h2>"))
        #expect(html.contains("baseline total"))
    }

    @Test("A baseline of another plan, or one killed before it measured anything, is refused before any request")
    func baselineMustBeAnEarlierRunOfThePlan() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/load.yaml"
        try ShardedLoadTests.loadFile.replacingOccurrences(of: "iterations: 200", with: "iterations: 20")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let statuses = try await ShardedLoadTests.withKnownLatencyServer { url in
            let baseline = await Gauntlet.run(arguments: ["load", file, "--base-url", url, "--report-dir", root + "/baseline"])
            let json = try String(contentsOfFile: root + "/baseline/load-result.json", encoding: .utf8)
            let planName = try #require(json.firstMatch(of: /"planName":"([^"]*)"/)?.1)
            for (folder, edited) in [
                ("other-plan", json.replacingOccurrences(of: #""planName":"\#(planName)""#, with: #""planName":"read-only""#)),
                ("killed", json.replacingOccurrences(of: #""planName":"#, with: #""unfinished":true,"planName":"#)),
                ("not-started", json.replacingOccurrences(of: #""planName":"#, with: #""notStarted":"setup failed","planName":"#)),
            ] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                try edited.write(toFile: root + "/\(folder)/load-result.json", atomically: true, encoding: .utf8)
            }
            var statuses = [baseline]
            // The last: the plan's own earlier run, under another model (2 VUs where it ran 4).
            for (folder, flags) in [("other-plan", []), ("killed", []), ("not-started", []), ("baseline", []), ("baseline", ["--vus", "2"])] {
                statuses.append(await Gauntlet.run(arguments: [
                    "load", file, "--base-url", url, "--report-dir", root + "/run-\(folder)\(flags.count)", "--baseline", root + "/" + folder,
                ] + flags))
            }
            return statuses
        }
        #expect(statuses == [
            ExitStatus.passed, ExitStatus.invalidInput, ExitStatus.invalidInput, ExitStatus.invalidInput, ExitStatus.passed, ExitStatus.invalidInput,
        ])
        for folder in ["other-plan0", "killed0", "not-started0", "baseline2"] {
            #expect(!FileManager.default.fileExists(atPath: root + "/run-\(folder)/load-result.json"))
        }
    }

    @Test("Bad gates exit 2 before any request", arguments: [
        ["--max-regression", "p99:+10%"],
        ["--baseline", "/nonexistent/folder"],
        ["--baseline", "/nonexistent/folder", "--max-regression", "p99:10%"],
    ])
    func badGates(_ flags: [String]) async {
        let status = await Gauntlet.run(arguments: ["load", ContractPaths.root + "/Scenarios/load/selftest.yaml", "--base-url", "http://127.0.0.1:1"] + flags)
        #expect(status == ExitStatus.invalidInput)
    }
}
