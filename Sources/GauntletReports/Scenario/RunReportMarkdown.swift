public import GauntletScenario
import Foundation
import GauntletUnits

/// `summary.md` for `gauntlet run`, shaped for GitHub's job summary (`$GITHUB_STEP_SUMMARY`):
/// a headline with the verdict and counts, then a table of the failed checks (scenario, step,
/// expected, actual) each linking to its place in `report.html`.
public enum RunReportMarkdown {
    /// The most failed checks the table lists. GitHub refuses a job summary over 1 MiB whole (the
    /// step then shows none); a row is five cells of at most 200 characters and a link, so the
    /// summary of a run where every one of hundreds of scenarios failed stays well under it. `report.html` lists them all.
    static let maxFailureRows = 100

    /// The document for `run`; `reportLink` is the path of `report.html` from the folder
    /// `summary.md` is in (`report.html` when they sit side by side), or nil for a copy read
    /// away from the report folder (GitHub's job summary, where a relative link would resolve
    /// against the run's page): no links then, and `reportsAt` (Markdown) says where the
    /// reports are; `hint`, a line said after the counts (``ValidationStatusHint``).
    public static func render(
        _ run: RunResult, reportLink: String? = "report.html", reportsAt: String = "the report folder", hint: String? = nil
    ) -> String {
        let verdict = RunReportHTML.verdict(run)
        let mark = run.succeeded ? "✅" : "❌"
        var out = "## \(mark) Contract run \(verdict)\n\n"
        let duration = DurationText.format(.milliseconds(Int64((run.durationSeconds * 1000).rounded())))
        let counts = [ScenarioResult.Outcome.passed, .failed, .errored, .skipped, .interrupted]
            .filter { run.count($0) > 0 || $0 == .passed || $0 == .failed }
            .map { "\(run.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\(run.scenarios.count) scenario\(run.scenarios.count == 1 ? "" : "s") against `\(code(run.baseURL))` in \(duration): \(counts)"
        if run.interrupted {
            out += "; **interrupted** before every scenario ran.\n"
        } else if let notReached = RunHeadline.notReachedText(run) {
            out += "; **not reached**: \(notReached).\n"
        } else {
            out += ".\n"
        }
        if let hint { out += "\n\(MarkdownText.cell(hint, limit: 1_000))\n" }
        let leftBehind = run.leftBehind
        if !leftBehind.isEmpty {
            out += "\nLeft behind: " + leftBehind.map { cell("\($0.label) (\($0.scenario))") }.joined(separator: ", ") + "\n"
        }
        let unverified = run.unverified
        if !unverified.isEmpty {
            out += "\nNot verified as deleted: " + unverified.map { cell("\($0.label) (\($0.scenario))") }.joined(separator: ", ") + "\n"
        }
        let failures = RunFailure.list(run, anchors: RunReportAnchors(run))
        let report = reportLink.map { "[report.html](\(RelativePath.href($0)))" } ?? "report.html"
        if !failures.isEmpty {
            out += reportLink == nil
                ? "\n| Scenario | Step | Check | Expected | Actual |\n|---|---|---|---|---|\n"
                : "\n| Scenario | Step | Check | Expected | Actual | Report |\n|---|---|---|---|---|---|\n"
            for row in failures.prefix(maxFailureRows) {
                out += "| \(cell(row.scenario)) | \(cell(row.step)) | \(cell(row.subject)) | \(cell(row.expected)) | \(cell(row.actual)) |"
                out += reportLink.map { " [report](\(RelativePath.href($0))#\(row.anchor)) |\n" } ?? "\n"
            }
        }
        if failures.count > maxFailureRows {
            let more = failures.count - maxFailureRows
            out += "\n\(more) more failed check\(more == 1 ? "" : "s") (\(failures.count) in all) \(more == 1 ? "is" : "are") in "
                + "\(report), each in its scenario's section.\n"
        }
        out += reportLink == nil
            ? "\nDetails, transcripts and curl reproductions: report.html in \(reportsAt).\n"
            : "\nDetails, transcripts and curl reproductions: \(report).\n"
        return out
    }

    /// Text for a table cell: ``MarkdownText/cell(_:limit:)``, cut to 200 characters.
    static func cell(_ text: String) -> String { MarkdownText.cell(text) }

    /// Text inside a code span: ``MarkdownText/code(_:)``.
    static func code(_ text: String) -> String { MarkdownText.code(text) }
}
