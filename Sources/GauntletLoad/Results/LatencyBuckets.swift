import Histogram

/// A ``LatencyRecorder`` as its non-empty buckets: the compact, exact form a shard's result
/// file keeps, so that merging shards adds histograms bucket by bucket.
///
/// Each bucket is written as its lowest equivalent value and its count, with the exact least
/// and greatest values recorded: read back, the histogram has the same counts in the same
/// buckets and the same extremes, so it answers every percentile as the original did (a
/// percentile is clamped to the greatest value recorded).
public struct LatencyBuckets: Sendable, Equatable, Codable {
    /// `[value, count]` pairs in increasing value order, microseconds.
    public var buckets: [[UInt64]]
    /// The least value recorded, exactly; 0 when empty.
    public var min: UInt64
    /// The greatest value recorded, exactly; 0 when empty.
    public var max: UInt64
    /// Values above the histogram's range (``LatencyRecorder/outOfRange``).
    public var outOfRange: Int

    /// The buckets of `recorder`.
    public init(_ recorder: LatencyRecorder) {
        let histogram = recorder.histogram
        var buckets: [[UInt64]] = []
        if histogram.totalCount > 0 {
            for bucket in histogram.recordedValues() {
                buckets.append([histogram.lowestEquivalentForValue(bucket.value), UInt64(bucket.count)])
            }
        }
        self.buckets = buckets
        self.min = histogram.totalCount > 0 ? histogram.min : 0
        self.max = histogram.totalCount > 0 ? histogram.maxRecorded : 0
        self.outOfRange = recorder.outOfRange
    }

    /// The recorder these buckets came from.
    /// - Throws: ``LoadResultFileError`` for a bucket that is not a `[value, count]` pair in range.
    public func recorder() throws(LoadResultFileError) -> LatencyRecorder {
        var recorder = LatencyRecorder()
        for (index, bucket) in buckets.enumerated() {
            guard bucket.count == 2, bucket[0] <= LatencyRecorder.highestTrackableMicros, bucket[1] > 0 else {
                throw LoadResultFileError("a latency bucket is not a [value, count] pair within 60 s: \(bucket)")
            }
            var count = bucket[1]
            // The extremes go in exactly (they are in the first and last buckets).
            if index == 0 {
                guard recorder.record(micros: min, count: 1) else { throw LoadResultFileError("min \(min) is out of range") }
                count -= 1
            }
            if index == buckets.count - 1, count > 0 {
                guard recorder.record(micros: max, count: 1) else { throw LoadResultFileError("max \(max) is out of range") }
                count -= 1
            }
            if count > 0, !recorder.record(micros: bucket[0], count: count) {
                throw LoadResultFileError("a latency bucket is not within 60 s: \(bucket)")
            }
        }
        recorder.addOutOfRange(outOfRange)
        return recorder
    }
}
