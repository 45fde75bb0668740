import ArgumentParser
import Foundation
import GauntletAPI
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import GauntletCLI

/// `gauntlet run`'s `report.html`, `summary.md`, JUnit `report:` links and `--github-summary`,
/// on runs against the reference API broken by `create-200` (POST answers 200, not 201).
@Suite(.timeLimit(.minutes(2))) struct RunReportTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-run-report-\(UUID().uuidString)").path

    static var brokenCreate: APIConfiguration {
        var configuration = APIConfiguration.testing
        configuration.defects = [.create200]
        return configuration
    }

    /// Runs `crud.yaml` against the reference broken by `create-200` with `arguments`.
    func runBrokenCRUD(_ arguments: [String]) async throws -> Int32 {
        try await EventAPIServer.withRunningServer(Self.brokenCreate) { baseURL in
            await Gauntlet.run(arguments: ["run", ContractPaths.suite + "/crud.yaml", "--base-url", baseURL] + arguments)
        }
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Every `id="…"` of an HTML page.
    static func ids(in html: String) -> Set<String> { Set(html.matches(of: /id="([^"]*)"/).map { String($0.1) }) }

    @Test func reportShowsAnchorsTheFailureAndItsReproduction() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let secret = "tok-\(UUID().uuidString)"
        let status = try await runBrokenCRUD([
            "--report-dir", root, "--header", "Authorization: Bearer \(secret)", "--header", "x-api-key: \(secret)k",
        ])
        #expect(status == ExitStatus.checkFailed)
        let html = try read(root + "/report.html")
        #expect(html.contains("Contract run: <span class=\"fail\">FAILED</span>"))
        let ids = Self.ids(in: html)
        #expect(ids.contains("scenario-crud-post-events-answers-201-with-the-eventid-and-a-message"))
        #expect(ids.contains("check-crud-post-events-answers-201-with-the-eventid-and-a-message-create"))
        // The failed check, what was expected and what came back.
        #expect(html.contains("<tr><td>status</td><td>201</td><td>200</td><td class=\"fail\">FAILED</td>"))
        // A later scenario's precondition on the same status did not hold.
        #expect(html.contains("<td>given status</td><td>201</td><td>200</td><td class=\"skip\">did not hold: check skipped</td>"))
        #expect(html.contains("<pre>reproduce: curl "))
        // Secrets are redacted in every report, report.html and summary.md included.
        for report in ["report.html", "summary.md", "junit.xml", "results.json"] {
            let text = try read(root + "/" + report)
            #expect(!text.contains(secret), "\(report) leaks the secret")
        }
        #expect(html.contains("Authorization: ***") || html.contains("Authorization: Bearer ***"))

        let summary = try read(root + "/summary.md")
        #expect(summary.hasPrefix("## ❌ Contract run FAILED"))
        #expect(summary.contains("| create | status | 201 | 200 | [report](report.html#check-crud-post-events-answers-201-with-the-eventid-and-a-message-create) |"))
    }

    @Test("A password in the base URL is in no report and on no console line")
    func baseURLPasswordIsRedacted() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binary = try #require(GauntletProcess.binary, "build gauntlet first: swift build --build-tests")
        let (status, console) = try await EventAPIServer.withRunningServer(Self.brokenCreate) { baseURL in
            try await GauntletProcess.run(binary, arguments: [
                "run", ContractPaths.suite + "/crud.yaml", "--report-dir", root,
                "--base-url", baseURL.replacingOccurrences(of: "http://", with: "http://tester:url-pass-4@"),
            ])
        }
        #expect(status == ExitStatus.checkFailed)
        #expect(!console.contains("url-pass-4"))
        #expect(console.contains("against http://tester:***@127.0.0.1:"))
        for report in ["report.html", "summary.md", "junit.xml", "results.json"] {
            #expect(!(try read(root + "/" + report)).contains("url-pass-4"), "\(report) leaks the password")
        }
    }

    @Test func junitLinksResolveToIdsOfTheReportFromAnotherFolder() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let junit = root + "/ci/contract.xml"
        let status = try await runBrokenCRUD(["--report-dir", root + "/reports", "--junit", junit])
        #expect(status == ExitStatus.checkFailed)
        let cases = try JUnitCases.parse(Data(contentsOf: URL(fileURLWithPath: junit)))
        try #require(cases.count >= 4)
        for testCase in cases {
            let link = try #require(testCase.output.split(separator: "\n").last { $0.hasPrefix("report: ") }, "\(testCase.name) has no report: line")
            let target = link.dropFirst("report: ".count)
            let parts = target.split(separator: "#", maxSplits: 1).map(String.init)
            try #require(parts.count == 2)
            #expect(parts[0] == "../reports/report.html")
            let page = try read(root + "/ci/" + parts[0])
            #expect(Self.ids(in: page).contains(parts[1]), "\(testCase.name): #\(parts[1]) is not in report.html")
            // Every test case whose scenario sent a request carries a curl reproduction.
            if testCase.output.contains("> POST ") || testCase.output.contains("> GET ") {
                #expect(testCase.output.contains("reproduce: curl "), "\(testCase.name) has no curl reproduction")
            }
        }
        // The failed scenario's link leads to the step that failed.
        let failed = try #require(cases.first { $0.name.hasPrefix("POST /events answers 201") })
        #expect(failed.output.hasSuffix("report: ../reports/report.html#check-crud-post-events-answers-201-with-the-eventid-and-a-message-create"))
    }

    @Test func githubSummaryAppendsWhenTheVariableIsSet() async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let stepSummary = root + "/step-summary.md"
        try "# earlier step\n".write(toFile: stepSummary, atomically: true, encoding: .utf8)
        let status = try await ProcessEnvironment.$override.withValue([GitHubStepSummaryFile.variable: stepSummary]) {
            try await runBrokenCRUD(["--report-dir", root + "/reports", "--github-summary"])
        }
        #expect(status == ExitStatus.checkFailed)
        let appended = try read(stepSummary)
        let summary = try read(root + "/reports/summary.md")
        // On GitHub's page a relative link leads nowhere: the job summary's copy has none and
        // says where the reports are; summary.md, read beside report.html, links into it.
        #expect(summary.contains("[report](report.html#check-"))
        let copy = String(appended.dropFirst("# earlier step\n".count))
        #expect(copy.hasPrefix(summary.components(separatedBy: "\n|").first ?? "-"), "the same headline and counts")
        #expect(!copy.contains("](report.html") && copy.contains("| Scenario | Step | Check | Expected | Actual |\n"))
        #expect(copy.hasSuffix("Details, transcripts and curl reproductions: report.html in the report folder (upload it as an artifact).\n\n"))

        // Without the flag, or without the variable, the file is left alone.
        let status2 = try await ProcessEnvironment.$override.withValue([GitHubStepSummaryFile.variable: stepSummary]) {
            try await runBrokenCRUD(["--report-dir", root + "/reports"])
        }
        #expect(status2 == ExitStatus.checkFailed)
        let status3 = try await ProcessEnvironment.$override.withValue([:]) {
            try await runBrokenCRUD(["--report-dir", root + "/reports", "--github-summary"])
        }
        #expect(status3 == ExitStatus.checkFailed)
        #expect(try read(stepSummary) == appended)
    }

    @Test("The job summary links the run's artifacts when GitHub's variables name the run")
    func jobSummaryLinksTheArtifacts() {
        #expect(GitHubStepSummaryFile.reportsAt(environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "team/api", "GITHUB_RUN_ID": "42",
        ]) == "the report folder (upload it as an artifact): [the run's artifacts](https://github.com/team/api/actions/runs/42#artifacts)")
        #expect(GitHubStepSummaryFile.reportsAt(environment: ["GITHUB_RUN_ID": "42"]) == "the report folder (upload it as an artifact)")
    }

    @Test func githubSummaryHelpSaysWhatHappensWithoutTheVariable() throws {
        let help = RunCommand.helpMessage()
        #expect(help.contains("--github-summary"))
        #expect(help.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("does nothing when that variable is not set"))
    }
}

/// The `testcase`s of a JUnit file with their `system-out`, read by an XML parser.
final class JUnitCases: NSObject, XMLParserDelegate {
    struct TestCase {
        var name: String
        var output: String
    }

    private(set) var cases: [TestCase] = []
    private var inOutput = false

    static func parse(_ data: Data) throws -> [TestCase] {
        let reader = JUnitCases()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return reader.cases
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "testcase" { cases.append(TestCase(name: attributes["name"] ?? "", output: "")) }
        if name == "system-out" { inOutput = true }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "system-out" { inOutput = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inOutput, !cases.isEmpty { cases[cases.count - 1].output += string }
    }
}
