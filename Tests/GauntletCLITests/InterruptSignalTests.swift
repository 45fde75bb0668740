import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
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
            let status = try await GauntletProcess.run(
                binary, arguments: ["load", load, "--base-url", baseURL, "--rate", "200", "--duration", "60s", "--report-dir", reports],
                signalsAfter: .milliseconds(1_500), signals: [SIGINT])
            let list = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response.bodyText
            return (status, list)
        }
        #expect(status == ExitStatus.interrupted)
        #expect(ContinuousClock.now - began < .seconds(30), "the load ran on after the signal")
        #expect(left == #"{"events":[]}"#)
    }

    @Test("Two signals at once (timeout(1) sends its child two, a CI runner SIGINT and SIGTERM) are one Ctrl-C: teardown and reports still happen")
    func twoSignalsAtOnceAreOne() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("sigint-twice-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let load = ContractPaths.root + "/Scenarios/load/read-heavy.yaml"
        let (status, left) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let status = try await GauntletProcess.run(
                binary, arguments: ["load", load, "--base-url", baseURL, "--rate", "100", "--duration", "60s", "--report-dir", reports],
                signalsAfter: .milliseconds(1_500), signals: [SIGINT, SIGTERM])
            let list = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response.bodyText
            return (status, list)
        }
        #expect(status == ExitStatus.interrupted)
        #expect(left == #"{"events":[]}"#, "the load's teardown ran")
        let summary = try String(contentsOfFile: reports + "/summary.md", encoding: .utf8)
        #expect(summary.contains("INTERRUPTED") && summary.contains("stopped after"), "the load wrote its own reports: \(summary)")
    }

    @Test("A run killed before it writes its reports leaves reports that say it did not finish, not the last run's")
    func aKilledRunLeavesNoPassingReports() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let passed = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", reports + "/run"])
        }
        try #require(passed == ExitStatus.passed)
        let listener = try SilentListener()
        defer { withExtendedLifetime(listener) {} }
        let killed = try await GauntletProcess.run(
            binary, arguments: ["run", ContractPaths.suite + "/not-found.yaml", "--base-url", listener.baseURL, "--timeout", "30s", "--report-dir", reports + "/run"],
            signalsAfter: .milliseconds(1_500), signals: [SIGKILL])
        #expect(killed == SIGKILL)
        let junit = try String(contentsOfFile: reports + "/run/junit.xml", encoding: .utf8)
        #expect(junit.contains("not finished: the run ended before it wrote its reports"), "\(junit)")
        #expect(!junit.contains(#"failures="0" errors="0""#), "\(junit)")
        let summary = try String(contentsOfFile: reports + "/run/summary.md", encoding: .utf8)
        #expect(!summary.contains("PASSED") && summary.contains("INTERRUPTED"), "\(summary)")
        // A load's reports (and the load-result.json a merge reads) do the same.
        let load = try await GauntletProcess.run(
            binary, arguments: ["load", ContractPaths.root + "/Scenarios/load/read-heavy.yaml", "--base-url", listener.baseURL, "--rate", "5",
                     "--duration", "60s", "--timeout", "30s", "--report-dir", reports + "/load"],
            signalsAfter: .milliseconds(1_500), signals: [SIGKILL])
        #expect(load == SIGKILL)
        // And a fuzz run's (its document read, it waits on the silent deployment's first answer).
        let document = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/openapi.json")).response.bodyText
        }
        try document.write(toFile: reports + "/openapi.json", atomically: true, encoding: .utf8)
        let fuzz = try await GauntletProcess.run(
            binary, arguments: ["fuzz", "--base-url", listener.baseURL, "--openapi", reports + "/openapi.json", "--timeout", "30s", "--report-dir", reports + "/fuzz"],
            signalsAfter: .milliseconds(1_500), signals: [SIGKILL])
        #expect(fuzz == SIGKILL)
        let fuzzReport = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: reports + "/fuzz/fuzz.json"))))
        #expect(fuzzReport["ending"] == "interrupted" && fuzzReport["passed"] == false)
        #expect(try String(contentsOfFile: reports + "/fuzz/fuzz-junit.xml", encoding: .utf8).contains("not known: the run ended before its cleanup"))
        let latency = try String(contentsOfFile: reports + "/load/latency.json", encoding: .utf8)
        #expect(latency.contains(#""verdict" : "interrupted""#) && latency.contains("the load did not finish"), "\(latency)")
        #expect(try String(contentsOfFile: reports + "/load/load-junit.xml", encoding: .utf8).contains("<failure"))
    }

    @Test("SIGINT stops a fuzz run, whose cleanup still deletes everything it made")
    func sigintStopsAFuzzRunThatCleansUp() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-sigint-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        // Every answer takes 20 ms, so that the run is still creating when the signal comes.
        var configuration = APIConfiguration.testing
        configuration.lambda = LambdaEmulation(coldStart: .fixed(.milliseconds(1)), warmTime: .fixed(.milliseconds(20)))
        let (status, left) = try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let status = try await GauntletProcess.run(
                binary, arguments: ["fuzz", "--base-url", baseURL, "--seed", "2", "--report-dir", reports],
                signalsAfter: .milliseconds(2_500), signals: [SIGINT])
            let list = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events")).response.bodyText
            return (status, list)
        }
        #expect(status == ExitStatus.interrupted)
        #expect(left == #"{"events":[]}"#, "the cleanup deleted what the run made")
        let report = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: reports + "/fuzz.json"))))
        #expect(report["ending"] == "interrupted")
        #expect(report["leftBehind"] == [])
        #expect(report["requests"]?.intValue ?? 0 > 20, "the signal came while the run was at work")
    }

    @Test("SIGINT stops a selftest: exit 130, and the parts after the interrupted one do not start")
    func sigintStopsASelftest() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("selftest-sigint-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let status = try await GauntletProcess.run(
            binary, arguments: ["selftest", "--report-dir", reports], signalsAfter: .milliseconds(2_500), signals: [SIGINT],
            in: URL(fileURLWithPath: ContractPaths.root))
        #expect(status == ExitStatus.interrupted)
        #expect(!FileManager.default.fileExists(atPath: reports + "/cold-starts"), "the cold-start part started after the interruption")
    }
}
