public import GauntletLoad

/// `summary.md`, for CI job summaries: headline numbers, thresholds, a per-request table, the
/// cold starts when the load analysed them, and the total's `.hgrm` in a fenced block.
public enum LatencyReportMarkdown {
    /// Renders the summary.
    public static func render(_ result: LoadResult) -> String {
        var md = "## Load: \(cell(result.planName))\n\n"
        let verdicts = result.thresholdResults
        md += "**\(result.verdict == .passed ? "✅" : "❌") \(result.verdict.word)**: \(cell(result.verdictReason)).\n\n"
        if let reason = result.abortReason { md += "**The load stopped early, \(cell(reason)).**\n\n" }
        md += "| | |\n|---|---|\n"
        md += "| Model | \(result.model.description) |\n"
        md += "| Latency measured from | \(result.model.isOpen ? "intended start" : "actual send (service time)") |\n"
        md += "| Elapsed | \(LoadFormat.number(result.elapsed.secondsDouble, decimals: 2)) s\(result.cancelled || result.abort != nil ? " (stopped early)" : "") |\n"
        md += "| Requests | \(result.total.count), \(result.total.errors) failed (\(LoadFormat.number(result.total.errorRate * 100, decimals: 3))%) |\n"
        md += "| Requests per second | \(LoadFormat.number(result.achievedRate, decimals: 1)) req/s |\n"
        if let protocols = ConnectionSummary.text(result.total) { md += "| Protocol | \(cell(protocols)) |\n" }
        if let covered = UnsentSummary.text(result.total) { md += "| Latency of | \(cell(covered)) |\n" }
        if let target = result.targetRate {
            md += "| Target arrival rate | \(LoadFormat.number(target, decimals: 1)) iterations/s |\n"
            md += "| Achieved arrival rate | \(LoadFormat.number(result.achievedIterationRate, decimals: 1)) iterations/s |\n"
            md += "| Late starts | \(result.lateStarts) |\n"
            md += "| Dropped for lack of capacity | \(result.dropped) |\n"
        }
        if result.abandoned > 0 {
            md += "| **Abandoned at the stop** | \(result.abandoned) unanswered: \(cell(LoadResult.abandonedMeaning)) |\n"
        }
        if result.leftBehind > 0 {
            md += "| **Left behind** | \(result.leftBehind): \(cell(result.leftBehindLabels.joined(separator: ", "))) |\n"
        }
        if result.unverified > 0 {
            md += "| **Not verified as deleted** | \(result.unverified): \(cell(result.unverifiedLabels.joined(separator: ", "))) |\n"
        }
        md += "\n"
        if !verdicts.isEmpty {
            md += "### Thresholds\n\n| Threshold | Measured | Verdict |\n|---|---|---|\n"
            for verdict in verdicts {
                md += "| `\(MarkdownText.code(verdict.name, inTable: true))` | \(cell(verdict.actual)) | \(verdict.passed ? "passed" : "**FAILED**") |\n"
            }
            md += "\n"
        }
        if let comparison = result.baselineComparison { md += baselineSection(result, comparison) }
        md += "### Requests\n\n| Request | Count | Errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for stats in result.byName + [result.total] {
            let s = LatencySummary(stats.latency)
            let values = s.tableFigures { LoadFormat.number($0, decimals: 3) }
            md += "| \(cell(stats.name)) | \(stats.count) | \(stats.errors) | " + values.joined(separator: " | ") + " |\n"
        }
        let kinds = result.total.errorCounts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
        if !kinds.isEmpty {
            md += "\n### Errors\n\n| Kind | Count | First seen |\n|---|---:|---|\n"
            for (kind, count) in kinds {
                md += "| \(cell(kind)) | \(count) | \(cell(result.total.errorExamples[kind] ?? "")) |\n"
            }
        }
        if let coldStarts = result.coldStarts { md += "\n" + coldStartSection(coldStarts) }
        md += "\n<details><summary>Percentile distribution (total, ms)</summary>\n\n```\n"
        md += HistogramText.percentileDistribution(result.total.latency)
        md += "```\n\n</details>\n"
        return md
    }

    /// This run beside the baseline, with the change.
    static func baselineSection(_ result: LoadResult, _ comparison: BaselineComparison) -> String {
        var md = "### Compared with baseline \(cell(comparison.label))\n\n"
        md += "| Request | Measure | Baseline ms | This run ms | Change |\n|---|---|---:|---:|---:|\n"
        for row in BaselineTable(result, comparison).rows {
            md += "| \(cell(row.request)) | \(row.measure) | \(LoadFormat.number(row.baseline, decimals: 3)) | "
                + "\(LoadFormat.number(row.current, decimals: 3)) | \(BaselineTable.change(row.changePercent)) |\n"
        }
        md += "| total | rate | \(LoadFormat.number(comparison.baselineRate, decimals: 1))/s | \(LoadFormat.number(result.achievedRate, decimals: 1))/s | "
            + "\(BaselineTable.change(comparison.baselineRate > 0 ? (result.achievedRate / comparison.baselineRate - 1) * 100 : nil)) |\n\n"
        return md
    }

    /// A table cell's text (or a line's): ``MarkdownText/cell(_:limit:)``, whose markup and line
    /// breaks are neutralised, since a first failure quotes the deployment's body and a left-behind
    /// label what a teardown captured from it. Cut at 1,000 characters: a first failure's text
    /// holds at most 200 of the body, after the check that failed.
    static func cell(_ text: String) -> String { MarkdownText.cell(text, limit: 1000) }
}
