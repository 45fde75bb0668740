public import GauntletLoad
import Histogram

/// `latency.html`: one self-contained page (inline CSS and SVG, no script, no network) with
/// latency over time, the percentile curve on a log "nines" axis, throughput and errors over
/// time, the cold starts when the load analysed them, and a per-request table.
public enum LatencyReportHTML {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// Renders the page.
    public static func render(_ result: LoadResult) -> String {
        let e = SVGLineChart.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Load report: \(e(result.planName))</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}h3{font-size:15px;margin-top:18px}
            table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}.fail{color:#b00020;font-weight:bold}.pass{color:#1b7f3b}
            .chart{background:#fff;border:1px solid #ddd;margin:8px 0;display:inline-block}
            .facts td{text-align:left}.verdict{font-size:17px}
            .facts td,.value,p{overflow-wrap:anywhere}
            </style></head><body>
            <h1>Load report: \(e(result.planName))</h1>

            """
        let passed = result.verdict == .passed
        html += "<p class=\"verdict \(passed ? "pass" : "fail")\">\(result.verdict.word): \(e(result.verdictReason))</p>\n"
        if let reason = result.abortReason {
            html += "<p class=\"fail\">The load stopped early, \(e(reason)).</p>\n"
        }
        html += factsTable(result)
        html += thresholdsSection(result)
        if let comparison = result.baselineComparison { html += baselineSection(result, comparison) }
        html += "<h2>Latency over time</h2>\n<div class=\"chart\">" + latencyOverTime(result) + "</div>\n"
        html += "<h2>Percentile distribution</h2>\n<div class=\"chart\">" + percentileCurve(result) + "</div>\n"
        html += "<h2>Throughput and errors</h2>\n<div class=\"chart\">" + throughput(result) + "</div>\n"
        if let coldStarts = result.coldStarts { html += coldStartSection(coldStarts) }
        html += "<h2>Requests</h2>\n" + requestTable(result)
        html += errorTable(result)
        html += "</body></html>\n"
        return html
    }

    private static func factsTable(_ result: LoadResult) -> String {
        let e = SVGLineChart.escape
        var rows: [(String, String)] = [
            ("Model", result.model.description),
            ("Latency measured from", result.model.isOpen ? "intended start (coordinated-omission corrected)" : "actual send (service time)"),
            ("Elapsed", "\(LoadFormat.number(result.elapsed.secondsDouble, decimals: 2)) s"
                + (result.cancelled || result.abort != nil ? " (stopped early)" : "")),
            ("Requests", "\(result.total.count) (\(result.total.errors) failed, \(LoadFormat.number(result.total.errorRate * 100, decimals: 3))%)"),
            ("Requests per second", "\(LoadFormat.number(result.achievedRate, decimals: 1)) req/s"),
        ]
        if let protocols = ConnectionSummary.text(result.total) { rows.append(("Protocol", protocols)) }
        if let covered = UnsentSummary.text(result.total) { rows.append(("Latency of", covered)) }
        if let target = result.targetRate {
            rows.append(("Target arrival rate", "\(LoadFormat.number(target, decimals: 1)) iterations/s"))
            rows.append(("Achieved arrival rate", "\(LoadFormat.number(result.achievedIterationRate, decimals: 1)) iterations/s"))
            rows.append(("Late starts", "\(result.lateStarts)"))
            rows.append(("Dropped (no capacity)", "\(result.dropped)"))
        }
        if result.abandoned > 0 {
            rows.append(("Abandoned at the stop", "\(result.abandoned) unanswered: " + LoadResult.abandonedMeaning))
        }
        if result.leftBehind > 0 {
            rows.append(("Left behind", "\(result.leftBehind): " + result.leftBehindLabels.joined(separator: ", ")))
        }
        if result.unverified > 0 {
            rows.append(("Not verified as deleted", "\(result.unverified): " + result.unverifiedLabels.joined(separator: ", ")))
        }
        var html = "<table class=\"facts\">\n"
        for (key, value) in rows { html += "<tr><th>\(e(key))</th><td>\(e(value))</td></tr>\n" }
        return html + "</table>\n"
    }

    private static func thresholdsSection(_ result: LoadResult) -> String {
        let verdicts = result.thresholdResults
        guard !verdicts.isEmpty else { return "" }
        let e = SVGLineChart.escape
        var html = "<h2 id=\"thresholds\">Thresholds</h2>\n<table><tr><th>Threshold</th><th>Measured</th><th>Verdict</th></tr>\n"
        for (index, verdict) in verdicts.enumerated() {
            let css = verdict.passed ? "pass" : "fail"
            html += "<tr id=\"\(thresholdAnchor(index))\"><td>\(e(verdict.name))</td><td>\(e(verdict.actual))</td><td class=\"\(css)\">\(verdict.passed ? "passed" : "FAILED")</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// The id of the `index`-th verdict's row (from 0, in ``LoadResult/thresholdResults``
    /// order), which JUnit test cases link to.
    public static func thresholdAnchor(_ index: Int) -> String { "threshold-\(index + 1)" }

    static func latencyOverTime(_ result: LoadResult) -> String {
        // A second whose requests all went unsent has no latency: no point, rather than a 0 ms one.
        let points = result.timeSeries.filter { $0.completed > 0 && $0.maxMicros > 0 }
        func line(_ name: String, _ color: String, _ value: (TimeSeriesPoint) -> UInt64) -> SVGLineChart.Series {
            .init(name: name, color: color, points: points.map { (Double($0.second), Double(value($0)) / 1_000) })
        }
        // A load past ``TimeSeriesLimit/maxPoints`` seconds has points of several seconds each.
        let span = result.timeSeries.map(\.spanSeconds).max() ?? 1
        return SVGLineChart(
            title: span > 1 ? "Latency per \(span) seconds" : "Latency per second", xLabel: "seconds", yLabel: "milliseconds",
            series: [line("p50", palette[0], \.p50Micros), line("p99", palette[3], \.p99Micros), line("max", palette[1], \.maxMicros)]
        ).render()
    }

    /// Every request, and each request name when there are several, on the nines axis.
    static func percentileCurve(_ result: LoadResult) -> String {
        var series = [SVGLineChart.Series(name: "total", color: palette[0], points: PercentileCurve.points(result.total.latency.histogram))]
        if result.byName.count > 1 {
            for (index, stats) in result.byName.prefix(palette.count - 1).enumerated() {
                series.append(.init(name: stats.name, color: palette[index + 1], points: PercentileCurve.points(stats.latency.histogram), dashed: true))
            }
        }
        if let comparison = result.baselineComparison {
            // Both runs on one chart: the baseline's total as a grey dashed curve.
            series.append(.init(
                name: "baseline total", color: "#7f7f7f", points: PercentileCurve.points(comparison.baselineTotal.latency.histogram),
                dashed: true))
        }
        return PercentileCurve.chart(title: "Latency by percentile", series: series).render()
    }

    /// This run beside the baseline, with the change, and both total curves on one chart.
    private static func baselineSection(_ result: LoadResult, _ comparison: BaselineComparison) -> String {
        let e = SVGLineChart.escape
        var html = "<h2>Compared with baseline</h2>\n<p>Baseline: \(e(comparison.label))</p>\n"
        html += "<table><tr><th>Request</th><th>Measure</th><th>Baseline ms</th><th>This run ms</th><th>Change</th></tr>\n"
        for row in BaselineTable(result, comparison).rows {
            let worse = (row.changePercent ?? 0) > 0
            html += "<tr><td>\(e(row.request))</td><td>\(row.measure)</td><td>\(LoadFormat.number(row.baseline, decimals: 3))</td>"
                + "<td>\(LoadFormat.number(row.current, decimals: 3))</td>"
                + "<td class=\"\(worse ? "fail" : "pass")\">\(BaselineTable.change(row.changePercent))</td></tr>\n"
        }
        html += "</table>\n"
        let curves = [
            SVGLineChart.Series(name: "this run", color: palette[0], points: PercentileCurve.points(result.total.latency.histogram)),
            SVGLineChart.Series(
                name: "baseline", color: "#7f7f7f", points: PercentileCurve.points(comparison.baselineTotal.latency.histogram), dashed: true),
        ]
        html += "<div class=\"chart\">" + PercentileCurve.chart(title: "This run and the baseline by percentile", series: curves).render() + "</div>\n"
        return html
    }

    static func throughput(_ result: LoadResult) -> String {
        let points = result.timeSeries
        // A long load's points cover several seconds each (``TimeSeriesLimit``): per second, their counts are averages.
        func perSecond(_ count: Int, _ point: TimeSeriesPoint) -> Double { Double(count) / Double(point.spanSeconds) }
        var series = [
            SVGLineChart.Series(
                name: "completed/s", color: palette[0], points: points.map { (Double($0.second), perSecond($0.completed, $0)) }),
            SVGLineChart.Series(name: "errors/s", color: palette[1], points: points.map { (Double($0.second), perSecond($0.errors, $0)) }),
        ]
        if result.targetRate != nil {
            series.append(.init(
                name: "target/s", color: palette[2],
                points: points.compactMap { point in point.targetRate.map { (Double(point.second), $0) } }, dashed: true))
        }
        if points.contains(where: { $0.dropped > 0 }) {
            series.append(.init(name: "dropped/s", color: palette[3], points: points.map { (Double($0.second), perSecond($0.dropped, $0)) }))
        }
        return SVGLineChart(title: "Requests per second", xLabel: "seconds", yLabel: "requests", series: series).render()
    }

    /// Each error kind with its count and its first occurrence in words; nothing without errors.
    private static func errorTable(_ result: LoadResult) -> String {
        let e = SVGLineChart.escape
        let kinds = result.total.errorCounts.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }
        guard !kinds.isEmpty else { return "" }
        var html = "<h2>Errors</h2>\n<table><tr><th>Kind</th><th>Count</th><th>First seen</th></tr>\n"
        for (kind, count) in kinds {
            html += "<tr><td>\(e(kind))</td><td>\(count)</td><td class=\"value\">\(e(result.total.errorExamples[kind] ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func requestTable(_ result: LoadResult) -> String {
        let e = SVGLineChart.escape
        var html = "<table><tr><th>Request</th><th>Count</th><th>Errors</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>Statuses</th><th>Error kinds</th></tr>\n"
        for stats in result.byName + [result.total] {
            let s = LatencySummary(stats.latency)
            let statuses = stats.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let kinds = stats.errorCounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let errors = stats.errors > 0 ? "<span class=\"fail\">\(stats.errors)</span>" : "0"
            html += "<tr><td>\(e(stats.name))</td><td>\(stats.count)</td><td>\(errors)</td>"
            for value in s.tableFigures({ LoadFormat.number($0, decimals: 3) }) { html += "<td>\(value)</td>" }
            html += "<td>\(e(statuses))</td><td>\(e(kinds))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
