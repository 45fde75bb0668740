public import GauntletScenario
import Foundation
import GauntletUnits

/// `report.html` for `gauntlet run`: one self-contained page (inline CSS, no script, no
/// network) that a CI artifact can carry. The headline (verdict, counts, base URL, duration,
/// whether the run was interrupted), the failed checks with links down the page, then every
/// scenario and step under a stable `id` (``RunReportAnchors``) with its verdict, each check's
/// expected and actual values, preconditions that did not hold, the `reproduce: curl …` line
/// and the whole transcript. Everything shown comes from the results, whose secrets are
/// already redacted.
public enum RunReportHTML {
    /// The page for `run`.
    public static func render(_ run: RunResult) -> String {
        var html = ""
        write(run, into: &html)
        return html
    }

    /// Writes the page ``render(_:)`` returns into `output` piece by piece (a
    /// ``ReportFileWriter``: a run of 100,000 testcases is never one string). A testcase that
    /// passed and kept no transcript (``RunLimits/transcripts``) is a row of its suite's table
    /// of such testcases, under the same `id` a section would have.
    public static func write<Output: TextOutputStream>(_ run: RunResult, into output: inout Output) {
        let e = SVGLineChart.escape
        let anchors = RunReportAnchors(run)
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Contract run: \(e(verdict(run))) \(e(run.baseURL))</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}h3{font-size:15px;margin:18px 0 6px}h4{font-size:14px;margin:10px 0 4px}
            table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            .fail{color:#b00020;font-weight:bold}.pass{color:#1b7f3b}.skip{color:#8a6d00}
            .facts th{text-align:left}
            section.scenario{background:#fff;border:1px solid #ddd;padding:4px 14px 10px;margin:10px 0}
            div.step{border-left:3px solid #ddd;padding-left:10px;margin:8px 0}
            pre{background:#f3f3f3;padding:6px 8px;white-space:pre-wrap;word-break:break-all;margin:4px 0}
            .muted{color:#666}:target{outline:2px solid #1f77b4}
            .facts td,body>table:not(.facts) td:nth-child(n+4),div.step td:nth-child(2),div.step td:nth-child(3),h2,h3,h4,p{overflow-wrap:anywhere}
            </style></head><body>
            <h1>Contract run: <span class="\(css(run))">\(e(verdict(run)))</span></h1>

            """
        html += facts(run)
        html += failures(run, anchors: anchors)
        output.write(html)
        for (suiteIndex, suite) in run.suites.enumerated() {
            output.write("<h2>\(e(suite.name)) <span class=\"muted\">\(e(suite.file))</span></h2>\n")
            var briefRows: [Int] = []
            for (scenarioIndex, scenario) in suite.scenarios.enumerated() {
                if Self.isBrief(scenario) {
                    briefRows.append(scenarioIndex)
                } else {
                    output.write(section(scenario, suite: suiteIndex, index: scenarioIndex, anchors: anchors))
                }
            }
            if !briefRows.isEmpty {
                output.write(briefTable(suite, suiteIndex: suiteIndex, rows: briefRows, anchors: anchors))
            }
        }
        output.write("</body></html>\n")
    }

    /// Whether a testcase is shown as a row rather than a section: it passed or was skipped,
    /// kept no transcript, and its teardown passed and left nothing behind (a section says so).
    static func isBrief(_ scenario: ScenarioResult) -> Bool {
        scenario.transcriptOmitted != nil && (scenario.outcome == .passed || scenario.outcome == .skipped)
            && scenario.leftBehind.isEmpty && scenario.unverified.isEmpty && scenario.teardown.allSatisfy(\.passed)
    }

    /// The testcases of a suite that passed (or were skipped) past the run's whole transcripts,
    /// a row each: verdict, name, where, how long, and each step's request line and status.
    private static func briefTable(_ suite: SuiteResult, suiteIndex: Int, rows: [Int], anchors: RunReportAnchors) -> String {
        let e = SVGLineChart.escape
        let reason = suite.scenarios[rows[0]].transcriptOmitted ?? ""
        var html = "<h3>\(rows.count) more passed or skipped</h3>\n<p class=\"muted\">\(e(reason)).</p>\n"
        html += "<table><tr><th>Verdict</th><th>Scenario</th><th>Where</th><th>Duration</th><th>Requests</th></tr>\n"
        for index in rows {
            let scenario = suite.scenarios[index]
            let requests = (scenario.steps + scenario.teardown).compactMap { step in
                step.request.map { "\($0.method) \($0.url)" + (step.response.map { " → \($0.status)" } ?? "") }
            }
            let verdict = scenario.outcome.rawValue.uppercased() + (scenario.reason.map { ": \($0)" } ?? "")
            html += "<tr id=\"\(anchors.scenario(suite: suiteIndex, scenario: index))\"><td class=\"\(css(scenario.outcome))\">\(e(verdict))</td>"
                + "<td>\(e(scenario.name))</td><td class=\"muted\">\(e(scenario.location.description))</td>"
                + "<td>\(e(DurationText.format(.milliseconds(Int64((scenario.durationSeconds * 1000).rounded())))))</td>"
                + "<td>\(e(requests.joined(separator: "; ")))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// `PASSED`, `FAILED`, `INTERRUPTED` or `NOT REACHED` (``RunHeadline/verdict(_:)``).
    static func verdict(_ run: RunResult) -> String { RunHeadline.verdict(run) }

    static func css(_ run: RunResult) -> String { run.succeeded ? "pass" : "fail" }

    static func css(_ outcome: ScenarioResult.Outcome) -> String {
        switch outcome {
        case .passed: "pass"
        case .skipped: "skip"
        case .failed, .errored, .interrupted: "fail"
        }
    }

    private static func facts(_ run: RunResult) -> String {
        let e = SVGLineChart.escape
        let counts = [ScenarioResult.Outcome.passed, .failed, .errored, .skipped, .interrupted]
            .map { "\(run.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        var rows: [(String, String)] = [
            ("Base URL", run.baseURL),
            ("Scenarios", "\(run.scenarios.count): \(counts)"),
            ("Started", run.startedAt.formatted(.iso8601)),
            ("Duration", DurationText.format(.milliseconds(Int64((run.durationSeconds * 1000).rounded())))),
            ("Interrupted", run.interrupted ? "yes: stopped before every scenario ran" : "no"),
        ]
        if let notReached = RunHeadline.notReachedText(run) { rows.append(("Not reached", notReached)) }
        rows.append(("Run id", run.runID))
        let leftBehind = run.leftBehind
        if !leftBehind.isEmpty {
            rows.append(("Left behind", leftBehind.map { "\($0.label) (\($0.scenario))" }.joined(separator: ", ")))
        }
        let unverified = run.unverified
        if !unverified.isEmpty {
            rows.append(("Not verified as deleted", unverified.map { "\($0.label) (\($0.scenario))" }.joined(separator: ", ")))
        }
        var html = "<table class=\"facts\">\n"
        for (key, value) in rows { html += "<tr><th>\(e(key))</th><td>\(e(value))</td></tr>\n" }
        return html + "</table>\n"
    }

    /// The most rows the table of failed checks shows; each failed testcase's own section below
    /// has its checks all the same.
    static let maxFailureRows = 1_000

    private static func failures(_ run: RunResult, anchors: RunReportAnchors) -> String {
        let rows = RunFailure.list(run, anchors: anchors)
        guard !rows.isEmpty else { return "" }
        let e = SVGLineChart.escape
        var html = "<h2>Failed checks</h2>\n<table><tr><th>Scenario</th><th>Step</th><th>Check</th><th>Expected</th><th>Actual</th></tr>\n"
        for row in rows.prefix(maxFailureRows) {
            html += "<tr><td><a href=\"#\(row.anchor)\">\(e(row.scenario))</a></td><td>\(e(row.step))</td><td>\(e(row.subject))</td>"
                + "<td>\(e(cut(row.expected)))</td><td class=\"fail\">\(e(cut(row.actual)))</td></tr>\n"
        }
        html += "</table>\n"
        if rows.count > maxFailureRows {
            html += "<p>\(rows.count - maxFailureRows) more failed checks (\(rows.count) in all): each is in its scenario's section below.</p>\n"
        }
        return html
    }

    private static func section(_ scenario: ScenarioResult, suite: Int, index: Int, anchors: RunReportAnchors) -> String {
        let e = SVGLineChart.escape
        var html = "<section class=\"scenario\" id=\"\(anchors.scenario(suite: suite, scenario: index))\">\n"
        html += "<h3><span class=\"\(css(scenario.outcome))\">\(e(scenario.outcome.rawValue.uppercased()))</span> \(e(scenario.name))</h3>\n"
        var about = "\(scenario.location) · \(DurationText.format(.milliseconds(Int64((scenario.durationSeconds * 1000).rounded()))))"
        if !scenario.tags.isEmpty { about += " · tags: " + scenario.tags.joined(separator: ", ") }
        html += "<p class=\"muted\">\(e(about))</p>\n"
        if let reason = scenario.reason { html += "<p class=\"\(css(scenario.outcome))\">\(e(reason))</p>\n" }
        if !scenario.leftBehind.isEmpty {
            html += "<p class=\"fail\">left behind: \(e(scenario.leftBehind.joined(separator: ", ")))</p>\n"
        }
        if !scenario.unverified.isEmpty {
            html += "<p class=\"fail\">not verified as deleted: \(e(scenario.unverified.joined(separator: ", ")))</p>\n"
        }
        for (stepIndex, step) in scenario.steps.enumerated() {
            html += stepBlock(step, id: anchors.step(suite: suite, scenario: index, step: stepIndex))
        }
        if !scenario.teardown.isEmpty {
            html += "<h4>Teardown</h4>\n"
            for (stepIndex, step) in scenario.teardown.enumerated() {
                html += stepBlock(step, id: anchors.step(suite: suite, scenario: index, step: stepIndex, teardown: true))
            }
        }
        let open = scenario.outcome == .passed ? "" : " open"
        html += "<details\(open)><summary>Transcript</summary><pre>\(e(Transcript.text(of: scenario)))</pre></details>\n"
        return html + "</section>\n"
    }

    private static func stepBlock(_ step: StepResult, id: String) -> String {
        let e = SVGLineChart.escape
        let (mark, markCSS) = if step.skipReason != nil { ("skipped", "skip") } else if step.error != nil { ("error", "fail") }
            else if !step.preconditionsHeld { ("precondition did not hold", "skip") } else if step.passed { ("ok", "pass") } else { ("FAILED", "fail") }
        var html = "<div class=\"step\" id=\"\(id)\">\n"
        html += "<h4>\(e(step.name)) <span class=\"\(markCSS)\">[\(e(mark))]</span> <span class=\"muted\">\(e(step.location.description))</span></h4>\n"
        if let reason = step.skipReason { html += "<p class=\"skip\">\(e(reason))</p>\n" }
        if let request = step.request {
            var line = "\(request.method) \(request.url)"
            if let response = step.response { line += " → \(response.status)" }
            if let sends = step.sendsText { line += " (\(sends))" }
            html += "<p><code>\(e(line))</code></p>\n"
        }
        if let error = step.error { html += "<p class=\"fail\">\(e(error))</p>\n" }
        let checks = step.preconditions.map { ("given " + $0.subject, $0, $0.passed ? "held" : "did not hold: check skipped", $0.passed ? "pass" : "skip") }
            + step.assertions.map { ($0.subject, $0, $0.passed ? "passed" : "FAILED", $0.passed ? "pass" : "fail") }
        if !checks.isEmpty {
            html += "<table><tr><th>Check</th><th>Expected</th><th>Actual</th><th>Verdict</th><th>Where</th></tr>\n"
            for (subject, check, verdict, verdictCSS) in checks {
                html += "<tr><td>\(e(subject))</td><td>\(e(cut(check.expected)))</td><td>\(e(cut(check.actual)))</td>"
                    + "<td class=\"\(verdictCSS)\">\(verdict)</td><td class=\"muted\">\(e(check.location.description))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let curl = step.curlCommand { html += "<pre>reproduce: \(e(curl))</pre>\n" }
        return html + "</div>\n"
    }

    /// Long values (a body) cut to a few hundred characters; the transcript has them whole.
    static func cut(_ text: String, limit: Int = 500) -> String {
        let head = text.prefix(limit)
        return head.endIndex < text.endIndex ? String(head) + "…" : text
    }
}
