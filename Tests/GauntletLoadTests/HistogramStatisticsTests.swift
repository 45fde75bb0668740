import GauntletLoad
import GauntletReports
import Histogram
import Testing

/// The statistics and the `.hgrm` text Gauntlet computes itself (specialized, fast) must be the
/// HdrHistogram library's own, to the last digit, on every kind of distribution.
@Suite struct HistogramStatisticsTests {
    /// Recorders of several shapes: empty, one value, a narrow band, a long tail up to the
    /// ceiling, bimodal (a cold-start-like cluster), zeros, and values past 60 s.
    static func recorders() -> [(name: String, recorder: LatencyRecorder)] {
        var generator = SplitMix64(seed: 42)
        func make(_ values: () -> [UInt64]) -> LatencyRecorder {
            var recorder = LatencyRecorder()
            for value in values() { recorder.record(micros: value) }
            return recorder
        }
        return [
            ("empty", LatencyRecorder()),
            ("one value", make { [1_234] }),
            ("narrow band", make { (0..<5_000).map { _ in 300 + generator.next() % 200 } }),
            ("long tail", make { (0..<20_000).map { _ in 1 << (generator.next() % 26) + generator.next() % 1_000 } }),
            ("bimodal", make { (0..<10_000).map { index in index % 100 == 0 ? 250_000 + generator.next() % 250_000 : 2_000 + generator.next() % 6_000 } }),
            ("with zeros", make { (0..<1_000).map { index in index % 3 == 0 ? 0 : generator.next() % 50 } }),
            ("past the ceiling", make { (0..<1_000).map { index in index % 10 == 0 ? 90_000_000 : 59_000_000 + generator.next() % 999_999 } }),
        ]
    }

    @Test(arguments: [0, 0.1, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 99.999, 100])
    func percentilesAreTheLibrarys(percentile: Double) {
        for (name, recorder) in Self.recorders() {
            #expect(
                recorder.histogram.fastValue(atPercentile: percentile) == recorder.histogram.valueAtPercentile(percentile),
                "\(name) at p\(percentile)")
        }
    }

    /// Several percentiles in one walk, values past 60 s counted as the maximum, as one at a time
    /// with the library would give them.
    @Test func percentilesInOneWalkAreTheLibrarys() {
        let percentiles: [Double] = [99.9, 50, 0, 100, 90, 99, 95, 99.999, 1]
        for (name, recorder) in Self.recorders() {
            let share = Double(recorder.histogram.totalCount) / Double(Swift.max(1, recorder.count)) * 100
            let expected = percentiles.map { percentile -> UInt64 in
                if recorder.count == 0 { return 0 }
                if recorder.histogram.totalCount == 0 || percentile > share { return LatencyRecorder.highestTrackableMicros }
                return recorder.histogram.valueAtPercentile(percentile * 100 / share)
            }
            #expect(recorder.micros(atPercentiles: percentiles) == expected, "\(name)")
        }
    }

    @Test func meanAndDeviationAreTheLibrarys() {
        for (name, recorder) in Self.recorders() {
            #expect(recorder.histogram.fastMean == recorder.histogram.mean, "\(name)")
            #expect(recorder.histogram.fastStandardDeviation == recorder.histogram.stdDeviation, "\(name)")
        }
    }

    @Test func hgrmTextIsTheLibrarys() {
        for (name, recorder) in Self.recorders() {
            var expected = ""
            recorder.histogram.outputPercentileDistribution(to: &expected, outputValueUnitScalingRatio: 1_000)
            if recorder.outOfRange > 0 {
                expected += "#[Values above 60 s, not in the table: \(recorder.outOfRange)]\n"
            }
            #expect(HistogramText.percentileDistribution(recorder) == expected, "\(name)")
        }
    }
}

/// A small deterministic generator, so that a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
