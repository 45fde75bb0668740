import ArgumentParser
import Foundation
import GauntletAPI
import GauntletHTTP
import Testing

@testable import GauntletCLI

/// Durations on the command line: a bare number is refused with the hint it needs, and
/// `--timeout 0s` means no limit, as `--max-time 0` does to curl, in the transfer and in its
/// curl reproduction alike.
@Suite(.timeLimit(.minutes(1))) struct TimeoutFlagTests {
    @Test("A duration without a unit says it needs one", arguments: [
        ["run", "--base-url", "http://127.0.0.1:1", "--timeout", "5"],
        ["run", "--base-url", "http://127.0.0.1:1", "--connect-timeout", "2"],
        ["load", "x.yaml", "--duration", "30"],
    ])
    func bareNumberNeedsAUnit(_ arguments: [String]) {
        #expect {
            _ = try Gauntlet.parseAsRoot(arguments)
        } throws: { error in
            Gauntlet.message(for: error).contains("a duration needs a unit: 5s, 250ms, 2m")
        }
    }

    @Test("A duration past a year is refused, not trapped on (9999999999h overflows 64 bits of nanoseconds)", arguments: [
        ["run", "--base-url", "http://127.0.0.1:1", "--timeout", "9999999999h"],
        ["run", "--base-url", "http://127.0.0.1:1", "--connect-timeout", "8785h"],
        ["load", "x.yaml", "--duration", "99999999999999999999s"],
    ])
    func longerThanAYear(_ arguments: [String]) {
        #expect {
            _ = try Gauntlet.parseAsRoot(arguments)
        } throws: { error in
            Gauntlet.message(for: error).contains("is longer than any duration may be: a year (8784h) at most")
        }
        #expect(throws: Never.self) { _ = try Gauntlet.parseAsRoot(["run", "--base-url", "http://127.0.0.1:1", "--timeout", "8784h"]) }
    }

    @Test("Text that is no duration at all says how one is written")
    func notADuration() {
        #expect {
            _ = try Gauntlet.parseAsRoot(["run", "--base-url", "http://127.0.0.1:1", "--timeout", "soon"])
        } throws: { error in
            Gauntlet.message(for: error).contains("'soon' is not a duration: write a number and a unit")
        }
    }

    @Test(
        "A negative number or duration is the flag's value, refused with why, not a flag that leaves the option without one",
        arguments: [
            (["run", "--timeout", "-1s"], "'-1s' is negative: a duration is 0s or more"),
            (["run", "--connect-timeout", "-250ms"], "'-250ms' is negative: a duration is 0s or more"),
            (["load", "Scenarios/load/selftest.yaml", "--duration", "-2m"], "'-2m' is negative: a duration is 0s or more"),
            (["run", "--parallel", "-1"], "--parallel must be at least 1"),
            (["fuzz", "--max-examples", "-3"], "--max-examples must be at least 1, got -3"),
        ])
    func negativeValues(_ arguments: [String], message: String) async {
        #expect {
            _ = try Gauntlet.parseAsRoot(arguments + ["--base-url", "http://127.0.0.1:1"])
        } throws: { error in
            Gauntlet.message(for: error).contains(message)
        }
    }

    @Test("--timeout 0s is no limit: no time limit on the transfer, none in the curl command")
    func zeroTimeoutIsNoLimit() throws {
        let command = try #require(try Gauntlet.parseAsRoot(["run", "--base-url", "http://127.0.0.1:1", "--timeout", "0s"]) as? RunCommand)
        let options = try command.transfer.transferOptions()
        #expect(options.timeouts.total == nil)
        #expect(options.timeouts.connect == .seconds(10))
        let curl = CurlCommand(RequestSpec(url: "http://127.0.0.1:1/events", options: options)).description
        #expect(!curl.contains("--max-time"), "\(curl)")
        #expect(Timeouts(connect: .zero, total: .zero) == Timeouts(connect: nil, total: nil))
    }

    @Test("A run with --timeout 0s gets its answers, however long they take")
    func zeroTimeoutRunPasses() async throws {
        var configuration = APIConfiguration.testing
        // Every request's first instance starts for 100 ms: far more than any limit close to zero.
        configuration.lambda = LambdaEmulation(coldStart: .fixed(.milliseconds(100)), idleTimeout: .milliseconds(1))
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-timeout-\(UUID().uuidString)").path
        let status = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--timeout", "0s", "--report-dir", reports,
            ])
        }
        #expect(status == ExitStatus.passed)
    }
}
