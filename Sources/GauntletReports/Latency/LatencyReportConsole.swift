import Foundation
public import GauntletLoad

/// The summary a load prints when it ends, the facts of `summary.md` in a form a k6 or wrk2 user
/// reads in a CI log: requests and rates, drops and late starts, errors by kind, and per request
/// name the percentiles that matter (p50, p90, p99, p99.9, max, in ms).
public enum LatencyReportConsole {
    /// Renders the summary, one fact per line, no colour.
    public static func render(_ result: LoadResult) -> String {
        let seconds = result.elapsed.secondsDouble
        var text = "load \(result.planName): \(result.total.count) requests in \(LoadFormat.number(seconds, decimals: 2)) s"
        text += ", \(LoadFormat.number(result.achievedRate, decimals: 1)) req/s"
        // The open model's rates are per second of its arrivals; waiting for the last answers
        // (timeouts) is not counted, and a reader dividing by the whole time should see why.
        if let window = result.arrivalWindow, (result.elapsed - window) > .milliseconds(500) {
            text += " over its \(LoadFormat.number(window.secondsDouble, decimals: 2)) s of arrivals"
        }
        if result.cancelled { text += " (interrupted before its end)" }
        text += "\n"
        if let reason = result.abortReason { text += "  \(reason): the load stopped early\n" }
        if let target = result.targetRate {
            text += "  arrivals: \(LoadFormat.number(result.achievedIterationRate, decimals: 1))/s of \(LoadFormat.number(target, decimals: 1))/s planned"
            text += ", \(result.dropped) dropped, \(result.lateStarts) late; latency from each intended start\n"
        }
        text += "  errors: \(result.total.errors) (\(LoadFormat.number(result.total.errorRate * 100, decimals: 3))%)"
        let kinds = result.total.errorCounts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
        // The commonest kinds; the rest are in summary.md and latency.json.
        let shown = 6
        if !kinds.isEmpty { text += ": " + kinds.prefix(shown).map { "\($0.value) \($0.key)" }.joined(separator: ", ") }
        if kinds.count > shown { text += ", and \(kinds.count - shown) more kinds (see summary.md)" }
        text += "\n"
        // What each kind was, by its first occurrence: libcurl's message, the check and where.
        for (kind, _) in kinds.prefix(shown) {
            if let example = result.total.errorExamples[kind] { text += "    first \(kind): \(example)\n" }
        }
        if let protocols = ConnectionSummary.text(result.total) { text += "  protocol: \(protocols)\n" }
        if let covered = UnsentSummary.text(result.total) { text += "  latency of: \(covered)\n" }
        let rows = (result.byName + [result.total]).map { stats -> [String] in
            let summary = LatencySummary(stats.latency)
            return [stats.name, String(stats.count), String(stats.errors)] + summary.tableFigures { String(format: "%.3f", $0) }
        }
        text += table(header: ["request", "count", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"], rows: rows)
        if result.model.isOpen {
            // Service time, from each actual send, beside the figure from each intended start: the
            // gap is how long arrivals waited to be sent (late starts, a full in-flight cap). Not
            // what a closed-loop tool would have shown: Gauntlet sends every arrival on its own,
            // so with every arrival sent on time the two are the same.
            text += "  uncorrected (service time, from each actual send):\n"
            let service = (result.byName + [result.total]).map { stats -> [String] in
                let summary = LatencySummary(stats.serviceTime)
                return [stats.name] + summary.tableFigures { String(format: "%.3f", $0) }
            }
            text += table(header: ["request", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"], rows: service)
        }
        return text
    }

    /// Columns padded to their widest cell: the name left-aligned, numbers right-aligned.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            "  " + row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return column == 0 ? row[column] + padding : padding + row[column]
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
