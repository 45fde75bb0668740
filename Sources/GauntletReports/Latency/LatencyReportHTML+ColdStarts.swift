import GauntletLoad

extension LatencyReportHTML {
    /// How each verdict is drawn on the timeline: cold requests red and large, on top of
    /// everything; warm ones small and grey-blue, underneath.
    static let coldColor = "#e41a1c"
    static let warmColor = "#7f93ad"
    static let throttledColor = "#ff7f0e"
    static let timedOutColor = "#000000"
    static let failedColor = "#9467bd"
    static let serverErrorColor = "#8c564b"

    /// The "Cold starts" section: facts, the timeline, cold vs warm percentile curves, the cold
    /// vs warm latency table and the per-stage table (the tables of `summary.md`).
    static func coldStartSection(_ analysis: ColdStartAnalysis) -> String {
        let e = SVGLineChart.escape
        var html = "<h2 id=\"cold-starts\">Cold starts</h2>\n<table class=\"facts\">\n"
        for (label, value) in ColdStartTables.facts(analysis) { html += "<tr><th>\(e(label))</th><td>\(e(value))</td></tr>\n" }
        html += "</table>\n"
        html += "<div class=\"chart\">" + coldStartTimeline(analysis) + "</div>\n"
        html += "<div class=\"chart\">" + coldWarmPercentiles(analysis) + "</div>\n"
        html += "<h3>Cold and warm latency</h3>\n" + table(ColdStartTables.latencyHeader, ColdStartTables.latencyRows(analysis.summary))
        let stages = ColdStartTables.stageRows(analysis)
        if !stages.isEmpty { html += "<h3>Per stage</h3>\n" + table(ColdStartTables.stageHeader, stages) }
        return html
    }

    /// Every request of the timeline at its due time and latency (log axis), by verdict, over the
    /// load stages shaded and named.
    static func coldStartTimeline(_ analysis: ColdStartAnalysis) -> String {
        func points(_ verdict: ColdStartVerdict) -> [(x: Double, y: Double)] {
            analysis.timeline.filter { $0.verdict == verdict }.map { ($0.offsetSeconds, $0.latencyMilliseconds) }
        }
        let summary = analysis.summary
        var groups = [SVGScatterChart.Group(name: "warm (\(summary.warmCount))", color: warmColor, radius: 2, points: points(.warm), opacity: 0.7)]
        if summary.failedCount > 0 {
            groups.append(.init(name: "failed (\(summary.failedCount))", color: failedColor, radius: 3.5, points: points(.failed), hollow: true))
        }
        if summary.throttledCount > 0 {
            groups.append(.init(name: "throttled (\(summary.throttledCount))", color: throttledColor, radius: 3.5, points: points(.throttled)))
        }
        if summary.serverErrorCount > 0 {
            groups.append(
                .init(name: "server error (\(summary.serverErrorCount))", color: serverErrorColor, radius: 3.5, points: points(.serverError)))
        }
        if summary.timedOutCount > 0 {
            groups.append(.init(name: "timed out (\(summary.timedOutCount))", color: timedOutColor, radius: 3.5, points: points(.timedOut)))
        }
        groups.append(.init(name: "cold (\(summary.coldCount))", color: coldColor, radius: 4.5, points: points(.cold)))
        var left: [String] = []
        if analysis.timeline.count < summary.total - analysis.neverSent {
            let shownBesidesWarm = analysis.timeline.count { $0.verdict != .warm }
            let besidesWarm = summary.total - analysis.neverSent - summary.warmCount
            left.append(shownBesidesWarm < besidesWarm ? "thinned evenly by kind, cold ones first" : "warm ones thinned")
        }
        if analysis.neverSent > 0 { left.append("\(analysis.neverSent) never sent, without a latency") }
        let title = left.isEmpty
            ? "Requests over time"
            : "Requests over time (\(analysis.timeline.count) of \(summary.total) shown: \(left.joined(separator: "; ")))"
        return SVGScatterChart(
            title: title, xLabel: "seconds into the run", yLabel: "milliseconds (log scale)",
            groups: groups, bands: stageBands(analysis)
        ).render()
    }

    /// Each stage's span on the timeline: from its first request to the next stage's first (or
    /// its own last).
    static func stageBands(_ analysis: ColdStartAnalysis) -> [SVGScatterChart.Band] {
        var spans: [Int: (from: Double, to: Double)] = [:]
        for point in analysis.timeline {
            let span = spans[point.stage] ?? (point.offsetSeconds, point.offsetSeconds)
            spans[point.stage] = (min(span.from, point.offsetSeconds), max(span.to, point.offsetSeconds))
        }
        let ordered = spans.sorted { $0.value.from < $1.value.from }
        guard ordered.count > 1 else { return [] }
        return ordered.enumerated().map { position, stage in
            let end = position + 1 < ordered.count ? ordered[position + 1].value.from : stage.value.to
            return SVGScatterChart.Band(from: stage.value.from, to: end, label: ColdStartTables.stageName(analysis, stage.key))
        }
    }

    /// The cold and the warm latency distributions on the nines axis, latency on a log axis.
    static func coldWarmPercentiles(_ analysis: ColdStartAnalysis) -> String {
        PercentileCurve.chart(
            title: "Cold vs warm latency by percentile",
            series: [
                .init(name: "cold", color: palette[1], points: PercentileCurve.points(analysis.coldHistogram)),
                .init(name: "warm", color: palette[0], points: PercentileCurve.points(analysis.warmHistogram)),
            ],
            logY: true
        ).render()
    }

    /// A table whose first column is text and the others numbers.
    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        let e = SVGLineChart.escape
        var html = "<table><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }
}
