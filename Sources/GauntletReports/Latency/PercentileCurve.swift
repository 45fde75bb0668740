import Foundation
import Histogram

/// Latency by percentile on the log "nines" axis: x = log10(1 / (1 − p)), so 90 %, 99 %,
/// 99.9 % … are evenly spaced; y is latency in milliseconds. Drawn from a histogram's
/// `percentiles(ticksPerHalfDistance: 5)`.
enum PercentileCurve {
    /// The right end of the axis: 99.999 %.
    static let maxNines = 5.0

    /// The x axis ticks, 0 % to 99.999 %.
    static let ticks: [(value: Double, label: String)] = [
        (0, "0%"), (1, "90%"), (2, "99%"), (3, "99.9%"), (4, "99.99%"), (5, "99.999%"),
    ]

    /// The curve of a histogram of microseconds, as (nines, milliseconds); empty when it holds nothing.
    static func points(_ histogram: Histogram<UInt64>) -> [(x: Double, y: Double)] {
        guard histogram.totalCount > 0 else { return [] }
        var points: [(x: Double, y: Double)] = []
        for value in histogram.percentiles(ticksPerHalfDistance: 5) {
            let p = value.percentileLevelIteratedTo / 100
            let x = p >= 1 ? maxNines : min(maxNines, -log10(1 - p))
            points.append((x, Double(value.value) / 1_000))
            if p >= 1 { break }
        }
        return points
    }

    /// A chart of some curves on the nines axis.
    /// - Parameters:
    ///   - title: The chart's title.
    ///   - series: The curves, each from ``points(_:)``.
    ///   - logY: Whether latency is on a log axis (for curves orders of magnitude apart).
    static func chart(title: String, series: [SVGLineChart.Series], logY: Bool = false) -> SVGLineChart {
        SVGLineChart(
            title: title, xLabel: "percentile (log scale of nines)",
            yLabel: logY ? "milliseconds (log scale)" : "milliseconds",
            series: series, xTicks: ticks, logY: logY)
    }
}
