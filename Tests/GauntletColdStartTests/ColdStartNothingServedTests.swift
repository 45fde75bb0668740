import GauntletLoad
import Testing

/// A load nothing served (a refused connection, an interrupt before the start) has nothing to
/// tell cold or warm: no split of 0 ms, and no point for a request that never had a latency.
@Suite struct ColdStartNothingServedTests {
    typealias T = ColdStartClassifierTests

    /// A request libcurl could not send (connection refused).
    static func refused(at second: Int) -> ColdStartSample {
        var sample = T.sample(0.3, status: nil, at: second)
        sample.wasSent = false
        return sample
    }

    @Test("Nothing served is neither undecided nor a split", arguments: [ColdStartClassifier.Mode.automatic, .statistical, .header])
    func nothingServed(_ mode: ColdStartClassifier.Mode) {
        let samples = (0..<40).map { Self.refused(at: $0 / 10) }
        let analysis = ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(mode: mode), stageNames: [])
        #expect(analysis.summary.nothingServed)
        #expect(analysis.summary.undecided == nil)
        #expect(analysis.summary.thresholdMilliseconds == nil)
        #expect(analysis.summary.failedCount == 40)
    }

    @Test("Requests never sent are counted but not plotted; sent ones are")
    func neverSentAreNotOnTheTimeline() {
        let samples = [Self.refused(at: 0), T.sample(2, header: "false", at: 1), Self.refused(at: 2), T.sample(300, header: "true", at: 3)]
        let analysis = ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [])
        #expect(analysis.summary.failedCount == 2)
        #expect(analysis.neverSent == 2)
        #expect(analysis.timeline.map(\.verdict) == [.warm, .cold])
        #expect(!analysis.summary.nothingServed)
    }
}
