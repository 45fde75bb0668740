import GauntletLoad
import Testing

/// The summary reports and thresholds read: counts, percentiles, penalty, stages, time series.
@Suite struct ColdStartSummaryTests {
    @Test("Counts, percentiles and the penalty of cold over warm")
    func countsAndPenalty() throws {
        typealias T = ColdStartClassifierTests
        var samples: [ColdStartSample] = []
        samples += (0..<4).map { _ in T.sample(200, header: "true", at: 0, stage: 0) }
        samples += (0..<10).map { _ in T.sample(2, header: "false", at: 1, stage: 0) }
        samples.append(T.sample(1, status: 429, at: 2, stage: 1))
        samples.append(T.sample(29, status: 504, at: 3, stage: 1))
        samples.append(T.sample(300, header: "true", at: 3, stage: 1))
        let summary = ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
        #expect(summary.method == .header)
        #expect(summary.total == 17)
        #expect(summary.coldCount == 5)
        #expect(summary.warmCount == 10)
        #expect(summary.throttledCount == 1)
        #expect(summary.timedOutCount == 1)
        let cold = try #require(summary.cold)
        let warm = try #require(summary.warm)
        #expect(cold.count == 5)
        #expect(abs(cold.p50 - 200) < 0.5)
        #expect(abs(cold.max - 300) < 0.5)
        #expect(abs(warm.p99 - 2) < 0.01)
        #expect(abs(try #require(summary.penaltyMilliseconds) - 198) < 0.5)
        #expect(summary.coldPerSecond == [4, 0, 0, 1])
        #expect(summary.stages.map { $0.index } == [0, 1])
        #expect(summary.stages[0].cold == 4 && summary.stages[0].warm == 10)
        #expect(summary.stages[1].cold == 1 && summary.stages[1].throttled == 1 && summary.stages[1].timedOut == 1)
        #expect(abs(summary.throttledRate - 1.0 / 17) < 1e-9)
    }

    @Test("A run without cold starts has no cold percentiles and no penalty")
    func noColdStarts() {
        let samples: [ColdStartSample] = (0..<5).map { ColdStartClassifierTests.sample(2, header: "false", at: $0) }
        let summary = ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
        #expect(summary.cold == nil)
        #expect(summary.penaltyMilliseconds == nil)
        #expect(summary.coldPerSecond == [0, 0, 0, 0, 0])
    }
}
