import ArgumentParser
import Foundation
import GauntletAPI
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletCLI

/// `gauntlet run` with the issue-10 features: templates checked before any request, secrets
/// that reach no report, skipped scenarios and leftovers on the console, a readable results.json.
@Suite(.timeLimit(.minutes(2))) struct RunCommandFeatureTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-cli-\(UUID().uuidString)").path

    func scenarioFile(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("features-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anUnknownPlaceholderExits2BeforeAnyRequest() async throws {
        let path = try scenarioFile("""
            scenarios:
              - name: create, then use a typo
                steps:
                  - request: { method: POST, path: /events, json: { eventId: x } }
                  - request: { path: "/events/{{evnt_id}}" }
                    expect: { headers: { "{{env.GAUNTLET_SURELY_UNSET}}": x } }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try ConnectionCounter()
        defer { server.stop() }
        let status = await Gauntlet.run(arguments: ["run", path, "--base-url", server.baseURL, "--report-dir", reportDirectory])
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
        #expect(!FileManager.default.fileExists(atPath: reportDirectory + "/junit.xml"))

        // The same diagnostics `run` printed, each with file:line:column.
        #expect {
            _ = try ScenarioSession.load([path], options: RunOptions(baseURL: server.baseURL))
        } throws: { error in
            let found = (error as? ScenarioLoadError)?.diagnostics.map(\.description) ?? []
            return found == [
                "\(path):5:26: error: unknown variable 'evnt_id' in '{{evnt_id}}'",
                "\(path):6:30: error: environment variable 'GAUNTLET_SURELY_UNSET' is not set (named by '{{env.GAUNTLET_SURELY_UNSET}}')",
            ]
        }
    }

    @Test func varAndSecretNamesAreKnownToTheCheck() throws {
        let path = try scenarioFile("""
            scenarios:
              - name: a
                steps: [{ request: { path: "/{{from_var}}/{{from_secret}}" } }]
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = RunOptions(baseURL: "http://h", variables: ["from_var": 1], secretVariables: ["from_secret": "abcd"])
        #expect(throws: Never.self) { _ = try ScenarioSession.load([path], options: options) }
    }

    @Test func aSecretValueAppearsInNoReport() async throws {
        let secret = "sekrit-\(UUID().uuidString)"
        let path = try scenarioFile("""
            scenarios:
              - name: carries {{api_token}}
                steps:
                  - name: send it everywhere
                    request:
                      method: POST
                      path: "/events?token={{api_token}}"
                      headers: { X-Plain-Header: "{{api_token}}" }
                      json: { eventId: "{{api_token}}", "{{api_token}}": 1 }
                    expect:
                      status: 201
                      body: { echoed: "{{api_token}}" }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: [
                "run", path, "--base-url", baseURL, "--report-dir", reportDirectory, "--secret", "api_token=\(secret)", "--verbose",
            ])
        }
        #expect(status == ExitStatus.checkFailed)
        for report in ["junit.xml", "results.json"] {
            let text = try String(contentsOfFile: reportDirectory + "/" + report, encoding: .utf8)
            #expect(!text.contains(secret), "\(report) leaks the secret")
            #expect(!text.contains(secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!), "\(report) leaks it encoded")
            #expect(text.contains("X-Plain-Header"))
        }
        let results = try GauntletJSON.JSONValue(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/results.json"))))
        #expect(results["summary"]?["failed"] == 1)
        #expect(results["durationMs"]?.doubleValue != nil)
    }

    @Test("Short or doubled secrets are bad input", arguments: [
        ["--secret", "k=abc"], ["--secret", "=abcdef"], ["--secret", "k=abcdef", "--var", "k=1"],
    ])
    func badSecrets(_ extra: [String]) async {
        #expect(await Gauntlet.run(arguments: ["run", "--base-url", "http://127.0.0.1:1"] + extra) == ExitStatus.invalidInput)
    }

    @Test func theConsoleShowsSkipsAndLeftovers() {
        let location = ScenarioLocation(file: "f.yaml", line: 1, column: 1)
        let skipped = ScenarioResult(
            name: "needs a seed", tags: [], location: location, outcome: .skipped, steps: [], teardown: [], durationSeconds: 0.004,
            reason: "precondition failed: list: status expected 200, got 404", leftBehind: ["event e1"])
        let console = ConsoleReporter(verbose: false)
        #expect(console.text(for: skipped) == "↷ SKIP needs a seed (4 ms): precondition failed: list: status expected 200, got 404\n")
        let run = RunResult(
            runID: "g1", baseURL: "http://h", startedAt: Date(), durationSeconds: 1,
            suites: [SuiteResult(name: "s", file: "f.yaml", scenarios: [skipped])], interrupted: false)
        let summary = console.summaryText(run, reports: [])
        #expect(summary.contains("0 passed, 0 failed, 1 skipped in 1.00s"))
        #expect(summary.contains("left behind: 1\n  event e1 (needs a seed)\n"))
        #expect(run.succeeded, "a skipped scenario does not fail the run")
    }
}
