public import Histogram

/// A latency histogram in microseconds, from 1 µs to 60 s at three significant digits, with a
/// counter for values outside that range (never dropped silently).
///
/// Each loop owns its recorders; they merge with `add(_:)` when the loops are done.
public struct LatencyRecorder: Sendable {
    /// The highest value the histogram tracks: 60 s in microseconds.
    public static let highestTrackableMicros: UInt64 = 60_000_000

    /// The histogram, in microseconds.
    public private(set) var histogram: Histogram<UInt64>
    /// How many values did not fit (above 60 s).
    public private(set) var outOfRange: Int = 0

    /// The empty histogram every recorder starts from and returns to.
    ///
    /// A recorder shares its counts (about 140 KB) until its first value, which copies them in one
    /// `memcpy`. The library's own `init` and `reset()` are not specialised for `UInt64` across
    /// modules: they set each of the 17,000 counts through a generic witness call, and a load loop
    /// that did that every second stalled for 0.5–1.8 ms once a second (`perf`, at 5,000 req/s).
    private static let empty = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: highestTrackableMicros, numberOfSignificantValueDigits: .three)

    /// Creates an empty recorder.
    public init() {
        histogram = Self.empty
    }

    /// Records one value in microseconds.
    public mutating func record(micros: UInt64) {
        if !histogramRecord(micros) { outOfRange += 1 }
    }

    mutating func histogramRecord(_ micros: UInt64) -> Bool {
        histogram.record(micros)
    }

    /// Records one value given in nanoseconds, rounded to the nearest microsecond.
    public mutating func record(nanos: UInt64) {
        record(micros: (nanos + 500) / 1_000)
    }

    /// Records `count` values of `micros` at once (a bucket read back from a result file).
    /// - Returns: false when `micros` is outside the histogram's range.
    mutating func record(micros: UInt64, count: UInt64) -> Bool {
        histogram.record(micros, count: count)
    }

    /// Counts `count` more values above the range.
    mutating func addOutOfRange(_ count: Int) {
        outOfRange += count
    }

    /// Adds every value of `other`.
    public mutating func add(_ other: LatencyRecorder) {
        // Every recorder has the same layout, so an empty one becomes a copy that shares
        // `other`'s counts instead of walking them.
        guard count > 0 else {
            self = other
            return
        }
        histogram.add(other.histogram)
        outOfRange += other.outOfRange
    }

    /// Empties the recorder. Its counts are let go (a copy of it keeps them) and the next value
    /// copies the empty ones.
    public mutating func reset() {
        histogram = Self.empty
        outOfRange = 0
    }

    /// How many values were recorded, in range or not.
    public var count: Int { Int(histogram.totalCount) + outOfRange }

    /// The value at `percentile` (0–100) in microseconds; values out of range count as the maximum.
    public func micros(atPercentile percentile: Double) -> UInt64 {
        micros(atPercentiles: [percentile])[0]
    }

    /// ``micros(atPercentile:)`` of each of `percentiles`, in one walk over the histogram.
    public func micros(atPercentiles percentiles: [Double]) -> [UInt64] {
        guard histogram.totalCount > 0 else {
            return Array(repeating: outOfRange > 0 ? Self.highestTrackableMicros : 0, count: percentiles.count)
        }
        guard outOfRange > 0 else { return histogram.fastValues(atPercentiles: percentiles) }
        let inRangeShare = Double(histogram.totalCount) / Double(count) * 100
        let inRange = percentiles.filter { $0 <= inRangeShare }
        var values = histogram.fastValues(atPercentiles: inRange.map { $0 * 100 / inRangeShare })[...]
        return percentiles.map { $0 > inRangeShare ? Self.highestTrackableMicros : values.removeFirst() }
    }

    /// The largest value, in microseconds (the 60 s ceiling when some values were out of range).
    public var maxMicros: UInt64 {
        outOfRange > 0 ? Self.highestTrackableMicros : (histogram.totalCount > 0 ? histogram.max : 0)
    }

    /// The smallest value, in microseconds.
    public var minMicros: UInt64 { histogram.totalCount > 0 ? histogram.min : 0 }

    /// The mean of the in-range values, in microseconds.
    public var meanMicros: Double { histogram.totalCount > 0 ? histogram.fastMean : 0 }

    /// The standard deviation of the in-range values, in microseconds.
    public var standardDeviationMicros: Double { histogram.fastStandardDeviation }
}
