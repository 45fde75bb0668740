import Foundation
import GauntletFuzz
import GauntletScenario
import Testing

@testable import GauntletReports

/// `ReportIndex` over folders written by the real writers: it finds each part, reads its
/// verdict, fails the whole when one part failed, and `index.html` links only files that exist.
@Suite struct ReportIndexTests {
    let root = NSTemporaryDirectory() + "gauntlet-index-" + UUID().uuidString

    /// The fixture run with only its passed scenario.
    static var passedRun: RunResult {
        var run = JUnitReportWriterTests.run
        run.suites = [SuiteResult(name: "CRUD lifecycle", file: "crud.yaml", scenarios: [run.suites[0].scenarios[0]])]
        return run
    }

    /// Writes a contract run's reports into `folder` under the root, as `gauntlet run` does.
    func writeContract(_ run: RunResult, in folder: String, junitName: String = "junit.xml") throws {
        let path = root + "/" + folder
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try JSONReportWriter.data(for: run).write(to: URL(fileURLWithPath: path + "/results.json"))
        try JUnitReportWriter.xml(for: run, reportLink: "report.html").write(toFile: path + "/" + junitName, atomically: true, encoding: .utf8)
        try RunReportHTML.render(run).write(toFile: path + "/report.html", atomically: true, encoding: .utf8)
        try RunReportMarkdown.render(run).write(toFile: path + "/summary.md", atomically: true, encoding: .utf8)
    }

    /// Writes the reports of a fuzz run that found no document, as `gauntlet fuzz` does.
    func writeFailedFuzz(in folder: String) throws {
        let path = root + "/" + folder
        _ = try FuzzReportWriter.writeDocumentFailure(
            DocumentError(source: "http://127.0.0.1:1/openapi.json", "could not fetch the document"), baseURL: "http://127.0.0.1:1",
            directory: path, junitPath: path + "/fuzz-junit.xml", secrets: [])
    }

    /// Every `href` of `html` that is not an in-page anchor, resolved from `folder`.
    static func fileLinks(in html: String, from folder: String) -> [String] {
        html.matches(of: /href="([^"#][^"]*)"/).map { folder + "/" + (String($0.1).removingPercentEncoding ?? String($0.1)) }
    }

    @Test("A run that reached no deployment fails the index, which says it was not reached and how many scenarios did not run")
    func aRunThatReachedNoDeploymentSaysSo() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(RunHeadlineTests.unreachedRun(notRun: 96), in: "down")
        let index = try ReportIndex.find(in: root)
        #expect(index.parts.map(\.verdict) == [.failed])
        #expect(index.parts[0].facts.contains(ReportIndex.Fact(
            "Not reached", "no request was answered (exit 3); 96 of 99 scenarios were not run", failing: true)))
    }

    @Test func findsEachPartWithItsVerdictAndFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(Self.passedRun, in: ".", junitName: "contract.xml")
        try writeContract(JUnitReportWriterTests.run, in: "nightly/contract")
        try writeFailedFuzz(in: "fuzz")
        try "not json".write(toFile: root + "/fuzz/findings-not-a-report.txt", atomically: true, encoding: .utf8)

        let index = try ReportIndex.find(in: root)
        #expect(index.parts.map(\.kind) == [.contract, .contract, .fuzz])
        #expect(index.parts.map(\.folder) == [".", "nightly/contract", "fuzz"])
        #expect(index.parts.map(\.verdict) == [.passed, .failed, .failed])
        #expect(index.verdict == .failed)
        #expect(!index.passed)
        let first = index.parts[0]
        #expect(first.links.map(\.label) == ["HTML report", "JUnit", "JSON", "summary"])
        #expect(first.links[1].path.hasSuffix("/contract.xml"), "the JUnit file found by its run id")
        #expect(first.facts.contains(ReportIndex.Fact("Scenarios", "1: 1 passed, 0 failed, 0 errored, 0 skipped")))
        #expect(index.parts[2].facts.contains { $0.name == "Document" && $0.failing })

        let html = ReportIndexHTML.render(index, from: root)
        #expect(html.contains("Gauntlet reports: <span class=\"fail\" id=\"verdict\">FAILED</span>"))
        #expect(html.contains("3 parts under \(root): 1 passed, 2 failed."))
        let links = Self.fileLinks(in: html, from: root)
        #expect(links.count == 4 + 4 + 2)
        for link in links { #expect(FileManager.default.fileExists(atPath: link), "\(link)") }
        #expect(html.contains("href=\"nightly/contract/report.html\""))

        // Written elsewhere, the links are relative to the page's own folder.
        try FileManager.default.createDirectory(atPath: root + "/site", withIntermediateDirectories: true)
        let elsewhere = ReportIndexHTML.render(index, from: root + "/site")
        #expect(elsewhere.contains("href=\"../nightly/contract/report.html\""))
        for link in Self.fileLinks(in: elsewhere, from: root + "/site") { #expect(FileManager.default.fileExists(atPath: link), "\(link)") }
    }

    @Test("A part in a folder named with a colon is linked, not read as a URL scheme: javascript:… runs nothing")
    func foldersWithAColonAreLinkedAsPaths() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(Self.passedRun, in: "run:2")
        try writeContract(Self.passedRun, in: "javascript:alert(1)")
        let html = ReportIndexHTML.render(try ReportIndex.find(in: root), from: root)
        #expect(html.contains("href=\"./run:2/report.html\""))
        #expect(html.contains("href=\"./javascript:alert%281%29/report.html\""))
        #expect(!html.contains("href=\"javascript:") && !html.contains("href=\"run:"))
        for link in Self.fileLinks(in: html, from: root) { #expect(FileManager.default.fileExists(atPath: link), "\(link)") }
    }

    @Test func passesOnlyWhenEveryPartPassed() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(Self.passedRun, in: "a")
        try writeContract(Self.passedRun, in: "b")
        #expect(try ReportIndex.find(in: root).verdict == .passed)
        var interrupted = Self.passedRun
        interrupted.interrupted = true
        try writeContract(interrupted, in: "c")
        #expect(try ReportIndex.find(in: root).verdict == .interrupted)
        try writeFailedFuzz(in: "d")
        #expect(try ReportIndex.find(in: root).verdict == .failed)
    }

    @Test func anUnreadableReportIsAFailedPart() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/load", withIntermediateDirectories: true)
        try #"{"plan": "x"}"#.write(toFile: root + "/load/latency.json", atomically: true, encoding: .utf8)
        let index = try ReportIndex.find(in: root)
        #expect(index.parts.map(\.verdict) == [.unreadable])
        #expect(index.parts[0].facts.first?.value.contains("latency.json is not a report this gauntlet reads") == true)
        #expect(index.verdict == .failed)
    }

    @Test func searchesOnlyAFewLevelsDown() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(Self.passedRun, in: "1/2/3/4/5")
        #expect(throws: ReportIndexError.noReports(root)) { try ReportIndex.find(in: root, maxDepth: 4) }
        #expect(try ReportIndex.find(in: root, maxDepth: 5).parts.count == 1)
    }

    @Test func aFolderReachedTwiceThroughALinkIsIndexedOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeContract(Self.passedRun, in: "nightly/contract")
        // A link back up the tree, and a second name for a folder already there.
        try FileManager.default.createSymbolicLink(atPath: root + "/nightly/contract/loop", withDestinationPath: root + "/nightly")
        try FileManager.default.createSymbolicLink(atPath: root + "/latest", withDestinationPath: root + "/nightly/contract")
        let index = try ReportIndex.find(in: root)
        #expect(index.parts.map(\.folder) == ["latest"])
    }

    @Test func anEmptyOrMissingFolderIsAnError() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ReportIndexError.notAFolder(root)) { try ReportIndex.find(in: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        #expect(throws: ReportIndexError.noReports(root)) { try ReportIndex.find(in: root) }
    }
}
