import Histogram

/// A ``LatencyRecorder`` as its non-empty buckets: the compact, exact form a shard's result
/// file keeps, so that merging shards adds histograms bucket by bucket.
///
/// Each bucket is written as its lowest equivalent value and its count, with the exact least
/// and greatest values recorded: read back, the histogram has the same counts in the same
/// buckets and the same extremes, so it answers every percentile as the original did (a
/// percentile is clamped to the greatest value recorded).
///
/// Values and counts are two flat arrays (not an array of pairs): a long run keeps one of these
/// per second, and a flat array costs one allocation, not one per bucket.
public struct LatencyBuckets: Sendable, Equatable, Codable {
    /// Each non-empty bucket's lowest equivalent value, increasing, microseconds.
    public var values: [UInt64]
    /// Each bucket's count, in the order of ``values``.
    public var counts: [UInt64]
    /// The least value recorded, exactly; 0 when empty.
    public var min: UInt64
    /// The greatest value recorded, exactly; 0 when empty.
    public var max: UInt64
    /// Values above the histogram's range (``LatencyRecorder/outOfRange``).
    public var outOfRange: Int

    /// The buckets of `recorder`.
    public init(_ recorder: LatencyRecorder) {
        let histogram = recorder.histogram
        var values: [UInt64] = []
        var counts: [UInt64] = []
        if histogram.totalCount > 0 {
            for bucket in histogram.recordedValues() {
                values.append(histogram.lowestEquivalentForValue(bucket.value))
                counts.append(UInt64(bucket.count))
            }
        }
        self.values = values
        self.counts = counts
        self.min = histogram.totalCount > 0 ? histogram.min : 0
        self.max = histogram.totalCount > 0 ? histogram.maxRecorded : 0
        self.outOfRange = recorder.outOfRange
    }

    /// The recorder these buckets came from.
    /// - Throws: ``LoadResultFileError`` for values and counts that differ in number, or a bucket
    ///   out of range or empty.
    public func recorder() throws(LoadResultFileError) -> LatencyRecorder {
        guard values.count == counts.count else {
            throw LoadResultFileError("latency buckets: \(values.count) values but \(counts.count) counts")
        }
        var recorder = LatencyRecorder()
        for index in values.indices {
            let value = values[index]
            guard value <= LatencyRecorder.highestTrackableMicros, counts[index] > 0 else {
                throw LoadResultFileError("a latency bucket is not a value within 60 s with a count: \(value), \(counts[index])")
            }
            var count = counts[index]
            // The extremes go in exactly (they are in the first and last buckets).
            if index == 0 {
                guard recorder.record(micros: min, count: 1) else { throw LoadResultFileError("min \(min) is out of range") }
                count -= 1
            }
            if index == values.count - 1, count > 0 {
                guard recorder.record(micros: max, count: 1) else { throw LoadResultFileError("max \(max) is out of range") }
                count -= 1
            }
            if count > 0, !recorder.record(micros: value, count: count) {
                throw LoadResultFileError("a latency bucket is not within 60 s: \(value)")
            }
        }
        recorder.addOutOfRange(outOfRange)
        return recorder
    }
}
