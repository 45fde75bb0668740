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
        let binary = try #require(GauntletProcess.binary, "build with 'swift build --build-tests' first")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/load.yaml"
        try ShardedLoadTests.loadFile.replacingOccurrences(of: "iterations: 200", with: "iterations: 20")
            .write(toFile: file, atomically: true, encoding: .utf8)
        // Each baseline folder, the flags of the load judged against it, and what the refusal says
        // (nil: accepted).
        let cases: [(folder: String, flags: [String], refusal: String?)] = [
            ("other-plan", [], "a load of 'read-only', and this one loads 'sharded': a baseline is an earlier run of the same plan"),
            ("killed", [], "that load never finished (killed before it wrote its results)"),
            ("not-started", [], "that load did not start (setup failed)"),
            ("part", [], "that result holds shard(s) 0/2 only: a part of a load is not the load (merge every shard first)"),
            ("baseline", [], nil),
            ("baseline", ["--vus", "2"], "that load ran closed, 4 VUs, and this one runs closed, 2 VUs"),
        ]
        let runs = try await ShardedLoadTests.withKnownLatencyServer { url in
            let baseline = try await GauntletProcess.run(binary, arguments: ["load", file, "--base-url", url, "--report-dir", root + "/baseline"])
            #expect(baseline.status == ExitStatus.passed, "\(baseline.console)")
            let json = try String(contentsOfFile: root + "/baseline/load-result.json", encoding: .utf8)
            let planName = try #require(json.firstMatch(of: /"planName":"([^"]*)"/)?.1)
            for (folder, edited) in [
                ("other-plan", json.replacingOccurrences(of: #""planName":"\#(planName)""#, with: #""planName":"read-only""#)),
                ("killed", json.replacingOccurrences(of: #""planName":"#, with: #""unfinished":true,"planName":"#)),
                ("not-started", json.replacingOccurrences(of: #""planName":"#, with: #""notStarted":"setup failed","planName":"#)),
                ("part", json.replacingOccurrences(of: #""shards":[{"count":1,"index":0}]"#, with: #""shards":[{"count":2,"index":0}]"#)),
            ] {
                #expect(edited != json, "\(folder): the edit applies")
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
                try edited.write(toFile: root + "/\(folder)/load-result.json", atomically: true, encoding: .utf8)
            }
            var runs: [(status: Int32, console: String)] = []
            for (index, run) in cases.enumerated() {
                runs.append(try await GauntletProcess.run(binary, arguments: [
                    "load", file, "--base-url", url, "--report-dir", root + "/run-\(index)", "--baseline", root + "/" + run.folder,
                ] + run.flags))
            }
            return runs
        }
        for (index, (run, expected)) in zip(runs, cases).enumerated() {
            if let refusal = expected.refusal {
                #expect(run.status == ExitStatus.invalidInput, "\(expected.folder) \(expected.flags)")
                #expect(run.console.contains("error: --baseline \(root)/\(expected.folder): \(refusal)"), "\(run.console)")
                #expect(!FileManager.default.fileExists(atPath: root + "/run-\(index)/load-result.json"), "refused before the load")
            } else {
                #expect(run.status == ExitStatus.passed, "\(run.console)")
            }
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
