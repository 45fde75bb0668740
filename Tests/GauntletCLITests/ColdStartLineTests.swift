@testable import GauntletCLI
import GauntletLoad
import Testing

/// The console's one line on cold starts says what decided, and never a figure for nothing.
@Suite struct ColdStartLineTests {
    @Test("A load nothing served says so, not 'split 0 ms'")
    func nothingServed() {
        let refused = (0..<40).map { index in
            ColdStartSample(offset: .milliseconds(index * 100), latency: .microseconds(300), status: nil, wasSent: false)
        }
        let analysis = ColdStartAnalysis(samples: refused, classifier: ColdStartClassifier(), stageNames: [])
        let line = LoadSession.coldStartLine(analysis)
        #expect(line == "cold starts: nothing served, no request to tell cold or warm (40 requests: 40 failed)")
    }
}
