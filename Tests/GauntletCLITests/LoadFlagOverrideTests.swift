import ArgumentParser
import Foundation
import GauntletLoad
import Testing

@testable import GauntletCLI

/// Command-line flags override the load file, as the load README says: `--timeout` over the
/// file's `timeout:`, and each of `--vus`, `--rate`, `--duration`, `--iterations` and the
/// cold-start flags over the file's own setting.
@Suite(.timeLimit(.minutes(1))) struct LoadFlagOverrideTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-override-\(UUID().uuidString)").path

    /// A load file of one request that sets `timeout:` (and, for the other flags, a closed model
    /// with a duration, an iteration count and a cold-start method).
    static func loadFile(timeout: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("override-\(UUID().uuidString).yaml")
        try """
            load: { vus: 3, duration: 20s, iterations: 1, timeout: \(timeout), cold_start: { method: header, header: X-File } }
            scenarios:
              - name: hang
                steps:
                  - { name: hang, request: { path: /hang }, expect: { status: 200 } }
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The slowest request's latency in `latency.json`, in milliseconds.
    func maxLatency() throws -> Double {
        let data = try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/latency.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let total = try #require(json["total"] as? [String: Any])
        let latency = try #require(total["latency"] as? [String: Any])
        return try #require(latency["max"] as? Double)
    }

    @Test("--timeout replaces the file's timeout: a request to a deployment that never answers gives up at the flag's limit")
    func timeoutFlagWinsOverTheFile() async throws {
        let file = try Self.loadFile(timeout: "5s")
        defer { try? FileManager.default.removeItem(at: file) }
        let silent = try SilentListener()
        let started = ContinuousClock.now
        let status = await Gauntlet.run(arguments: [
            "load", file.path, "--base-url", silent.baseURL, "--timeout", "200ms", "--report-dir", reportDirectory,
        ])
        #expect(status == ExitStatus.unreachable)
        #expect(ContinuousClock.now - started < .seconds(4), "the file's 5 s limit held the request")
        #expect(try maxLatency() < 1_000, "timed out at the file's limit, not the flag's")
    }

    @Test("Without --timeout the file's timeout holds, not the command line's default of 30 s")
    func fileTimeoutHoldsWithoutTheFlag() async throws {
        let file = try Self.loadFile(timeout: "300ms")
        defer { try? FileManager.default.removeItem(at: file) }
        let silent = try SilentListener()
        let status = await Gauntlet.run(arguments: ["load", file.path, "--base-url", silent.baseURL, "--report-dir", reportDirectory])
        #expect(status == ExitStatus.unreachable)
        let max = try maxLatency()
        #expect(max >= 300 && max < 2_000, "\(max) ms")
    }

    @Test("Only a --timeout the command line gave overrides the file")
    func givenTimeout() throws {
        let given = try #require(try Gauntlet.parseAsRoot(["load", "x.yaml", "--timeout", "1s"]) as? LoadCommand)
        #expect(given.givenTimeout == .seconds(1))
        let none = try #require(try Gauntlet.parseAsRoot(["load", "x.yaml"]) as? LoadCommand)
        #expect(none.givenTimeout == nil)
        let noLimit = try #require(try Gauntlet.parseAsRoot(["load", "x.yaml", "--timeout", "0s"]) as? LoadCommand)
        #expect(noLimit.givenTimeout == .zero)
        let theDefaultWrittenOut = try #require(try Gauntlet.parseAsRoot(["load", "x.yaml", "--timeout", "30s"]) as? LoadCommand)
        #expect(theDefaultWrittenOut.givenTimeout == .seconds(30), "30 s written out is given too, and replaces the file's")
    }

    @Test("--vus, --rate, --duration, --iterations and the cold-start method replace the file's")
    func otherFlagsWinOverTheFile() throws {
        let url = try Self.loadFile(timeout: "1s")
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try LoadSession.loadFile(at: url.path)
        #expect(file.plan.model == .closed(vus: 3, thinkTime: .zero))
        let closed = try LoadOverrides(vus: 7, duration: .seconds(2), iterations: 9).apply(to: file.plan)
        #expect(closed.model == .closed(vus: 7, thinkTime: .zero))
        #expect(closed.duration == .seconds(2))
        #expect(closed.iterations == 9)
        let open = try LoadOverrides(rate: 40).apply(to: file.plan)
        #expect(open.model == .open(rate: 40, stages: []))
        var statistical = try #require(file.plan.coldStart)
        statistical.mode = .statistical
        statistical.headerName = "X-Flag"
        let cold = try LoadOverrides(coldStart: statistical).apply(to: file.plan)
        #expect(cold.coldStart?.mode == .statistical)
        #expect(cold.coldStart?.headerName == "X-Flag")
    }
}
