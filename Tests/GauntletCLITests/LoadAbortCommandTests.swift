import Foundation
import GauntletAPI
import GauntletLoad
import Testing

@testable import GauntletCLI

/// `gauntlet load` with thresholds that abort, against the reference API on loopback: the load
/// stops early, exits 1 (a failed threshold, not an interruption) and every report says why.
@Suite(.timeLimit(.minutes(2))) struct LoadAbortCommandTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-abort-\(UUID().uuidString)").path
    var selftestLoad: String { ContractPaths.root + "/Scenarios/load/selftest.yaml" }

    func report(_ name: String) throws -> String {
        try String(contentsOfFile: reportDirectory + "/" + name, encoding: .utf8)
    }

    @Test("--abort-on 'count<10' stops a 30 s load after its first second, exits 1, and teardown still runs")
    func abortOnStopsTheLoad() async throws {
        let started = ContinuousClock.now
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: [
                "load", selftestLoad, "--base-url", baseURL, "--rate", "40", "--duration", "30s",
                "--abort-on", "count<10", "--report-dir", reportDirectory,
            ])
        }
        #expect(status == ExitStatus.checkFailed)
        #expect(ContinuousClock.now - started < .seconds(15))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/latency.json")))
                as? [String: Any])
        let abort = try #require(json["abort"] as? [String: Any])
        #expect(abort["threshold"] as? String == "count<10")
        #expect(abort["atSeconds"] as? Double == 1)
        #expect((abort["reason"] as? String)?.hasPrefix("aborted at 1 s: threshold 'count<10' failed: count = ") == true)
        #expect(json["cancelled"] as? Bool == false)
        // The seeded event was deleted: the plan's teardown ran after the abort.
        #expect(json["leftBehind"] as? Int == 0)
        let junit = try report("load-junit.xml")
        #expect(junit.contains(#"<testcase name="the load ran to its end""#))
        #expect(junit.contains("aborted at 1 s: threshold &apos;count&lt;10&apos; failed") || junit.contains("aborted at 1 s: threshold 'count&lt;10' failed"))
        #expect(junit.contains("it aborted the load at 1 s"))
        #expect(try report("summary.md").contains("**The load stopped early, aborted at 1 s: threshold 'count<10' failed"))
        #expect(try report("latency.html").contains("The load stopped early, aborted at 1 s: threshold"))
    }

    @Test("A load file's {threshold, abort, grace} mapping aborts a rate that fails after its grace")
    func aMappingInTheFileAbortsAfterItsGrace() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("abort-\(UUID().uuidString).yaml")
        try """
            load:
              rate: 20
              duration: 30s
              thresholds:
                - { threshold: "rate>=1000000", abort: true, grace: 2s }
            scenarios:
              - name: health
                steps: [{ name: health, request: { path: /health }, expect: { status: 200 } }]
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["load", file.path, "--base-url", baseURL, "--report-dir", reportDirectory])
        }
        #expect(status == ExitStatus.checkFailed)
        let summary = try report("summary.md")
        #expect(summary.contains("aborted at 2 s: threshold 'rate>=1000000' failed: rate = "))
        #expect(try report("load-junit.xml").contains(#"<testcase name="the load ran to its end""#))
    }

    @Test("An aborted load exits 1, never 130, also when no threshold is left to judge (a shard's part)")
    func anAbortedLoadIsAFailedLoad() throws {
        var result = try LoadInterruptionTests.result(cancelled: false, thresholds: ["p99<1s"])
        #expect(LoadSession.exitStatus(of: result) == nil)
        result.abort = LoadAbort(threshold: "p99<1s", atSeconds: 12, actual: "p99 = 1500 ms")
        #expect(LoadSession.exitStatus(of: result) == ExitStatus.checkFailed)
        // The threshold that aborted fails; the default on errors (none failed) holds.
        #expect(result.thresholdResults.map(\.name) == ["p99<1s", "errors<=0% (default)"])
        #expect(result.thresholdResults.map(\.passed) == [false, true])
        result.thresholds = []
        #expect(LoadSession.exitStatus(of: result) == ExitStatus.checkFailed)
        let junit = LoadSession.thresholdJUnit(result, name: "read", startedAt: Date())
        #expect(junit.contains(#"<testcase name="the load ran to its end""#))
        #expect(junit.contains("aborted at 12 s"))
    }
}
