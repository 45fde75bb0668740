public import GauntletLoad

/// A latency histogram summarized in milliseconds, the shape `latency.json` uses.
public struct LatencySummary: Codable, Sendable, Equatable {
    /// Values recorded.
    public var count: Int
    /// Smallest, ms.
    public var min: Double
    /// Mean, ms.
    public var mean: Double
    /// Median, ms.
    public var p50: Double
    /// 90th percentile, ms.
    public var p90: Double
    /// 95th percentile, ms.
    public var p95: Double
    /// 99th percentile, ms.
    public var p99: Double
    /// 99.9th percentile, ms.
    public var p999: Double
    /// Largest, ms.
    public var max: Double
    /// Values above the histogram's 60 s ceiling.
    public var outOfRange: Int

    /// p50, p90, p99, p99.9 and max as a table shows them, each written by `format`; `–` each
    /// when nothing was measured (every request of the name unsent, or none made): a histogram
    /// with no value answers 0 for every percentile, which would read as the fastest answers.
    public func tableFigures(_ format: (Double) -> String) -> [String] {
        guard count > 0 else { return Array(repeating: "–", count: 5) }
        return [p50, p90, p99, p999, max].map(format)
    }

    /// Summarizes a recorder.
    public init(_ recorder: LatencyRecorder) {
        func ms(_ micros: UInt64) -> Double { Double(micros) / 1_000 }
        count = recorder.count
        min = ms(recorder.minMicros)
        mean = (recorder.meanMicros / 1_000 * 1_000).rounded() / 1_000
        let percentiles = recorder.micros(atPercentiles: [50, 90, 95, 99, 99.9])
        p50 = ms(percentiles[0])
        p90 = ms(percentiles[1])
        p95 = ms(percentiles[2])
        p99 = ms(percentiles[3])
        p999 = ms(percentiles[4])
        max = ms(recorder.maxMicros)
        outOfRange = recorder.outOfRange
    }
}
