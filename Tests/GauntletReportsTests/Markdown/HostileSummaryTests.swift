import Foundation
import GauntletLoad
import GauntletScenario
import Testing

@testable import GauntletReports

/// `summary.md` of a run and of a load when the deployment under test answers with markup: what
/// it sent (a body a first failure quotes, a label a teardown captured from it, a setup step's
/// failure) shows as text on GitHub's job summary, and never opens a tag, ends a table row or
/// folds the rest of the page into a `<details>`.
@Suite struct HostileSummaryTests {
    /// What a hostile deployment answers: HTML that runs script or folds the page, Markdown that
    /// links and formats, a line break and pipes that end a table row, a bidirectional override.
    static let payload = "<details><summary>x</summary> <img src=x onerror=alert(1)> <!-- a|b\nc [l](javascript:alert(1)) **b** "
        + "`t` &lt;i&gt; \u{202E}002"

    /// A load whose only request failed with `payload` as its first failure's text, which left
    /// behind an event labelled with it and whose plan is named with markup.
    static func hostileLoad() throws -> LoadResult {
        var total = RequestStats(name: "total")
        total.latency.record(micros: 2_000)
        total.count = 1
        total.errors = 1
        total.statusCounts = [500: 1]
        total.errorCounts = ["HTTP 500": 1, "check $.title": 1, "check $.b": 1]
        total.errorExamples = ["HTTP 500": "expected 200 (load.yaml:9:19); body: " + payload]
        var named = total
        named.name = "get <b>event</b>"
        var result = LoadResult(
            planName: "<script>alert(1)</script>", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(1), total: total,
            byName: [named], sent: 1, cancelled: false, thresholds: [try Threshold(parsing: "p99<250ms")])
        result.leftBehind = 1
        result.leftBehindLabels = ["event " + payload]
        return result
    }

    @Test("A load's summary.md shows the deployment's markup as text")
    func loadSummaryNeutralisesMarkup() throws {
        let markdown = LatencyReportMarkdown.render(try Self.hostileLoad())
        for raw in ["<details><summary>x", "<img", "<!--", "<script>", "<b>", "[l](javascript", "**b**", "`t`", "&lt;i&gt;", "\u{202E}"] {
            #expect(!markdown.contains(raw), "summary.md carries \(raw) as markup")
        }
        // The one `<details>` is the summary's own, around the percentile distribution.
        #expect(markdown.components(separatedBy: "<details>").count == 2)
        // Every table row of the errors table is one line with its three cells.
        let errors = try #require(markdown.components(separatedBy: "### Errors").last)
        let row = try #require(errors.split(separator: "\n").first { $0.hasPrefix("| HTTP 500 |") })
        #expect(row.contains("&lt;details&gt;") || row.contains("&lt;details>"))
        #expect(row.replacingOccurrences(of: "\\|", with: "").split(separator: "|").count == 3, "\(row)")
        #expect(markdown.hasPrefix("## Load: &lt;script>alert(1)&lt;/script>\n"))
        // What reads as a comparison stays as it reads.
        #expect(markdown.contains("| `p99<250ms` |"))
    }

    @Test("Error kinds of equal counts are listed in one order, as latency.html lists them")
    func loadSummaryOrdersErrorKindsOfEqualCounts() throws {
        let markdown = LatencyReportMarkdown.render(try Self.hostileLoad())
        let kinds = markdown.split(separator: "\n").filter { $0.hasPrefix("| HTTP 500 |") || $0.hasPrefix("| check") }.map { $0.split(separator: "|")[0] }
        #expect(kinds.map { $0.trimmingCharacters(in: .whitespaces) } == ["HTTP 500", "check $.b", "check $.title"])
    }

    @Test func cellsKeepComparisonsAndNeutraliseTags() {
        #expect(MarkdownText.cell("p99<250ms, rate>=10 & more") == "p99<250ms, rate>=10 & more")
        #expect(MarkdownText.cell("<b>x</b> <!-- <?php <!DOCTYPE") == "&lt;b>x&lt;/b> &lt;!-- &lt;?php &lt;!DOCTYPE")
        #expect(MarkdownText.cell("&lt; &#124; &amp") == "&amp;lt; &amp;#124; &amp;amp")
        #expect(MarkdownText.cell("a\\|b ~~s~~") == "a\\\\\\|b \\~\\~s\\~\\~")
        // A `<` cut off from what follows it could open a tag with what the summary adds next.
        #expect(MarkdownText.cell("ab<", limit: 3) == "ab&lt;")
        #expect(MarkdownText.cell("\u{202E}002 \u{2066}x\u{2069}") == "\u{FFFD}002 \u{FFFD}x\u{FFFD}")
        #expect(MarkdownText.code("a`b\nc\u{202E}") == "a'b c\u{FFFD}")
        // GitHub ends a table cell at a bare `|`, inside a code span too.
        #expect(MarkdownText.code("a|b") == "a|b")
        #expect(MarkdownText.code("a|b", inTable: true) == "a\\|b")
    }

    @Test("The job summary's copy has no link, and a deployment's Markdown in a cell stays escaped in it as in summary.md")
    func linkFreeCopyKeepsCellsEscaped() {
        var run = JUnitReportWriterTests.run
        run.suites[0].scenarios[1].steps[0].assertions[0].actual = "[x](javascript:y)|*b*"
        let linked = RunReportMarkdown.render(run)
        let copy = RunReportMarkdown.render(run, reportLink: nil, reportsAt: "the run's artifacts")
        let escaped = MarkdownText.cell("[x](javascript:y)|*b*")
        #expect(escaped.contains("\\|") && !escaped.contains("[x]("))
        #expect(linked.contains("| \(escaped) | [report](report.html#") && copy.contains("| \(escaped) |\n"))
        #expect(!copy.contains("](report.html") && !copy.contains("[report]"), "no link into the report folder")
        #expect(copy.hasSuffix("\nDetails, transcripts and curl reproductions: report.html in the run's artifacts.\n"))
    }

    @Test("A run's summary.md lists at most 100 failed checks, so GitHub's 1 MiB job summary limit holds")
    func runSummaryIsBounded() {
        var run = JUnitReportWriterTests.run
        let failed = run.suites[0].scenarios[1]
        let long = String(repeating: "x", count: 400)
        run.suites = [SuiteResult(name: "many", file: "many.yaml", scenarios: (0..<500).map { index in
            var scenario = failed
            scenario.name = "scenario \(index) \(long)"
            return scenario
        })]
        let markdown = RunReportMarkdown.render(run)
        #expect(markdown.utf8.count < 300_000, "\(markdown.utf8.count) bytes")
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| scenario ") }
        #expect(rows.count == RunReportMarkdown.maxFailureRows)
        #expect(markdown.contains("\n400 more failed checks (500 in all) are in [report.html](report.html), each in its scenario's section.\n"))
        run.suites[0].scenarios.removeLast(399)
        #expect(RunReportMarkdown.render(run).contains("\n1 more failed check (101 in all) is in [report.html](report.html), each in its scenario's section.\n"))
    }
}
