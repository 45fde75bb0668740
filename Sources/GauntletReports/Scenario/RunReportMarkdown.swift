public import GauntletScenario
import Foundation
import GauntletUnits

/// `summary.md` for `gauntlet run`, shaped for GitHub's job summary (`$GITHUB_STEP_SUMMARY`):
/// a headline with the verdict and counts, then a table of the failed checks (scenario, step,
/// expected, actual) each linking to its place in `report.html`.
public enum RunReportMarkdown {
    /// The document for `run`; `reportLink` is the path of `report.html` from the folder
    /// `summary.md` is in (`report.html` when they sit side by side).
    public static func render(_ run: RunResult, reportLink: String = "report.html") -> String {
        let verdict = RunReportHTML.verdict(run)
        let mark = run.succeeded ? "✅" : "❌"
        var out = "## \(mark) Contract run \(verdict)\n\n"
        let duration = DurationText.format(.milliseconds(Int64((run.durationSeconds * 1000).rounded())))
        let counts = [ScenarioResult.Outcome.passed, .failed, .errored, .skipped, .interrupted]
            .filter { run.count($0) > 0 || $0 == .passed || $0 == .failed }
            .map { "\(run.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "\(run.scenarios.count) scenarios against `\(code(run.baseURL))` in \(duration): \(counts)"
        out += run.interrupted ? "; **interrupted** before every scenario ran.\n" : ".\n"
        let leftBehind = run.leftBehind
        if !leftBehind.isEmpty {
            out += "\nLeft behind: " + leftBehind.map { cell("\($0.label) (\($0.scenario))") }.joined(separator: ", ") + "\n"
        }
        let unverified = run.unverified
        if !unverified.isEmpty {
            out += "\nNot verified as deleted: " + unverified.map { cell("\($0.label) (\($0.scenario))") }.joined(separator: ", ") + "\n"
        }
        let failures = RunFailure.list(run, anchors: RunReportAnchors(run))
        if !failures.isEmpty {
            out += "\n| Scenario | Step | Check | Expected | Actual | Report |\n|---|---|---|---|---|---|\n"
            for row in failures {
                out += "| \(cell(row.scenario)) | \(cell(row.step)) | \(cell(row.subject)) | \(cell(row.expected)) | \(cell(row.actual)) "
                    + "| [report](\(RelativePath.href(reportLink))#\(row.anchor)) |\n"
            }
        }
        out += "\nDetails, transcripts and curl reproductions: [report.html](\(RelativePath.href(reportLink))).\n"
        return out
    }

    /// Text for a table cell: one line, `|` escaped, markup characters neutralised, cut to 200
    /// characters.
    ///
    /// Only the head that shows is read (a value can be a whole body), and by Unicode scalar: a
    /// combining mark after `|` or `<` makes one Character that compares unequal to them, which
    /// must not keep them from being escaped.
    static func cell(_ text: String) -> String {
        let head = text.prefix(200)
        var out = ""
        for scalar in head.unicodeScalars {
            switch scalar {
            case "\r", "\n": out += " "
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "`", "*", "_", "[", "]": out += "\\" + String(scalar)
            // A control character (a NUL or an ESC of a body) is shown as the replacement character.
            case _ where scalar.properties.generalCategory == .control: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return head.endIndex < text.endIndex ? out + "…" : out
    }

    /// Text inside a code span: backticks cannot be escaped there, so they become `'`, and
    /// control characters the replacement character.
    static func code(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar == "`" ? "'" : scalar.properties.generalCategory == .control && scalar != "\n" ? "\u{FFFD}" : scalar
        }))
    }
}
