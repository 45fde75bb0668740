import GauntletLoad

/// The cold-start section's facts and tables as plain-text cells, so `summary.md` and
/// `latency.html` show the same numbers worded the same way (each renderer escapes them).
enum ColdStartTables {
    /// The header of ``latencyRows(_:)``.
    static let latencyHeader = ["Requests", "Count", "p50 ms", "p90 ms", "p99 ms", "max ms"]
    /// The header of ``stageRows(_:)``.
    static let stageHeader = ["Stage", "Cold", "Warm", "Throttled", "Timed out"]

    /// Label and value pairs: the method, the counts, the penalty, throttles and timeouts, the
    /// busiest second, when the header decided how the statistical method scored against it, and
    /// any requests left out of the analysis.
    static func facts(_ analysis: ColdStartAnalysis) -> [(String, String)] {
        let summary = analysis.summary
        var facts: [(String, String)] = [("Detected by", method(analysis))]
        facts.append((
            "Requests",
            "\(summary.total): \(summary.coldCount) cold, \(summary.warmCount) warm, \(summary.throttledCount) throttled, "
                + "\(summary.timedOutCount) timed out, \(summary.serverErrorCount) server errors, \(summary.failedCount) failed"))
        facts.append((
            "Cold-start penalty",
            summary.penaltyMilliseconds.map { "\(ms($0)) ms (cold p50 − warm p50)" } ?? "none (needs both cold and warm requests)"))
        facts.append(("Throttled (429)", "\(summary.throttledCount) (\(percent(summary.throttledRate)))"))
        facts.append(("Timed out (504 or client timeout)", "\(summary.timedOutCount) (\(percent(summary.timedOutRate)))"))
        if summary.serverErrorCount > 0 {
            facts.append((
                "Server errors (5xx but 504)",
                "\(summary.serverErrorCount) (neither cold nor warm; API Gateway may answer a throttled function 500 or 502)"))
        }
        if summary.failedCount > 0 { facts.append(("Failed (no response)", "\(summary.failedCount)")) }
        if let peak = summary.coldPerSecond.indices.max(by: { summary.coldPerSecond[$0] < summary.coldPerSecond[$1] }),
            summary.coldPerSecond[peak] > 0
        {
            facts.append(("Most cold starts in a second", "\(summary.coldPerSecond[peak]) (second \(peak))"))
        }
        if let agreement = analysis.statisticalAgreement {
            facts.append(("Statistical method vs the header", self.agreement(agreement)))
        }
        if let match = analysis.logMatch {
            facts.append(("Lambda log", logMatch(match)))
            facts.append(("\(clientMethodName(match.clientMethod, analysis)) vs the Lambda log", self.agreement(match.agreement)))
        }
        if analysis.unanalysed > 0 {
            facts.append(("Requests not analysed", "\(analysis.unanalysed) (beyond the samples the load engine keeps)"))
        }
        if summary.outOfRange > 0 { facts.append(("Latencies above 60 s", "\(summary.outOfRange) (counted as 60 s)")) }
        return facts
    }

    /// How the requests were told cold or warm, in words.
    static func method(_ analysis: ColdStartAnalysis) -> String {
        let note = analysis.summary.note.map { " (\($0))" } ?? ""
        if analysis.summary.nothingServed { return "nothing served: no request to tell cold or warm" + note }
        switch analysis.summary.method {
        case .header:
            if let undecided = analysis.summary.undecided { return "the \(analysis.headerName) response header: undecided, \(undecided)" }
            return "the \(analysis.headerName) response header"
        case .log:
            let client = analysis.logMatch.map { clientMethodName($0.clientMethod, analysis) } ?? "the client-side method"
            let share = analysis.logMatch.map { " (\($0.labelled) of \($0.served))" } ?? ""
            return "the Lambda log's REPORT records (Init Duration is cold) where they matched a request\(share), else \(client.lowercased())"
        case .statistical:
            let summary = analysis.summary
            if let undecided = summary.undecided { return "latency (statistical): undecided, \(undecided)" + note }
            var text = summary.thresholdMilliseconds.map { "latency (statistical): \(ms($0)) ms or slower is cold" } ?? "latency (statistical): no split"
            if let separation = summary.separation { text += "; separation D = \(LoadFormat.number(separation, decimals: 2))" }
            if let confidence = summary.confidence { text += ", confidence \(percent(confidence))" }
            if let expected = summary.expectedCold { text += "; looked at the \(expected) requests where a cold start could happen" }
            return text + note
        }
    }

    /// The Lambda log's records and how requests were matched to them.
    static func logMatch(_ match: ColdStartLogMatch) -> String {
        var text = "\(match.invocations) invocations (\(match.coldInvocations) cold); requests matched: "
            + "\(match.byRequestID) by request id, \(match.byTimeWindow) by time window, \(match.unlabelled) unmatched"
        var notes: [String] = []
        if match.ambiguous > 0 { notes.append("\(match.ambiguous) ambiguous") }
        if match.idsNotInLog > 0 { notes.append("\(match.idsNotInLog) request ids not in the log") }
        if match.unreadableLines > 0 { notes.append("\(match.unreadableLines) unreadable REPORT lines") }
        if match.skippedLines > 0 { notes.append("\(match.skippedLines) other lines skipped") }
        if !notes.isEmpty { text += " (" + notes.joined(separator: ", ") + ")" }
        return text
    }

    /// The client-side method's name, capitalized: `Header X-Cold-Start` or `Statistical method`.
    static func clientMethodName(_ method: ColdStartMethod, _ analysis: ColdStartAnalysis) -> String {
        method == .header ? "Header \(analysis.headerName)" : "Statistical method"
    }

    /// The statistical method's score against the header.
    static func agreement(_ agreement: ColdStartAgreement) -> String {
        "precision \(percent(agreement.precision)), recall \(percent(agreement.recall)) "
            + "(\(agreement.truePositives) cold found, \(agreement.falsePositives) warm called cold, "
            + "\(agreement.falseNegatives) cold missed)"
    }

    /// Cold and warm: count, p50, p90, p99, max; dashes for a class without requests. With
    /// timed-out requests, each series again with them counted in it: what its thresholds are
    /// also judged on.
    static func latencyRows(_ summary: ColdStartSummary) -> [[String]] {
        var rows: [(String, ColdStartLatency?, Int)] = [("Cold", summary.cold, summary.coldCount), ("Warm", summary.warm, summary.warmCount)]
        if summary.timedOutCount > 0 {
            let timedOut = summary.timedOutCount
            rows.append(("Cold, with the \(timedOut) timed out", summary.coldWithTimedOut, summary.coldCount + timedOut))
            rows.append(("Warm, with the \(timedOut) timed out", summary.warmWithTimedOut, summary.warmCount + timedOut))
        }
        return rows.map { name, latency, count in
            guard let latency else { return [name, "\(count)", "–", "–", "–", "–"] }
            return [name, "\(latency.count)"] + [latency.p50, latency.p90, latency.p99, latency.max].map(ms)
        }
    }

    /// One row per load stage: its name, cold, warm, throttled and timed-out counts.
    static func stageRows(_ analysis: ColdStartAnalysis) -> [[String]] {
        analysis.summary.stages.map { stage in
            [stageName(analysis, stage.index), "\(stage.cold)", "\(stage.warm)", "\(stage.throttled)", "\(stage.timedOut)"]
        }
    }

    /// A stage's name, or `stage N` (1-based) when the analysis has none for it.
    static func stageName(_ analysis: ColdStartAnalysis, _ index: Int) -> String {
        analysis.stageNames.indices.contains(index) ? analysis.stageNames[index] : "stage \(index + 1)"
    }

    /// Milliseconds with up to three decimals.
    static func ms(_ value: Double) -> String { LoadFormat.number(value, decimals: 3) }

    /// A share from 0 to 1 as a percentage with up to three decimals.
    static func percent(_ share: Double) -> String { LoadFormat.number(share * 100, decimals: 3) + "%" }
}
