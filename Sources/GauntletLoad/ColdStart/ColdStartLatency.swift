public import Histogram

/// Latency percentiles of one class of requests (cold or warm), in milliseconds.
public struct ColdStartLatency: Sendable, Hashable, Codable {
    /// Requests recorded.
    public var count: Int
    /// The median.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The slowest.
    public var max: Double
    /// The mean.
    public var mean: Double

    /// Reads the percentiles of a histogram of microseconds.
    public init(histogram: Histogram<UInt64>) {
        self.count = Int(histogram.totalCount)
        self.p50 = Double(histogram.fastValue(atPercentile: 50)) / 1000
        self.p90 = Double(histogram.fastValue(atPercentile: 90)) / 1000
        self.p99 = Double(histogram.fastValue(atPercentile: 99)) / 1000
        self.max = Double(histogram.max) / 1000
        self.mean = histogram.fastMean / 1000
    }

    /// A histogram of microseconds from 1 µs to 60 s at three significant digits.
    public static func makeHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }
}
