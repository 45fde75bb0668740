import Foundation
import GauntletLoad
import GauntletReports
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GauntletCLI

/// A plan run by one process and by 4 shard processes against a loopback server whose latency
/// is known (3, 6, 9, 12 or 15 ms by iteration), then `gauntlet merge`d: counts are exact,
/// percentiles agree within the timing noise of two real runs, and the merge gates on the
/// plan's thresholds.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ShardedLoadTests {
    static let loadFile = """
        suite: sharded
        load:
          vus: 4
          iterations: 200
          thresholds: [ "p50<500ms", "errors<1%" ]
        scenarios:
          - name: work
            steps:
              - { name: work, request: { path: "/work/{{iteration}}" }, expect: { status: 200 } }
        """

    /// Runs `body` with a server answering `/work/N` after (N mod 5 + 1) × 3 ms, plus `extra` ms.
    static func withKnownLatencyServer<T: Sendable>(extra: Int = 0, _ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("work/:n") { _, context -> String in
            let n = context.parameters.get("n", as: Int.self) ?? 0
            try await Task.sleep(for: .milliseconds((n % 5 + 1) * 3 + extra))
            return "ok"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port ?? 0)") }
    }

    static func percentile(_ directory: String, _ name: String) throws -> Double {
        let result = try LoadResultFile.read(contentsOf: directory + "/load-result.json").result()
        return Double(result.total.latency.micros(atPercentile: Double(name)!)) / 1_000
    }

    @Test("4 shard processes merge to the single run: counts exact, percentiles within noise, thresholds judged once")
    func shardsMergeToTheSingleRun() async throws {
        let binary = try #require(GauntletProcess.binary, "build with 'swift build --build-tests' first")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sharded-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/sharded.yaml"
        try Self.loadFile.write(toFile: file, atomically: true, encoding: .utf8)

        let shardRuns = try await Self.withKnownLatencyServer { baseURL in
            let single = try await GauntletProcess.run(binary, arguments: ["load", file, "--base-url", baseURL, "--report-dir", root + "/single"])
            #expect(single.status == 0, "\(single.console)")
            return try await withThrowingTaskGroup(of: (Int, Int32, String).self) { group in
                for index in 0..<4 {
                    group.addTask {
                        let run = try await GauntletProcess.run(binary, arguments: [
                            "load", file, "--base-url", baseURL, "--shard", "\(index)/4", "--start-at", "+2s",
                            "--report-dir", root + "/shard-\(index)",
                        ])
                        return (index, run.status, run.console)
                    }
                }
                return try await group.reduce(into: [(Int, Int32, String)]()) { $0.append($1) }
            }
        }
        for (index, status, console) in shardRuns {
            #expect(status == 0, "shard \(index): \(console)")
            #expect(console.contains("PARTIAL: shard \(index)/4 of a sharded load: no threshold is judged until 'gauntlet merge' has every shard"), "\(console)")
        }
        let shards = (0..<4).map { root + "/shard-\($0)" }
        let merged = root + "/merged"
        #expect(await Gauntlet.run(arguments: ["merge"] + shards + ["--report-dir", merged]) == ExitStatus.passed)
        let single = try LoadResultFile.read(contentsOf: root + "/single/load-result.json").result()
        let all = try LoadResultFile.read(contentsOf: merged + "/load-result.json").result()
        #expect(all.total.count == 200 && single.total.count == 200)
        #expect(all.total.statusCounts == [200: 200])
        #expect(all.shards == (0..<4).map { LoadShard(index: $0, count: 4) })
        // The shards started together: the merged run lasted about as long as one shard.
        let shardElapsed = try shards.map { try LoadResultFile.read(contentsOf: $0 + "/load-result.json").result().elapsed }
        #expect(all.elapsed < shardElapsed.max()! + .milliseconds(500))
        for percentile in ["50", "90"] {
            let mergedValue = try Self.percentile(merged, percentile), singleValue = try Self.percentile(root + "/single", percentile)
            // The server's own latency is 9 ms at p50 and 15 ms at p90; loopback adds a little.
            let known = percentile == "50" ? 9.0 : 15.0
            #expect(mergedValue >= known && mergedValue < known + 15, "merged p\(percentile) \(mergedValue) ms")
            #expect(abs(mergedValue - singleValue) < 5, "p\(percentile): merged \(mergedValue) ms, single \(singleValue) ms")
        }
        for report in ["latency.json", "latency.html", "summary.md", "latency-total.hgrm", "load-junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: merged + "/" + report), "\(report)")
        }

        // The merge gates: a threshold the merged load fails, a missing shard, a folder with no result.
        #expect(await Gauntlet.run(arguments: ["merge"] + shards + ["--report-dir", root + "/m2", "--threshold", "rate>=100000"]) == ExitStatus.checkFailed)
        #expect(await Gauntlet.run(arguments: ["merge"] + shards.dropLast() + ["--report-dir", root + "/m3"]) == ExitStatus.checkFailed)
        #expect(await Gauntlet.run(arguments: ["merge"] + shards.dropLast() + ["--partial", "--report-dir", root + "/m4"]) == ExitStatus.passed)
        // Every report of the merge missing a shard says so; none reads as passed.
        let incomplete = try String(contentsOfFile: root + "/m3/summary.md", encoding: .utf8)
        #expect(incomplete.contains("INCOMPLETE") && incomplete.contains("shard 3/4 missing"), "\(incomplete)")
        #expect(try String(contentsOfFile: root + "/m3/latency.json", encoding: .utf8).contains(#""verdict" : "incomplete""#))
        let junit = try String(contentsOfFile: root + "/m3/load-junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<testcase name="every shard merged""#) && junit.contains(#"failures="1""#), "\(junit)")
        #expect(try ReportIndex.find(in: root + "/m3").verdict == .incomplete)
        // A shard whose load was killed left the placeholder result: it counts as missing.
        let killed = root + "/killed"
        try FileManager.default.createDirectory(atPath: killed, withIntermediateDirectories: true)
        var placeholder = LoadResult(
            planName: "sharded", model: .closed(vus: 1, thinkTime: .zero), elapsed: .zero, total: RequestStats(name: "total"), byName: [],
            cancelled: true)
        placeholder.unfinished = true
        try LoadResultFile(placeholder).encoded().write(to: URL(fileURLWithPath: killed + "/load-result.json"))
        #expect(await Gauntlet.run(arguments: ["merge"] + shards.dropLast() + [killed, "--report-dir", root + "/m7"]) == ExitStatus.checkFailed)
        #expect(try String(contentsOfFile: root + "/m7/summary.md", encoding: .utf8).contains("shard 3/4 missing"))
        // A partial merge, like a shard, judges no threshold: it did its part (exit 0) and reads
        // PARTIAL, never PASSED, with no failing JUnit case.
        #expect(try String(contentsOfFile: root + "/m4/latency.json", encoding: .utf8).contains(#""verdict" : "partial""#))
        // In an index beside the merge of every shard, the shards' own folders are that merge's;
        // alone, a shard's folder is partial, not passed.
        let index = try ReportIndex.find(in: root)
        let shardParts = index.parts.filter { $0.folder.hasPrefix("shard-") }
        #expect(shardParts.count == 4 && shardParts.allSatisfy { $0.verdict == .partial && $0.mergedIn != nil && $0.passed }, "\(shardParts.map(\.mergedIn))")
        #expect(try ReportIndex.find(in: shards[0]).verdict == .partial)
        #expect(try !String(contentsOfFile: root + "/m4/load-junit.xml", encoding: .utf8).contains("every shard merged"))
        #expect(await Gauntlet.run(arguments: ["merge", root, "--report-dir", root + "/m5"]) == ExitStatus.invalidInput)
        // A merge of merges is a merge.
        #expect(await Gauntlet.run(arguments: ["merge", root + "/m4", shards[3], "--report-dir", root + "/m6"]) == ExitStatus.passed)
        let again = try LoadResultFile.read(contentsOf: root + "/m6/load-result.json")
        #expect(try again.encoded() == LoadResultFile.read(contentsOf: merged + "/load-result.json").encoded())
    }

    @Test("A shard whose setup failed fails the merge (exit 1), naming the shard and why: the other shards' numbers do not pass for the plan")
    func aShardThatDidNotStartFailsTheMerge() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sharded-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "/sharded.yaml"
        try Self.loadFile.replacingOccurrences(of: "  iterations: 200\n", with: """
              iterations: 20
              setup:
                - { name: probe, request: { path: "{{probe}}" }, expect: { status: 200 } }

            """).write(toFile: file, atomically: true, encoding: .utf8)
        let statuses = try await Self.withKnownLatencyServer { baseURL in
            var statuses: [Int32] = []
            for (index, probe) in [(0, "/work/1"), (1, "/missing")] {
                statuses.append(await Gauntlet.run(arguments: [
                    "load", file, "--base-url", baseURL, "--shard", "\(index)/2", "--var", "probe=\(probe)", "--report-dir", root + "/shard-\(index)",
                ]))
            }
            return statuses
        }
        #expect(statuses == [ExitStatus.passed, ExitStatus.checkFailed])
        let merge = await Gauntlet.run(arguments: ["merge", root + "/shard-0", root + "/shard-1", "--report-dir", root + "/merged"])
        #expect(merge == ExitStatus.checkFailed)
        let summary = try String(contentsOfFile: root + "/merged/summary.md", encoding: .utf8)
        #expect(summary.contains("FAILED**: shard 1/2: setup failed at step 'probe' (HTTP 404: expected 200 (\(file):6:64)"), "\(summary)")
    }

    @Test("Bad --shard and --start-at values exit 2 before any request", arguments: [
        ["--shard", "4/4"], ["--shard", "x"], ["--start-at", "yesterday"], ["--start-at", "2020-01-01T00:00:00Z"], ["--start-at", "+48h"],
    ])
    func badShardFlags(_ flags: [String]) async {
        let status = await Gauntlet.run(arguments: ["load", ContractPaths.root + "/Scenarios/load/selftest.yaml", "--base-url", "http://127.0.0.1:1"] + flags)
        #expect(status == ExitStatus.invalidInput)
    }
}
