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
            _ = try ScenarioSession.prepare(try ScenarioLoader.load(paths: [path]), table: nil, options: RunOptions(baseURL: server.baseURL))
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
        #expect(throws: Never.self) { _ = try ScenarioSession.prepare(try ScenarioLoader.load(paths: [path]), table: nil, options: options) }
    }

    /// A `--secret` value with every character that once slipped past redaction: `/`, space
    /// and `+` (percent-encoded), `'` and `\` (shell-quoted as `$'…'`; `\` also JSON-escaped),
    /// a non-ASCII letter. It is sent in a header, a JSON body, a URL path through `urlencode`
    /// and a body of over 4 KiB across whose cut at 4096 bytes it lies, and the server echoes it.
    /// Neither report nor the console shows it in any form, whole or cut.
    @Test func aSecretValueAppearsInNoReportOrConsoleLine() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let uuid = UUID().uuidString
        let secret = "s/k r+t'\\\(uuid)é"
        // The body's bytes before the cut at 4096 end with the secret's first 6: `s/k r+`.
        let padding = String(repeating: "x", count: 4090)
        let eventID = "e-\(UUID().uuidString)"
        let path = try scenarioFile("""
            scenarios:
              - name: carries {{api_token}}
                steps:
                  - name: create an event that holds {{api_token}}
                    request:
                      method: POST
                      path: /events
                      headers: { X-Plain-Header: "{{api_token}}" }
                      json:
                        eventId: "\(eventID)"
                        title: t
                        description: "{{api_token}}"
                        date: "2025-01-01"
                        location: l
                        capacity: 1
                        organizer: o
                        status: active
                    expect: { status: 201 }
                  - name: read it back
                    request: { path: "/events/\(eventID)" }
                    expect:
                      status: 200
                      body: { description: "{{api_token}}" }
                  - name: look it up by path
                    request: { path: "/events/{{api_token | urlencode}}" }
                    expect: { status: 404 }
                  - name: a long body
                    request:
                      method: POST
                      path: /events
                      headers: { Content-Type: text/plain }
                      body: "\(padding){{api_token}} and more"
                    expect:
                      status: 201
                      body: { echoed: "{{api_token}}" }
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (status, console) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", path, "--base-url", baseURL, "--report-dir", reportDirectory, "--secret", "api_token=\(secret)", "--verbose",
            ])
        }
        #expect(status == ExitStatus.checkFailed, "\(console)")

        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let forms = [
            "raw": secret,
            "percent-encoded": secret.addingPercentEncoding(withAllowedCharacters: unreserved)!,
            "JSON-escaped": "s/k r+t'\\\\\(uuid)é",
            "JSON-escaped with \\/": "s\\/k r+t'\\\\\(uuid)é",
            // Any form of the whole secret (shell-quoted, XML-escaped, …) holds its UUID.
            "in any form": uuid,
            // What a cut before redaction left of the long body.
            "cut": "s/k r+",
            "cut, JSON-escaped with \\/": "s\\/k r+",
        ]
        #expect(forms["percent-encoded"] == "s%2Fk%20r%2Bt%27%5C\(uuid)%C3%A9")
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        let results = try String(contentsOfFile: reportDirectory + "/results.json", encoding: .utf8)
        for (name, text) in [("junit.xml", junit), ("results.json", results), ("the console", console)] {
            for (form, value) in forms.sorted(by: { $0.key < $1.key }) {
                #expect(!text.contains(value), "\(name) leaks the secret (\(form))")
            }
            #expect(text.contains("X-Plain-Header"), "\(name) shows the request")
            #expect(text.contains(SecretRedaction.placeholder), "\(name) shows where the secret was")
        }
        #expect(results.contains("xxxxxx***"), "the long body is redacted, then cut")
        let echo = console.split(separator: "\n").filter { $0.contains("< {") && $0.contains(#""description":"***""#) }
        #expect(!echo.isEmpty, "the answer that echoes the secret is shown, redacted")
        #expect(results.contains("--header 'X-Plain-Header: ***'"), "the curl command is built from redacted values")
        #expect(console.contains("/events/***"), "the path is redacted as it was sent")
        let json = try GauntletJSON.JSONValue(parsing: [UInt8](results.utf8))
        #expect(json["summary"]?["failed"] == 1)
        #expect(json["durationMs"]?.doubleValue != nil)
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

    @Test("A reader that closed the pipe ends the printing, not the run: reports are written, the verdict stands")
    func aClosedOutputPipeEndsOnlyThePrinting() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.runIntoClosedPipe(binary, arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", reportDirectory,
            ])
        }
        #expect(status == ExitStatus.passed, "killed by SIGPIPE: \(status)")
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"failures="0" errors="0""#), "\(junit.prefix(300))")
    }
}
