public import Histogram

/// HdrHistogram's statistics of a microsecond histogram, computed here rather than by the
/// library's own `valueAtPercentile`, `mean` and `stdDeviation`.
///
/// Those are generic over the count type and not inlinable, so every call runs unspecialized
/// code that looks up type metadata for each sub-bucket it walks: at the end of a 10 s load the
/// reports spent about 0.2 s of CPU in them (`valgrind --tool=callgrind`: 630 million
/// instructions for writing the reports, most under `Histogram.mean`, `valueAtPercentile` and
/// `outputPercentileDistribution`), and every second of a load paid the same for its time-series
/// point. These walk the same buckets through the library's inlinable iterator, which is
/// specialized for `UInt64` here, and give the library's results exactly (the same arithmetic in
/// the same order; `HistogramStatisticsTests` compares them).
extension Histogram where Count == UInt64 {
    /// The library's `valueAtPercentile(_:)`: the highest value equivalent to the one at or
    /// below which `percentile` percent of the recorded values lie, clamped to the values recorded.
    public func fastValue(atPercentile percentile: Double) -> UInt64 {
        fastValues(atPercentiles: [percentile])[0]
    }

    /// ``fastValue(atPercentile:)`` of each of `percentiles` (in any order), in one walk over
    /// the buckets.
    public func fastValues(atPercentiles percentiles: [Double]) -> [UInt64] {
        var values = [UInt64](repeating: 0, count: percentiles.count)
        // The ranks to reach, lowest first; 0 % and 100 % are the extremes, without a walk.
        var targets: [(count: UInt64, index: Int)] = []
        for (index, percentile) in percentiles.enumerated() {
            if percentile == 0 {
                values[index] = min
            } else if percentile >= 100 {
                values[index] = maxRecorded
            } else {
                // As the library does: one ulp less, so that rounding up stays within the bucket.
                let requested = Swift.min(Swift.max(percentile.nextDown, 0), 100)
                targets.append((Swift.max(1, UInt64((requested * Double(totalCount) / 100).rounded(.up))), index))
            }
        }
        guard !targets.isEmpty else { return values }
        targets.sort { $0.count < $1.count }
        let (least, greatest) = (min, maxRecorded)
        var next = 0
        var total: UInt64 = 0
        for bucket in recordedValues() {
            total += bucket.count
            while next < targets.count, total >= targets[next].count {
                values[targets[next].index] = Swift.max(Swift.min(bucket.value, greatest), least)
                next += 1
            }
            if next == targets.count { break }
        }
        return values
    }

    /// The library's `mean`: each bucket's middle value weighted by its count.
    public var fastMean: Double {
        guard totalCount > 0 else { return 0 }
        var total: Double = 0
        for bucket in recordedValues() {
            total += Double(middleEquivalent(of: bucket.value)) * Double(bucket.count)
        }
        return total / Double(totalCount)
    }

    /// The library's `stdDeviation`, around ``fastMean``.
    public var fastStandardDeviation: Double {
        guard totalCount > 0 else { return 0 }
        let mean = fastMean
        var total: Double = 0
        for bucket in recordedValues() {
            let deviation = Double(middleEquivalent(of: bucket.value)) - mean
            total += deviation * deviation * Double(bucket.count)
        }
        return (total / Double(totalCount)).squareRoot()
    }

    /// The library's `medianEquivalentForValue(_:)`, from its inlinable parts.
    @inlinable
    func middleEquivalent(of value: UInt64) -> UInt64 {
        let lowest = lowestEquivalentForValue(value)
        return lowest + ((nextNonEquivalentForValue(value) - lowest) >> 1)
    }
}
