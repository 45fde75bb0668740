public import GauntletLoad
import Histogram

/// HdrHistogram's standard percentile distribution (`.hgrm`), in milliseconds.
public enum HistogramText {
    /// The `.hgrm` text of one recorder.
    public static func percentileDistribution(_ recorder: LatencyRecorder) -> String {
        var text = ""
        recorder.histogram.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: 1_000)
        if recorder.outOfRange > 0 {
            text += "#[Values above 60 s, not in the table: \(recorder.outOfRange)]\n"
        }
        return text
    }

    /// A file name for a request name: letters, digits, `-`, `_` and `.`, others as `_`.
    public static func fileName(for name: String) -> String {
        let safe = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return "latency-" + (safe.isEmpty ? "_" : safe) + ".hgrm"
    }
}
