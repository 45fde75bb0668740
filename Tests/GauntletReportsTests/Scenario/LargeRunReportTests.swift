import Foundation
import GauntletJSON
import GauntletScenario
import Testing

@testable import GauntletReports

/// A run of many testcases: reports written a testcase at a time read as one document would,
/// and testcases past the run's whole transcripts still say every verdict.
@Suite struct LargeRunReportTests {
    static let omitted = "headers, bodies and curl commands not kept: the run kept them for its first 2 passed or skipped testcases"

    /// Two suites (the second with no scenario), a name holding the text the JSON writer cuts at,
    /// and testcases past the whole transcripts, passed and failed.
    static let run: RunResult = {
        var passedBrief = JUnitReportWriterTests.scenario("read [n=3]", .passed).withoutTranscript(reason: omitted)
        passedBrief.durationSeconds = 0.004
        let failedBrief = JUnitReportWriterTests.scenario("read [n=4]", .failed)
            .withoutTranscript(reason: "headers, bodies and curl commands not kept: the run kept them for its first 2 failed, errored or interrupted testcases")
        return RunResult(
            runID: "g1", baseURL: "http://127.0.0.1:8000", startedAt: Date(timeIntervalSince1970: 1_700_000_000), durationSeconds: 2,
            suites: [
                SuiteResult(name: "rows", file: "rows.yaml", scenarios: [
                    JUnitReportWriterTests.scenario(#"read "scenarios": []"#, .passed),
                    JUnitReportWriterTests.scenario("read [n=2]", .failed), passedBrief, failedBrief,
                ]),
                SuiteResult(name: "empty", file: "empty.yaml", scenarios: []),
                SuiteResult(name: "more", file: "more.yaml", scenarios: [JUnitReportWriterTests.scenario("list", .errored)]),
            ],
            interrupted: false)
    }()

    @Test("results.json written a scenario at a time is, byte for byte, the document encoded whole")
    func streamedJSONIsTheWholeDocument() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let whole = try JSONValue(parsing: Array(try encoder.encode(JSONReport(Self.run))))
        let expected = JSONReportWriter.restoringCheckValues(in: whole).serialized(pretty: true, sortedKeys: true)
        let streamed = String(decoding: try JSONReportWriter.data(for: Self.run), as: UTF8.self)
        #expect(streamed == expected)
        let brief = try #require(try JSONValue(parsing: Array(streamed.utf8))["suites"]?[0]?["scenarios"]?[2])
        #expect(brief["transcriptOmitted"] == .string(Self.omitted))
        #expect(brief["steps"]?[0]?["response"]?["body"] == "")
        #expect(brief["steps"]?[0]?["curlCommand"] == nil)
        #expect(brief["steps"]?[0]?["assertions"]?[0]?["actualText"] == "201", "every check stays")
    }

    @Test("A passed testcase past the whole transcripts is a row under its own id; a failed one keeps its section and says what it lost")
    func briefTestcasesInTheHTMLReport() throws {
        let html = RunReportHTML.render(Self.run)
        let anchors = RunReportAnchors(Self.run)
        let row = try #require(html.firstMatch(of: /<tr id="([^"]+)"><td class="pass">PASSED<\/td><td>read \[n=3\]<\/td>.*<\/tr>/))
        #expect(String(row.1) == anchors.scenario(suite: 0, scenario: 2))
        #expect(row.0.contains("POST http://127.0.0.1:8000/events → 201"))
        #expect(html.contains("<h3>1 more passed or skipped</h3>"))
        #expect(!html.contains("<section class=\"scenario\" id=\"\(anchors.scenario(suite: 0, scenario: 2))\""))
        #expect(html.contains("<section class=\"scenario\" id=\"\(anchors.scenario(suite: 0, scenario: 3))\""))
        #expect(html.contains("(headers, bodies and curl commands not kept: the run kept them for its first 2 failed, errored or interrupted testcases)"))
        #expect(html.contains("status</td><td>201</td><td>422</td><td class=\"fail\">FAILED"), "the failed check is shown whole")
    }

    @Test("Every report: line of the JUnit file leads to an id the page has, brief rows included")
    func junitLinksReachBriefRows() throws {
        let html = RunReportHTML.render(Self.run)
        let ids = Set(RunReportHTMLTests.ids(in: html))
        let xml = JUnitReportWriter.xml(for: Self.run, reportLink: "report.html")
        let targets = xml.matches(of: /report: report\.html#([a-z0-9-]+)/).map { String($0.1) }
        #expect(targets.count == 5)
        for target in targets { #expect(ids.contains(target), "\(target)") }
        try XMLLint.validate(xml)
    }

    @Test("A passed testcase whose teardown left something behind keeps its section, whatever its transcript")
    func leftBehindKeepsASection() {
        var scenario = Self.run.suites[0].scenarios[2]
        scenario.leftBehind = ["event e9"]
        var run = Self.run
        run.suites[0].scenarios[2] = scenario
        let html = RunReportHTML.render(run)
        let id = RunReportAnchors(run).scenario(suite: 0, scenario: 2)
        #expect(html.contains("<section class=\"scenario\" id=\"\(id)\""))
        #expect(html.contains("<p class=\"fail\">left behind: event e9</p>"))
        #expect(!html.contains("<tr id=\"\(id)\""))
    }

    @Test("The table of failed checks stops at 1,000 rows and says how many more there are")
    func failedChecksTableIsBounded() {
        let failures = (0..<1_003).map { JUnitReportWriterTests.scenario("read [n=\($0)]", .failed) }
        let run = RunResult(
            runID: "g1", baseURL: "http://h", startedAt: Date(), durationSeconds: 1,
            suites: [SuiteResult(name: "rows", file: "rows.yaml", scenarios: failures)], interrupted: false)
        let html = RunReportHTML.render(run)
        let table = html.components(separatedBy: "<h2>Failed checks</h2>")[1].components(separatedBy: "</table>")[0]
        #expect(table.matches(of: /<tr><td><a href/).count == 1_000)
        #expect(html.contains("<p>3 more failed checks (1003 in all): each is in its scenario's section below.</p>"))
        #expect(html.matches(of: /<section class="scenario"/).count == 1_003)
    }

    @Test("A report file appears whole on commit, replacing the last; one never committed leaves nothing")
    func reportFileWriter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-file-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/sub/junit.xml"
        do {
            let writer = try ReportFileWriter(path: path)
            writer.write("old")
            try writer.commit()
        }
        do {
            let writer = try ReportFileWriter(path: path)
            writer.write(String(repeating: "x", count: 3 << 20))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old", "the last report stays until the new one is whole")
            try writer.commit()
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).utf8.count == 3 << 20)
        do {
            let writer = try ReportFileWriter(path: folder + "/sub/results.json")
            writer.write(String(repeating: "y", count: 2 << 20))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["junit.xml"])

        // A report that cannot be put in place (a folder of its name is in the way) names itself.
        try FileManager.default.createDirectory(atPath: folder + "/sub/report.html", withIntermediateDirectories: true)
        let blocked = try ReportFileWriter(path: folder + "/sub/report.html")
        blocked.write("<html>")
        #expect { try blocked.commit() } throws: { error in
            "\(error)".hasPrefix("cannot write the report \(folder)/sub/report.html: ")
        }
    }

    @Test("A temporary report file whose process has ended is removed; a live process's stays")
    func abandonedTemporaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-tmp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let own = ProcessInfo.processInfo.processIdentifier
        for name in [".results.json.\(ended.processIdentifier)-7.tmp", ".junit.xml.\(own)-8.tmp", "results.json", ".x.tmp"] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))
        }
        ReportFileWriter.removeAbandoned(in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [".junit.xml.\(own)-8.tmp", ".x.tmp", "results.json"])
    }
}
