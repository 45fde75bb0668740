import Foundation
import GauntletReports
import GauntletScenario

/// Prints one line per scenario as it finishes, and for a failure the request, what was
/// expected, what came back and a curl command that reproduces it.
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
        let (mark, paint) = switch result.outcome {
        case .passed: ("✓", "32")
        case .failed: ("✗", "31")
        case .errored: ("!", "31")
        case .interrupted: ("-", "33")
        }
        var text = "\(colored(mark, paint)) \(result.name) \(dim("(\(Int((result.durationSeconds * 1000).rounded())) ms)"))\n"
        if result.outcome != .passed {
            text += Transcript.failureSummary(of: result).split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        if verbose {
            text += Transcript.text(of: result).split(separator: "\n").map { "    \($0)\n" }.joined()
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func summary(_ run: RunResult, reports: [String]) {
        let scenarios = run.scenarios
        let passed = scenarios.filter { $0.outcome == .passed }.count
        let failed = scenarios.filter { $0.outcome == .failed }.count
        let errored = scenarios.filter { $0.outcome == .errored }.count
        let interrupted = scenarios.filter { $0.outcome == .interrupted }.count
        var line = "\(passed) passed, \(failed) failed"
        if errored > 0 { line += ", \(errored) errored" }
        if interrupted > 0 || run.interrupted { line += ", interrupted" }
        line += String(format: " in %.2fs (run %@ against %@)", run.durationSeconds, run.runID, run.baseURL)
        var text = "\n" + colored(line, run.succeeded ? "32" : "31") + "\n"
        for path in reports { text += "report: \(path)\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func colored(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
