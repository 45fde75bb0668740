import Foundation
import GauntletUnits
import GauntletReports
import GauntletScenario

/// Prints one line per scenario as it finishes, and for a failure the request, what was
/// expected, what came back and a curl command that reproduces it; a skipped scenario gets a
/// `SKIP` line with its reason. The summary counts every outcome and lists what was left behind.
struct ConsoleReporter: Sendable {
    /// Whether to use ANSI colours (only on a terminal).
    let color: Bool
    /// Print every scenario's whole transcript, not just failures'.
    let verbose: Bool

    init(verbose: Bool) {
        self.verbose = verbose
        self.color = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func scenarioFinished(_ result: ScenarioResult) {
        Console.print(text(for: result))
    }

    /// The lines printed when `result` finishes.
    func text(for result: ScenarioResult) -> String {
        let (mark, paint) = switch result.outcome {
        case .passed: ("✓", "32")
        case .failed: ("✗", "31")
        case .errored: ("!", "31")
        case .interrupted: ("-", "33")
        case .skipped: ("↷", "33")
        }
        let duration = dim("(\(Int((result.durationSeconds * 1000).rounded())) ms)")
        var text: String
        if result.outcome == .skipped {
            text = "\(colored(mark, paint)) SKIP \(result.name) \(duration): \(result.reason ?? "skipped")\n"
        } else {
            text = "\(colored(mark, paint)) \(result.name) \(duration)\n"
        }
        if result.outcome != .passed && result.outcome != .skipped {
            text += Transcript.failureSummary(of: result).split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        if verbose {
            text += Transcript.text(of: result).split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        return text
    }

    func summary(_ run: RunResult, reports: [String], hint: String? = nil) {
        Console.print(summaryText(run, reports: reports, hint: hint))
    }

    /// The closing lines: counts by outcome, `hint` (``ValidationStatusHint``), then anything
    /// left behind, then the reports.
    func summaryText(_ run: RunResult, reports: [String], hint: String? = nil) -> String {
        var line = "\(run.count(.passed)) passed, \(run.count(.failed)) failed"
        if run.count(.skipped) > 0 { line += ", \(run.count(.skipped)) skipped" }
        if run.count(.errored) > 0 { line += ", \(run.count(.errored)) errored" }
        // Whether the run had time to run everything is said with how much it did not.
        if run.count(.interrupted) > 0 {
            line += ", \(run.count(.interrupted)) not run (interrupted)"
        } else if run.interrupted {
            line += ", interrupted"
        }
        line += String(format: " in %.2fs (run %@ against %@)", run.durationSeconds, run.runID, run.baseURL)
        var text = "\n" + colored(line, run.succeeded ? "32" : "31") + "\n"
        if let notReached = RunHeadline.notReachedText(run) {
            text += colored("\(RunHeadline.verdict(run)): \(notReached)", "31") + "\n"
        }
        if !run.succeeded, let refused = run.everyAnswerRefused {
            let flat = PrintableText.escaping(refused.body.split(whereSeparator: \.isNewline).joined(separator: " "))
            let body = flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
            text += colored(
                "every answer was HTTP \(refused.status) (\(body.isEmpty ? "no body" : body)): are the base URL (its stage) and the credentials right?",
                "33") + "\n"
        }
        if let hint { text += colored(hint, "33") + "\n" }
        let leftBehind = run.leftBehind
        if !leftBehind.isEmpty {
            text += colored("left behind: \(leftBehind.count)", "33") + "\n"
            for (_, scenario, label) in leftBehind { text += "  \(label) (\(scenario))\n" }
        }
        let unverified = run.unverified
        if !unverified.isEmpty {
            text += colored("not verified as deleted: \(unverified.count) (no check showed them gone)", "33") + "\n"
            for (_, scenario, label) in unverified { text += "  \(label) (\(scenario))\n" }
        }
        for path in reports { text += "report: \(path)\n" }
        return text
    }

    func colored(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
