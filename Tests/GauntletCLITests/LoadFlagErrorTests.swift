import Foundation
import GauntletLoad
import Testing

@testable import GauntletCLI

/// A bad load override flag is the flag's error, not the load file's: `error: --flag 'value':
/// reason`, every one at once, exit 2, before any request.
@Suite(.timeLimit(.minutes(1))) struct LoadFlagErrorTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-flags-\(UUID().uuidString)").path
    var selftestLoad: String { ContractPaths.root + "/Scenarios/load/selftest.yaml" }

    @Test("A threshold that does not parse is blamed on --threshold, not on the file")
    func badThresholdIsTheFlags() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let server = try ConnectionCounter()
        defer { server.stop() }
        let (status, console) = try await GauntletProcess.run(binary, arguments: [
            "load", selftestLoad, "--base-url", server.baseURL, "--rate", "20", "--duration", "1s",
            "--report-dir", reportDirectory, "--threshold", "p99<abc",
        ])
        #expect(status == ExitStatus.invalidInput)
        #expect(console.contains("error: --threshold 'p99<abc': 'abc' is not a duration"), "\(console)")
        #expect(!console.contains("selftest.yaml: error"), "\(console)")
        #expect(server.count == 0, "no request was sent")
    }

    @Test("Each bad override flag exits 2 before any connection", arguments: [
        ["--duration", "0s"], ["--vus", "0"], ["--rate", "0"], ["--rate", "-1"], ["--iterations", "0"],
        ["--vus", "2", "--rate", "5"], ["--threshold", "nope:p99<1s"], ["--threshold", "p99"],
    ])
    func badOverrideFlag(_ flags: [String]) async throws {
        let server = try ConnectionCounter()
        defer { server.stop() }
        let status = await Gauntlet.run(arguments: [
            "load", selftestLoad, "--base-url", server.baseURL, "--duration", "1s", "--report-dir", reportDirectory,
        ] + flags)
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
    }

    @Test("Every bad flag is named at once, each with its value and reason")
    func everyProblemAtOnce() throws {
        let plan = try LoadFile.load(contentsOf: selftestLoad).plan
        let overrides = LoadOverrides(
            vus: 0, duration: .zero, iterations: 0, thresholds: ["p99<abc", "p99<1s", "nope:max<1s", "p99"])
        #expect(overrides.problems(with: plan).map(\.description) == [
            "--vus 0: must be at least 1",
            "--duration 0s: must be positive",
            "--iterations 0: must be at least 1",
            "--threshold 'p99<abc': 'abc' is not a duration (use a unit: 250ms, 1s, 500us)",
            "--threshold 'nope:max<1s': no request named 'nope' in the mix (requests: \(plan.requestNames.joined(separator: ", ")))",
            "--threshold 'p99': expected a comparison (<, <=, >, >=), as in 'p99<250ms'",
        ])
        #expect(LoadOverrides(rate: 20, duration: .seconds(1), thresholds: ["p99<1s"]).problems(with: plan).isEmpty)
    }

    @Test("--timeout 0s on a load bounded by iterations alone is refused: a deployment that never answers would hold it forever")
    func noTimeLimitNeedsADuration() async throws {
        let file = reportDirectory + "-iterations.yaml"
        try """
            load: { vus: 2, iterations: 5 }
            scenarios: [{ name: read, steps: [{ request: { path: /events } }] }]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try ConnectionCounter()
        defer { server.stop() }
        let status = await Gauntlet.run(arguments: ["load", file, "--base-url", server.baseURL, "--timeout", "0s", "--report-dir", reportDirectory])
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
        let plan = try LoadFile.load(contentsOf: file).plan
        #expect {
            try LoadRunner.requireAnEnd(plan, timeout: .zero)
        } throws: { error in
            "\(error)".contains("--timeout 0s (no limit per request) needs a duration here")
        }
        #expect(throws: Never.self) { try LoadRunner.requireAnEnd(plan, timeout: .seconds(1)) }
        var timed = plan
        timed.duration = .seconds(1)
        #expect(throws: Never.self) { try LoadRunner.requireAnEnd(timed, timeout: .zero) }
        // Iterations an open model, or as many users, start whether or not earlier ones end.
        var open = plan
        open.model = .open(rate: 10, stages: [])
        #expect(throws: Never.self) { try LoadRunner.requireAnEnd(open, timeout: .zero) }
        var asManyUsers = plan
        asManyUsers.model = .closed(vus: 5, thinkTime: .zero)
        #expect(throws: Never.self) { try LoadRunner.requireAnEnd(asManyUsers, timeout: .zero) }
    }
}
