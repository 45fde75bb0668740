import Foundation
public import GauntletLoad
import Histogram

/// HdrHistogram's standard percentile distribution (`.hgrm`), in milliseconds.
public enum HistogramText {
    /// The `.hgrm` text of one recorder.
    ///
    /// The same text as the library's `outputPercentileDistribution` (plain text, five ticks per
    /// half distance), written here through its inlinable percentile iterator and
    /// ``GauntletLoad/Histogram/fastMean``: the library's own is generic and unspecialized, and
    /// cost about 35 ms of CPU per file (see `Histogram+Statistics.swift` in GauntletLoad).
    /// `HistogramStatisticsTests` compares the two texts.
    public static func percentileDistribution(_ recorder: LatencyRecorder) -> String {
        let histogram = recorder.histogram
        let scale = 1_000.0
        var text = "       Value     Percentile TotalCount 1/(1-Percentile)\n\n"
        for value in histogram.percentiles(ticksPerHalfDistance: 5) {
            let level = value.percentileLevelIteratedTo / 100
            if value.percentileLevelIteratedTo != 100 {
                text += String(
                    format: "%12.3f %2.12f %10d %14.2f\n", Double(value.value) / scale, level,
                    value.totalCountToThisValue, 1 / (1 - level))
            } else {
                text += String(format: "%12.3f %2.12f %10d\n", Double(value.value) / scale, level, value.totalCountToThisValue)
            }
        }
        text += String(
            format: "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n", histogram.fastMean / scale,
            histogram.fastStandardDeviation / scale)
        text += String(format: "#[Max     = %12.3f, Total count    = %12d]\n", Double(histogram.max) / scale, histogram.totalCount)
        text += String(format: "#[Buckets = %12d, SubBuckets     = %12d]\n", layout.buckets, layout.subBuckets)
        if recorder.outOfRange > 0 {
            text += "#[Values above 60 s, not in the table: \(recorder.outOfRange)]\n"
        }
        return text
    }

    /// The bucket layout of a ``LatencyRecorder``'s histogram (1 µs to 60 s, three significant
    /// digits), as HdrHistogram derives it: sub-buckets enough for 2 × 10³ values at unit
    /// resolution, then buckets doubling until the highest trackable value fits.
    static let layout: (buckets: Int, subBuckets: Int) = {
        let subBuckets = 1 << Int(log2(2_000.0).rounded(.up))
        var buckets = 1
        var smallestUntrackable = UInt64(subBuckets)
        while smallestUntrackable <= LatencyRecorder.highestTrackableMicros {
            smallestUntrackable <<= 1
            buckets += 1
        }
        return (buckets, subBuckets)
    }()

    /// A file name for a request name: letters, digits, `-`, `_` and `.`, others as `_`.
    public static func fileName(for name: String) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return "latency-" + (safe.isEmpty ? "_" : safe) + ".hgrm"
    }
}
