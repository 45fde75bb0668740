import GauntletLoad

extension LatencyReportMarkdown {
    /// The "Cold starts" section: how requests were told apart, the counts, a cold vs warm
    /// latency table, the penalty, throttles and timeouts, a per-stage table and, when the header
    /// decided, the statistical method's agreement with it.
    static func coldStartSection(_ analysis: ColdStartAnalysis) -> String {
        var md = "### Cold starts\n\n| | |\n|---|---|\n"
        for (label, value) in ColdStartTables.facts(analysis) { md += "| \(label) | \(cell(value)) |\n" }
        md += "\n" + table(ColdStartTables.latencyHeader, ColdStartTables.latencyRows(analysis.summary))
        let stages = ColdStartTables.stageRows(analysis)
        if !stages.isEmpty { md += "\n" + table(ColdStartTables.stageHeader, stages) }
        return md + "\n"
    }

    /// A table whose first column is text and the others numbers (right-aligned).
    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        var md = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        md += "|---" + String(repeating: "|---:", count: header.count - 1) + "|\n"
        for row in rows { md += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return md
    }
}
