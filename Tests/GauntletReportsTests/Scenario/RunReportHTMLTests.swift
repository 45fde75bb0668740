import Foundation
import GauntletUnits
import GauntletHTTP
import GauntletScenario
import Testing

@testable import GauntletReports

/// `report.html`, `summary.md` and the anchors that tie them to JUnit, on a run of one passed,
/// one failed and one errored scenario.
@Suite struct RunReportHTMLTests {
    static let run = JUnitReportWriterTests.run

    /// Every `id="…"` on the page.
    static func ids(in html: String) -> [String] {
        html.matches(of: /id="([^"]*)"/).map { String($0.1) }
    }

    @Test func escapingReachesMarkupJoinedToCombiningMarks() {
        #expect(SVGLineChart.escape("a < b & \"c\" 'd' > e") == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e")
        // One Character each, unequal to "<" and "\"" alone: escaping by Character let them through.
        #expect(SVGLineChart.escape("<\u{338}script>") == "&lt;\u{338}script&gt;")
        #expect(SVGLineChart.escape("x=\"\u{301} onload=\"") == "x=&quot;\u{301} onload=&quot;")
        #expect(SVGLineChart.escape("café ✓") == "café ✓")
        // A body's control bytes are HTML errors: the replacement character, tab and line breaks kept.
        #expect(SVGLineChart.escape("a\u{0}b\u{1B}[31m\u{7F}\tc\nd") == "a\u{FFFD}b\u{FFFD}[31m\u{FFFD}\tc\nd")
    }

    @Test("A bidirectional override (U+202E) from a deployment cannot show text reversed: 002 after it does not read 200")
    func bidirectionalOverridesAreShownAsCharacters() {
        // One of three bytes becomes one of three: the page must still change.
        #expect(SVGLineChart.escape("got \u{202E}002") == "got \u{FFFD}002")
        #expect(SVGLineChart.escape("\"\u{202E}002\" \u{2066}a\u{2069} \u{200F}\u{061C}") == "&quot;\u{FFFD}002&quot; \u{FFFD}a\u{FFFD} \u{FFFD}\u{FFFD}")
        // Other characters of the same first bytes stay.
        #expect(SVGLineChart.escape("– ‘’ … ✓ ⁠ ؛") == "– ‘’ … ✓ ⁠ ؛")
        #expect(PrintableText.escaping("got \u{202E}002\u{200E}") == "got \\u{202E}002\\u{200E}")
        var scenario = JUnitReportWriterTests.scenario("read", .passed)
        scenario.steps[0].response?.body = "{\"id\":\"\u{202E}x\"}"
        let transcript = Transcript.text(of: scenario)
        #expect(!transcript.contains("\u{202E}") && transcript.contains("\\u{202E}x"))
    }

    @Test("A long unbroken value wraps inside its cell instead of widening the page")
    func cellsWrapLongValues() throws {
        // The cells that hold values (expected, actual, facts, a first failure's text) break
        // anywhere; the others keep their words whole, so the value columns are the ones to narrow.
        let run = RunReportHTML.render(Self.run)
        #expect(run.contains(".facts td,body>table:not(.facts) td:nth-child(n+4),div.step td:nth-child(2),div.step td:nth-child(3),h2,h3,h4,p{overflow-wrap:anywhere}"))
        #expect(run.contains("<h2>Failed checks</h2>\n<table><tr><th>Scenario</th><th>Step</th><th>Check</th><th>Expected</th><th>Actual</th></tr>"))
        let load = LatencyReportHTML.render(try HostileSummaryTests.hostileLoad())
        #expect(load.contains(".facts td,.value,p{overflow-wrap:anywhere}"))
        #expect(load.contains("<td class=\"value\">expected 200 (load.yaml:9:19); body: &lt;details&gt;"))
    }

    @Test func longValuesAreCutToTheirHead() {
        #expect(RunReportHTML.cut(String(repeating: "ab", count: 300), limit: 5) == "ababa…")
        #expect(RunReportHTML.cut("abcde", limit: 5) == "abcde")
        #expect(RunReportHTML.cut("e\u{301}e\u{301}", limit: 1) == "e\u{301}…")
        #expect(Transcript.oneLine(String(repeating: "a\n", count: 100_000), limit: 10) == "a\\na\\na\\na…")
        #expect(Transcript.oneLine("a\nb", limit: 4) == "a\\nb")
        #expect(Transcript.oneLine("a\nb", limit: 3) == "a\\n…")
        #expect(Transcript.oneLine("a\r\nb", limit: 10) == "a\\r\\nb")
    }

    @Test("A body's control characters reach no terminal or CI log as they are")
    func controlCharactersAreWrittenOut() {
        let body = "ok\u{1B}[2J\u{1B}[32m✓ all passed\rx\r::error title=x::passed\u{7}\u{0}\tend"
        #expect(Transcript.oneLine(body, limit: 200)
            == "ok\\u{1B}[2J\\u{1B}[32m✓ all passed\\rx\\r::error title=x::passed\\u{7}\\u{0}\tend")
        #expect(PrintableText.escaping("é\u{85}") == "é\\u{85}")
    }

    @Test("Copies sent at once are not called attempts: no copy retried another")
    func sendsAreNamedForWhatTheyWere() {
        var retried = JUnitReportWriterTests.step(passed: false)
        retried.attempts = 3
        var concurrent = JUnitReportWriterTests.step(passed: false)
        concurrent.attempts = 5
        concurrent.copiesAtOnce = 5
        func summary(_ step: StepResult) -> String {
            Transcript.failureSummary(of: ScenarioResult(
                name: "sends", tags: [], location: JUnitReportWriterTests.location, outcome: .failed, steps: [step],
                teardown: [], durationSeconds: 0))
        }
        #expect(summary(retried).contains("sent: 3 attempts"))
        #expect(summary(concurrent).contains("sent: 5 copies at once"))
        #expect(!summary(concurrent).contains("attempts"))
    }

    @Test("The transcript names the protocol that answered, as curl -v does")
    func transcriptNamesTheProtocol() {
        var step = JUnitReportWriterTests.step(passed: true)
        step.response?.httpVersion = "HTTP/2"
        #expect(Transcript.stepLines(step, indent: "").contains("< HTTP/2 201"))
        step.response?.httpVersion = nil
        #expect(Transcript.stepLines(step, indent: "").contains("< 201"))
    }

    @Test func slugsAreLowercaseASCIIWithSingleDashes() {
        #expect(RunReportAnchors.slug("GET <item> & \"renamed\"") == "get-item-renamed")
        #expect(RunReportAnchors.slug("  POST /events/{id} ") == "post-events-id")
        #expect(RunReportAnchors.slug("ñ") == "x")
        #expect(RunReportAnchors.fileStem("Scenarios/contract/crud.yaml") == "crud")
    }

    @Test func anchorsAreStableAndUniqueEvenForRepeatedNames() {
        let step = JUnitReportWriterTests.step(passed: true)
        let scenario = ScenarioResult(
            name: "twice", tags: [], location: JUnitReportWriterTests.location, outcome: .passed, steps: [step, step],
            teardown: [step], durationSeconds: 0)
        let run = RunResult(
            runID: "g1", baseURL: "http://x", startedAt: Date(), durationSeconds: 0,
            suites: [SuiteResult(name: "s", file: "a/crud.yaml", scenarios: [scenario, scenario])], interrupted: false)
        let anchors = RunReportAnchors(run)
        #expect(anchors.scenario(suite: 0, scenario: 0) == "scenario-crud-twice")
        #expect(anchors.scenario(suite: 0, scenario: 1) == "scenario-crud-twice-2")
        #expect(anchors.step(suite: 0, scenario: 0, step: 0) == "check-crud-twice-create")
        #expect(anchors.step(suite: 0, scenario: 0, step: 1) == "check-crud-twice-create-2")
        #expect(anchors.step(suite: 0, scenario: 0, step: 0, teardown: true) == "check-crud-twice-teardown-create")
        let ids = Self.ids(in: RunReportHTML.render(run))
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids)")
        #expect(ids.count == 2 + 6)
        #expect(RunReportAnchors(run).step(suite: 0, scenario: 1, step: 1) == anchors.step(suite: 0, scenario: 1, step: 1))
    }

    @Test func showsHeadlineFailureAndReproduction() {
        let html = RunReportHTML.render(Self.run)
        #expect(html.contains("Contract run: <span class=\"fail\">FAILED</span>"))
        #expect(html.contains("<tr><th>Base URL</th><td>http://127.0.0.1:8000</td></tr>"))
        #expect(html.contains("3: 1 passed, 1 failed, 1 errored, 0 skipped, 0 interrupted"))
        #expect(html.contains("<tr><th>Interrupted</th><td>no</td></tr>"))
        // The failed check: expected and actual, in the failures table and at the step.
        let failed = RunReportAnchors(Self.run).step(suite: 0, scenario: 1, step: 0)
        #expect(failed == "check-crud-get-item-renamed-create")
        #expect(html.contains("<a href=\"#\(failed)\">GET &lt;item&gt; &amp; &quot;renamed&quot;</a>"))
        #expect(html.contains("<tr><td>status</td><td>201</td><td>422</td><td class=\"fail\">FAILED</td>"))
        #expect(html.contains("<pre>reproduce: curl --request POST &#39;http://127.0.0.1:8000/events&#39;</pre>"))
        #expect(html.contains("connection refused"))
        // No markup from the results gets through unescaped.
        #expect(!html.contains("<item>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
    }

    @Test func interruptedRunSaysSo() {
        var run = Self.run
        run.interrupted = true
        let html = RunReportHTML.render(run)
        #expect(html.contains(">INTERRUPTED</span>"))
        #expect(html.contains("yes: stopped before every scenario ran"))
        #expect(RunReportMarkdown.render(run).contains("**interrupted**"))
    }

    @Test func preconditionThatDidNotHoldIsShownAsSkipped() {
        let location = JUnitReportWriterTests.location
        let step = StepResult(
            name: "list", location: location, attempts: 1, request: RecordedRequest(method: "GET", url: "http://x/events", headers: [], body: nil),
            curlCommand: "curl 'http://x/events'",
            preconditions: [AssertionResult(subject: "status", expected: "200", actual: "404", passed: false, location: location)])
        let scenario = ScenarioResult(
            name: "optional", tags: [], location: location, outcome: .skipped, steps: [step], teardown: [], durationSeconds: 0,
            reason: "precondition failed: status")
        let run = RunResult(runID: "g", baseURL: "http://x", startedAt: Date(), durationSeconds: 0,
                            suites: [SuiteResult(name: "s", file: "s.yaml", scenarios: [scenario])], interrupted: false)
        let html = RunReportHTML.render(run)
        #expect(html.contains("<tr><td>given status</td><td>200</td><td>404</td><td class=\"skip\">did not hold: check skipped</td>"))
        #expect(html.contains(">SKIPPED</span> optional"))
    }

    @Test func summaryListsFailedChecksWithLinksIntoTheReport() throws {
        let markdown = RunReportMarkdown.render(Self.run)
        #expect(markdown.hasPrefix("## ❌ Contract run FAILED\n"))
        #expect(markdown.contains("3 scenarios against `http://127.0.0.1:8000`"))
        #expect(RunReportMarkdown.render(ReportIndexTests.passedRun).contains("\n1 scenario against `http://127.0.0.1:8000` in "))
        let anchors = RunReportAnchors(Self.run)
        #expect(markdown.contains(
            "| GET &lt;item> & \"renamed\" | create | status | 201 | 422 | [report](report.html#\(anchors.step(suite: 0, scenario: 1, step: 0))) |"))
        #expect(markdown.contains(
            "| GET unknown is 404 | create | request | an answer | POST http://127.0.0.1:1/events: connection refused | [report](report.html#\(anchors.step(suite: 1, scenario: 0, step: 0))) |"))
        // Every row links to an id report.html has.
        let ids = Set(Self.ids(in: RunReportHTML.render(Self.run)))
        let links = markdown.matches(of: /report\.html#([a-z0-9-]+)/).map { String($0.1) }
        #expect(links.count == 2)
        for link in links { #expect(ids.contains(link), "\(link)") }
        #expect(RunReportMarkdown.cell("a|b\nc") == "a\\|b c")
        #expect(RunReportMarkdown.cell("a\u{0}b\u{1B}c\u{85}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(RunReportMarkdown.code("x`\u{0}y") == "x'\u{FFFD}y")
        #expect(RunReportMarkdown.cell("a\r\nb") == "a  b")
        #expect(RunReportMarkdown.cell("a|\u{301}b <\u{338}c") == "a\\|\u{301}b &lt;\u{338}c")
        #expect(RunReportMarkdown.cell(String(repeating: "x", count: 1_000_000)) == String(repeating: "x", count: 200) + "…")
        #expect(RunReportMarkdown.cell(String(repeating: "x", count: 200)) == String(repeating: "x", count: 200))
    }

    @Test func junitLinksEveryTestCaseToAnIdOfTheReport() {
        let xml = JUnitReportWriter.xml(for: Self.run, reportLink: "../html/report.html")
        let links = xml.matches(of: /report: \.\.\/html\/report\.html#([a-z0-9-]+)/).map { String($0.1) }
        #expect(links.count == 3)
        let ids = Set(Self.ids(in: RunReportHTML.render(Self.run)))
        for link in links { #expect(ids.contains(link), "\(link)") }
        #expect(links[0] == "scenario-crud-post-answers-201")
        #expect(!JUnitReportWriter.xml(for: Self.run).contains("report: "))
    }

    @Test func relativePathsBetweenFolders() {
        #expect(RelativePath.from(folder: "/a/b", to: "/a/b/report.html") == "report.html")
        #expect(RelativePath.from(folder: "/a/junit", to: "/a/Reports/report.html") == "../Reports/report.html")
        #expect(RelativePath.from(folder: "/a/b/c", to: "/a/b") == "..")
        #expect(RelativePath.from(folder: "Reports/./x/..", to: "Reports/report.html") == "report.html")
        #expect(RelativePath.href("my reports/a#b.html") == "my%20reports/a%23b.html")
    }

    @Test("A folder whose name has a colon is linked as a path, not read as a URL scheme (run:2, javascript:…)")
    func hrefsNeverStartWithAScheme() {
        #expect(RelativePath.href("run:2/latency.html") == "./run:2/latency.html")
        #expect(RelativePath.href("javascript:alert(1)/report.html") == "./javascript:alert%281%29/report.html")
        #expect(RelativePath.href("../a:b/report.html") == "../a:b/report.html")
        #expect(RelativePath.href("nightly/a:b/report.html") == "nightly/a:b/report.html")
        // A parenthesis would end a Markdown link early.
        #expect(RunReportMarkdown.render(Self.run, reportLink: "../out (1)/report.html").contains("[report.html](../out%20%281%29/report.html)"))
    }
}
