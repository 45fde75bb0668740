import ArgumentParser
import GauntletHTTP
import GauntletJSON
import GauntletScenario
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import GauntletCLI

@Suite(.timeLimit(.minutes(2))) struct RunCommandTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-cli-\(UUID().uuidString)").path

    @Test func parsesEveryFlag() throws {
        setenv("GAUNTLET_TEST_KEY", "k-123", 1)
        let command = try #require(try Gauntlet.parseAsRoot([
            "run", "Scenarios/contract/crud.yaml", "--base-url", "http://127.0.0.1:8000/prod",
            "--tag", "seed", "--skip-tag", "slow", "--var", "validation_status=422", "--var", "name=Ada",
            "--header", "x-api-key: ${GAUNTLET_TEST_KEY}", "--parallel", "2", "--timeout", "5s", "--insecure",
        ]) as? RunCommand)
        #expect(command.paths == ["Scenarios/contract/crud.yaml"])
        #expect(command.selection.tags == ["seed"])
        #expect(try command.selection.parsedVariables() == ["validation_status": 422, "name": "Ada"])
        let headers = try command.selection.parsedHeaders(environment: ["GAUNTLET_TEST_KEY": "k-123"])
        #expect(headers.map(\.value) == ["k-123"])
        #expect(try command.transfer.transferOptions().verifyTLS == false)
        #expect(try command.transfer.transferOptions().timeouts.total == .seconds(5))
    }

    @Test("Bad command lines exit 2", arguments: [
        ["run", "--base-url", "ftp://example.com"],
        ["run"],
        ["run", "--base-url", "http://127.0.0.1:1", "--parallel", "0"],
        ["run", "--base-url", "http://127.0.0.1:1", "--var", "novalue"],
        ["run", "--base-url", "http://127.0.0.1:1", "--no-such-flag"],
        ["run", "--base-url", "http://127.0.0.1:99999"],
        ["run", "--base-url", "http://127.0.0.1:0"],
        ["load", "Scenarios/load/selftest.yaml", "--base-url", "http://127.0.0.1:70000"],
        ["load", "Scenarios/load/selftest.yaml", "--base-url", "127.0.0.1:8000"],
        ["fuzz", "--base-url", "http://127.0.0.1:99999"],
        // Paths are appended to the base URL: a query or fragment would end up before them.
        ["run", "--base-url", "http://127.0.0.1:1/prod?x=1"],
        ["run", "--base-url", "http://127.0.0.1:1#frag"],
        ["load", "Scenarios/load/selftest.yaml", "--base-url", "http://127.0.0.1:1/a b"],
        ["fuzz", "--base-url", "http://127.0.0.1:1/a\tb"],
        // Two reports to one path: one would replace the other without a word.
        ["run", "--base-url", "http://127.0.0.1:1", "--junit", "/tmp/gauntlet-clash/same", "--json", "/tmp/gauntlet-clash/same"],
        ["run", "--base-url", "http://127.0.0.1:1", "--report-dir", "/tmp/gauntlet-clash", "--junit", "/tmp/gauntlet-clash/./report.html"],
        ["load", "Scenarios/load/selftest.yaml", "--base-url", "http://127.0.0.1:1", "--report-dir", "/tmp/gauntlet-clash", "--junit", "/tmp/gauntlet-clash/latency.json"],
        ["run", "--base-url", "http://127.0.0.1:1", "--report-dir", "/tmp/gauntlet-clash", "--junit", "/tmp/gauntlet-clash/results.json"],
    ])
    func badCommandLine(_ arguments: [String]) async {
        #expect(await Gauntlet.run(arguments: arguments) == ExitStatus.invalidInput)
    }

    @Test("A base URL with a query says why it cannot take one, without its password")
    func aBaseURLWithAQueryIsRefusedWithoutItsPassword() {
        #expect {
            _ = try Gauntlet.parseAsRoot(["run", "--base-url", "https://user:pw-9f3e@api.example/prod?code=1"])
        } throws: { error in
            let message = Gauntlet.message(for: error)
            return message.contains("--base-url takes no query ('?…'): each request's path is appended to it")
                && message.contains("https://***@api.example") && !message.contains("pw-9f3e")
        }
    }

    @Test("A report named to another's default path says which two would share it")
    func aReportOnAnotherDefaultPathIsNamed() {
        #expect {
            _ = try Gauntlet.parseAsRoot(["run", "--base-url", "http://127.0.0.1:1", "--report-dir", "R", "--json", "R/junit.xml"])
        } throws: { error in
            Gauntlet.message(for: error).contains("--json and --junit's default junit.xml would both be written to R/junit.xml")
        }
    }

    @Test("A report is not written over what the command reads, nor through a link to another report's folder")
    func aReportOverAnInputOrThroughALinkIsRefused() throws {
        let root = reportDirectory + "-inputs"
        try FileManager.default.createDirectory(atPath: root + "/reports", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/reports")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scenario = root + "/probe.yaml"
        try "scenarios: [{ name: p, steps: [{ request: { path: /events } }] }]".write(toFile: scenario, atomically: true, encoding: .utf8)
        for (arguments, words) in [
            (["run", scenario, "--json", scenario], "which the command reads"),
            (["run", root, "--junit", root + "/other.yaml"], "among the scenario files of \(root)"),
            (["run", scenario, "--report-dir", root + "/reports", "--junit", root + "/link/results.json"], "would both be written"),
            // fuzz: its JUnit file over its document, over fuzz.json, or into findings/, which each run replaces.
            (["fuzz", "--openapi", scenario, "--junit", scenario], "which the command reads"),
            (["fuzz", "--report-dir", root + "/reports", "--junit", root + "/link/fuzz.json"], "--junit and fuzz.json would both be written"),
            (["fuzz", "--report-dir", root + "/reports", "--junit", root + "/reports/findings/junit.xml"], "which each run replaces whole"),
            (["fuzz", "--report-dir", root + "/reports", "--junit", root + "/reports/findings"], "which each run replaces whole"),
        ] {
            #expect {
                _ = try Gauntlet.parseAsRoot(arguments + ["--base-url", "http://127.0.0.1:1"])
            } throws: { error in
                Gauntlet.message(for: error).contains(words)
            }
        }
        #expect(throws: Never.self) { _ = try Gauntlet.parseAsRoot(["run", scenario, "--base-url", "http://127.0.0.1:1", "--json", root + "/out.json"]) }
        #expect(throws: Never.self) {
            _ = try Gauntlet.parseAsRoot(["fuzz", "--openapi", "HTTP://127.0.0.1:1/openapi.json", "--base-url", "http://127.0.0.1:1", "--junit", root + "/fuzz.xml"])
        }
    }

    @Test func malformedScenarioFileExits2BeforeAnyRequest() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
        try "scenarios:\n  - name: x\n    stepz: []\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        // Port 1 refuses connections: had a request been sent, the run would exit 1, not 2.
        let status = await Gauntlet.run(arguments: ["run", file.path, "--base-url", "http://127.0.0.1:1", "--report-dir", reportDirectory])
        #expect(status == ExitStatus.invalidInput)
        #expect(!FileManager.default.fileExists(atPath: reportDirectory + "/junit.xml"))
    }

    @Test func unreachableServerIsARecordedFailure() async throws {
        let status = await Gauntlet.run(arguments: [
            "run", ContractPaths.suite + "/not-found.yaml", "--base-url", "http://127.0.0.1:1",
            "--report-dir", reportDirectory, "--connect-timeout", "2s",
        ])
        // No request was answered: 3, not a failed check (1), and the reports are written all the same.
        #expect(status == ExitStatus.unreachable)
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"<error type="connect_failed" message="GET http://127.0.0.1:1/events/"#))
        let results = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/results.json"))))
        // Nothing reached the server, so nothing can have been left behind there.
        #expect(results["summary"]?["leftBehind"] == 0)
        #expect(results["summary"]?["errored"] == 3)
    }

    @Test("A deployment that accepts connections and never answers: the first 3 scenarios time out, the rest are not started, exit 3", .timeLimit(.minutes(1)))
    func aSilentDeploymentEndsTheRunEarly() async throws {
        let listener = try SilentListener()
        defer { withExtendedLifetime(listener) {} }
        let status = await Gauntlet.run(arguments: [
            "run", ContractPaths.suite + "/crud.yaml", "--base-url", listener.baseURL, "--timeout", "1s", "--parallel", "1",
            "--report-dir", reportDirectory,
        ])
        #expect(status == ExitStatus.unreachable)
        let results = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: reportDirectory + "/results.json"))))
        // crud.yaml's 9 scenarios: 3 timed out, 6 not run.
        #expect(results["summary"]?["errored"] == 9)
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        let notRun = #"message="not run: the deployment answered none of the requests of the first 3 scenarios to end""#
        #expect(junit.components(separatedBy: notRun).count - 1 == 6)
    }

    @Test("A silent deployment with scenarios in parallel: only the first wave runs (it started 2 waves, doubling the wait)", .timeLimit(.minutes(1)), arguments: [4, 8])
    func aSilentDeploymentRunsOneWave(parallel: Int) async throws {
        let listener = try SilentListener()
        defer { withExtendedLifetime(listener) {} }
        let directory = reportDirectory + "-\(parallel)"
        let status = await Gauntlet.run(arguments: [
            "run", ContractPaths.suite, "--base-url", listener.baseURL, "--timeout", "1s", "--parallel", String(parallel),
            "--report-dir", directory,
        ])
        #expect(status == ExitStatus.unreachable)
        let results = try JSONValue(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/results.json"))))
        let summary = try #require(results["summary"])
        let (scenarios, notRun) = (try #require(summary["scenarios"]?.intValue), try #require(summary["notRun"]?.intValue))
        #expect(scenarios - notRun == parallel, "scenarios that ran")
    }

    @Test("Copies sent at once of which some were answered: a step that failed (exit 1), not an unreachable deployment (3)")
    func aPartlyAnsweredConcurrentStepIsNotUnreachable() async throws {
        let file = reportDirectory + "-half.yaml"
        try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
        try """
            scenarios:
              - name: four at once
                steps:
                  - request: { path: /half }
                    concurrent: 4
                    expect: { status: 200 }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        // Every other request hangs past the run's timeout.
        let requests = Mutex(0)
        let router = Router()
        router.get("half") { _, _ -> String in
            let index = requests.withLock { count in
                count += 1
                return count
            }
            if index % 2 == 0 { try await Task.sleep(for: .seconds(2)) }
            return "ok"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let status = try await app.test(.live) { client in
            await Gauntlet.run(arguments: [
                "run", file, "--base-url", "http://127.0.0.1:\(client.port ?? 0)", "--timeout", "1s", "--report-dir", reportDirectory,
            ])
        }
        #expect(status == ExitStatus.checkFailed)
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("2 of 4 requests at once got no answer (2 answered); the first: "), "\(junit)")
    }

    @Test("A --header that would inject another header or is not a token is a flag error (exit 2) for run, load and fuzz", arguments: [
        ["run", "Scenarios/contract/not-found.yaml"], ["load", "Scenarios/load/read-heavy.yaml"], ["fuzz"],
    ])
    func headerInjectionIsAFlagError(command: [String]) async throws {
        let listener = try SilentListener()
        defer { withExtendedLifetime(listener) {} }
        for header in ["X-H: a\r\nX-Injected: 3", "Bad Name: v", "X-H: a\u{0}b"] {
            let arguments = command.map { $0.hasPrefix("Scenarios/") ? ContractPaths.root + "/" + $0 : $0 }
            let status = await Gauntlet.run(arguments: arguments + ["--base-url", listener.baseURL, "--header", header, "--report-dir", reportDirectory])
            #expect(status == ExitStatus.invalidInput, "\(command) --header \(header.debugDescription)")
        }
    }

    @Test("Nothing to run says why: no file, tags that select nothing, or files without scenarios")
    func nothingToRunSaysWhy() throws {
        let empty = reportDirectory + "-empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let options = RunOptions(baseURL: "http://127.0.0.1:9", includeTags: ["nightly"])
        func session(_ paths: [String], _ options: RunOptions) -> ScenarioSession {
            ScenarioSession(paths: paths, options: options, reports: try! ReportOptionGroup.parse([]), console: ConsoleReporter(verbose: false))
        }
        #expect(session([empty], RunOptions(baseURL: "http://127.0.0.1:9")).noScenario(in: []) == "no scenario file (.yaml or .yml) in \(empty)")
        let files = try ScenarioLoader.load(paths: [ContractPaths.suite + "/crud.yaml"])
        #expect(session(["crud.yaml"], options).noScenario(in: files) == "no scenario in crud.yaml is selected by --tag nightly")
    }

    @Test func contractSuitePassesAgainstTheReferenceAPI() async throws {
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: ["run", ContractPaths.suite, "--base-url", baseURL, "--report-dir", reportDirectory])
        }
        #expect(status == ExitStatus.passed)
        let junit = try String(contentsOfFile: reportDirectory + "/junit.xml", encoding: .utf8)
        #expect(junit.contains(#"failures="0" errors="0""#))
    }

    @Test func secretHeadersNeverReachTheReports() async throws {
        let secret = "tok-\(UUID().uuidString)"
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", reportDirectory,
                "--header", "Authorization: Bearer \(secret)", "--header", "x-api-key: \(secret)k", "--verbose",
            ])
        }
        #expect(status == ExitStatus.passed)
        for report in ["junit.xml", "results.json", "report.html"] {
            let text = try String(contentsOfFile: reportDirectory + "/" + report, encoding: .utf8)
            #expect(!text.contains(secret), "\(report) leaks the secret")
            #expect(text.contains("Authorization"))
        }
        let summary = try String(contentsOfFile: reportDirectory + "/summary.md", encoding: .utf8)
        #expect(!summary.contains(secret), "summary.md leaks the secret")
    }

    @Test("A --header value under any name a gateway chose stays out of the reports; one of a header that names no credential is shown")
    func commandLineHeadersAreSecretUnlessPublic() async throws {
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let secret = UUID().uuidString
        let (status, console) = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", reportDirectory,
                "--header", "X-Tenant: tenant-\(secret)", "--header", "X-Session: Bearer sess-\(secret)",
                "--header", "Ocp-Apim-Subscription-Key: apim-\(secret)", "--header", "Accept-Language: nb-NO-\(secret)",
                "--verbose",
            ])
        }
        #expect(status == ExitStatus.passed)
        for report in ["junit.xml", "results.json", "report.html", "summary.md"] {
            let text = try String(contentsOfFile: reportDirectory + "/" + report, encoding: .utf8)
            for leaked in ["tenant-", "sess-", "apim-"] { #expect(!text.contains(leaked + secret), "\(report) shows \(leaked)…") }
        }
        for leaked in ["tenant-", "sess-", "apim-"] { #expect(!console.contains(leaked + secret), "the console shows \(leaked)…") }
        #expect(console.contains("X-Tenant: ***"))
        let results = try String(contentsOfFile: reportDirectory + "/results.json", encoding: .utf8)
        #expect(results.contains("nb-NO-\(secret)"), "Accept-Language carries no credential: its value is shown")
    }
}

@Suite(.timeLimit(.minutes(2))) struct SelfTestCommandTests {
    let reportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-selftest-\(UUID().uuidString)").path

    @Test func passesAndWritesReports() async throws {
        let contractJUnit = reportDirectory + "/contract.xml"
        let status = await Gauntlet.run(arguments: ["selftest", ContractPaths.suite, "--report-dir", reportDirectory, "--junit", contractJUnit])
        #expect(status == ExitStatus.passed)
        for report in [
            "contract.xml", "report.html", "summary.md", "load/load-junit.xml", "load/latency.html", "load/summary.md",
            "fuzz/fuzz.json", "cold-starts/latency.json", "cold-starts/load-junit.xml", "index.html",
        ] {
            #expect(FileManager.default.fileExists(atPath: reportDirectory + "/" + report), "\(report)")
        }
        // One artifact: index.html links the contract run, the load, the fuzz run and the
        // cold-start load, and every link leads to a file.
        let index = try String(contentsOfFile: reportDirectory + "/index.html", encoding: .utf8)
        #expect(index.contains("Gauntlet reports: <span class=\"pass\" id=\"verdict\">PASSED</span>"))
        for link in ["report.html", "contract.xml", "load/latency.html", "fuzz/fuzz-junit.xml", "cold-starts/latency.html"] {
            #expect(index.contains("href=\"\(link)\""), "index.html does not link \(link)")
        }
        for link in ReportCommandTests.fileLinks(in: index, from: reportDirectory) {
            #expect(FileManager.default.fileExists(atPath: link), "\(link) does not exist")
        }
        // The loads' thresholds have JUnit files of their own: the contract suite's stays whole.
        let junit = try String(contentsOfFile: contractJUnit, encoding: .utf8)
        #expect(junit.contains("crud"))
        #expect(!junit.contains("thresholds"))
    }

    @Test func brokenReferenceFails() async throws {
        let status = await Gauntlet.run(arguments: [
            "selftest", ContractPaths.suite + "/list-and-filter.yaml", "--defect", "filter-ignored", "--skip-load",
            "--report-dir", reportDirectory,
        ])
        #expect(status == ExitStatus.checkFailed)
        // The index is written all the same, and says the run failed.
        let index = try String(contentsOfFile: reportDirectory + "/index.html", encoding: .utf8)
        #expect(index.contains("Gauntlet reports: <span class=\"fail\" id=\"verdict\">FAILED</span>"))
    }

    @Test func unknownDefectIsInvalidInput() async {
        #expect(await Gauntlet.run(arguments: ["selftest", "--defect", "no-such-defect"]) == ExitStatus.invalidInput)
    }

    @Test("A defect that shows only under a stage is refused at the root, where the suite would pass and seem blind to it")
    func aStageDefectNeedsAStage() async throws {
        #expect(await Gauntlet.run(arguments: ["selftest", "--defect", "docs-outside-stage", "--skip-load"]) == ExitStatus.invalidInput)
        let status = await Gauntlet.run(arguments: [
            "selftest", ContractPaths.suite + "/docs.yaml", "--defect", "docs-outside-stage", "--base-path", "/prod", "--skip-load",
            "--report-dir", reportDirectory,
        ])
        #expect(status == ExitStatus.checkFailed)
    }
}

enum ContractPaths {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path
    }
    static var suite: String { root + "/Scenarios/contract" }
}

/// `--header` values take `${NAME}` from the environment; a `{{name}}` placeholder, which would
/// go out literally while reports show `***`, is invalid input.
@Suite(.timeLimit(.minutes(1))) struct HeaderPlaceholderTests {
    @Test("A {{name}} in a --header value exits 2 before any request, for run, load and fuzz", arguments: ["run", "load", "fuzz"])
    func placeholderIsInvalidInput(command: String) async throws {
        let server = try ConnectionCounter()
        defer { server.stop() }
        var arguments = [command]
        if command == "run" { arguments.append(ContractPaths.suite + "/not-found.yaml") }
        if command == "load" { arguments += [ContractPaths.root + "/Scenarios/load/selftest.yaml", "--duration", "1s"] }
        arguments += ["--base-url", server.baseURL, "--header", "x-api-key: {{api_key}}"]
        if command != "fuzz" { arguments += ["--secret", "api_key=k-12345"] }
        #expect(await Gauntlet.run(arguments: arguments) == ExitStatus.invalidInput)
        #expect(server.count == 0, "no request was sent")
    }

    @Test("The message names the placeholder and says where ${ENV_NAME} and {{name}} belong")
    func message() {
        #expect(throws: (any Error).self) { try ScenarioSelectionOptions.parseHeaders(["x-api-key: {{api_key}}"], environment: [:]) }
        let problem = ScenarioSelectionOptions.templateProblem(name: "x-api-key", value: "pre {{api_key}} post")
        #expect(problem == "--header x-api-key: {{api_key}} would be sent as written: --header takes ${ENV_NAME} from the environment "
            + "(--header 'x-api-key: ${API_KEY}' with API_KEY exported); {{name}} placeholders belong in scenario files' headers:")
    }

    @Test("Values without a placeholder, braces alone or ${NAME}, are sent as before")
    func otherValuesStillParse() throws {
        let headers = try ScenarioSelectionOptions.parseHeaders(
            ["x-api-key: ${KEY}", "x-json: {\"a\":{}}", "x-open: {{ never closed"], environment: ["KEY": "k-123"])
        #expect(headers.map(\.value) == ["k-123", "{\"a\":{}}", "{{ never closed"])
    }
}
