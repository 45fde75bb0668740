import GauntletUnits
import GauntletHTTP
import Foundation
public import GauntletScenario

/// The human-readable account of a scenario: each step's request, response, checks and a curl
/// command to reproduce it. Used in JUnit `system-out` and on the console for failures.
public enum Transcript {
    /// The whole scenario, teardown included.
    public static func text(of scenario: ScenarioResult) -> String {
        var lines: [String] = ["scenario: \(scenario.name) (\(scenario.location)) \(scenario.outcome.rawValue)"]
        if let omitted = scenario.transcriptOmitted { lines.append("  (\(omitted))") }
        for step in scenario.steps { lines += stepLines(step, indent: "  ") }
        if !scenario.teardown.isEmpty {
            lines.append("  teardown:")
            for step in scenario.teardown { lines += stepLines(step, indent: "    ", brief: true) }
        }
        return lines.joined(separator: "\n")
    }

    /// Why a scenario did not pass, in a few lines: the step, the failed checks (expected and
    /// actual), the response status, and the curl command.
    public static func failureSummary(of scenario: ScenarioResult) -> String {
        var lines: [String] = []
        if let reason = scenario.reason { lines.append(reason) }
        guard let step = scenario.failingStep else {
            if scenario.outcome == .interrupted { lines.append("interrupted before it finished") }
            return lines.joined(separator: "\n")
        }
        let request = step.request.map { "\($0.method) \($0.url)" } ?? step.name
        lines.append("step '\(step.name)' at \(step.location): \(request)")
        if let error = step.error { lines.append("error: \(error)") }
        for assertion in step.preconditions + step.assertions where !assertion.passed {
            lines.append("\(assertion.location): \(assertion.subject)")
            lines.append("    expected: \(assertion.expected)")
            lines.append("    actual:   \(assertion.actual)")
        }
        if let response = step.response {
            lines.append(scenario.transcriptOmitted == nil
                ? "response: \(response.status), body: \(oneLine(response.body, limit: 300))" : "response: \(response.status)")
        }
        if let sends = step.sendsText { lines.append("sent: \(sends)") }
        // A transport error's description already ends with the command that reproduces it.
        if let curl = step.curlCommand, step.error == nil { lines.append("reproduce: \(oneLine(curl, limit: 2000))") }
        return lines.joined(separator: "\n")
    }

    static func stepLines(_ step: StepResult, indent: String, brief: Bool = false) -> [String] {
        var lines: [String] = []
        let mark = if step.skipReason != nil { "skipped" } else if step.error != nil { "error" } else if !step.preconditionsHeld {
            "precondition failed"
        } else { step.passed ? "ok" : "FAILED" }
        lines.append("\(indent)step: \(step.name) [\(mark)] (\(step.location))")
        if let reason = step.skipReason { lines.append("\(indent)  \(reason)") }
        if let request = step.request {
            lines.append("\(indent)> \(request.method) \(request.url)")
            if !brief {
                for header in request.headers { lines.append("\(indent)> \(header.name): \(header.value)") }
                if let body = request.body, !body.isEmpty { lines.append("\(indent)> \(oneLine(body, limit: 1000))") }
            }
        }
        if let error = step.error { lines.append("\(indent)! \(error)") }
        if let response = step.response {
            // As curl -v shows it: which protocol answered matters behind gateways and with --http2.
            lines.append("\(indent)< \(response.httpVersion.map { "\($0) " } ?? "")\(response.status)")
            if !brief {
                for header in response.headers { lines.append("\(indent)< \(header.name): \(oneLine(header.value, limit: 2000))") }
                if !response.body.isEmpty { lines.append("\(indent)< \(oneLine(response.body, limit: 2000))") }
            }
        }
        if let timings = step.timings, !brief {
            lines.append("\(indent)  time: \(format(timings.total)) (connect \(format(timings.connect)), first byte \(format(timings.startTransfer)))")
        }
        for assertion in step.preconditions where !brief || !assertion.passed {
            let verdict = assertion.passed ? "ok  " : "SKIP"
            lines.append("\(indent)  \(verdict) given \(assertion.subject): expected \(assertion.expected), got \(assertion.actual)")
        }
        for assertion in step.assertions where !brief || !assertion.passed {
            let verdict = assertion.passed ? "ok  " : "FAIL"
            lines.append("\(indent)  \(verdict) \(assertion.subject): expected \(assertion.expected), got \(assertion.actual)")
        }
        if let curl = step.curlCommand, !brief || !step.passed { lines.append("\(indent)  reproduce: \(oneLine(curl, limit: 2000))") }
        return lines
    }

    static func format(_ duration: Duration) -> String { DurationText.format(duration) }

    /// `text` as ``PrintableText/escaping(_:)`` writes it, cut to `limit` characters. Only the head that can
    /// show is flattened and counted: a body of a megabyte costs no more than one of `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = PrintableText.escaping(String(text.prefix(limit + 1)))
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
