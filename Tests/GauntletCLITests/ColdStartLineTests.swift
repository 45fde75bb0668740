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

extension ColdStartLineTests {
    /// 20 requests with the header, the first cold, `labelled` of them named by id in the log.
    static func analysis(labelled: Int) -> ColdStartAnalysis {
        let samples = (0..<20).map { index in
            ColdStartSample(
                offset: .milliseconds(index * 100), latency: .milliseconds(index == 0 ? 300 : 5), status: 200,
                coldStartHeader: index == 0 ? "true" : "false", requestID: "r\(index)")
        }
        let log = LambdaReportLog(
            invocations: (0..<labelled).map { index in
                LambdaInvocation(requestID: "r\(index)", endNanos: nil, durationMilliseconds: 2, initDurationMilliseconds: index == 0 ? 250 : nil)
            })
        return ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log)
    }

    @Test("A log that labelled a few requests is named with its share, the agreement with its n")
    func logMinority() {
        let line = LoadSession.coldStartLine(Self.analysis(labelled: 3))
        #expect(line.hasPrefix("cold starts: 1 cold, 19 warm (header X-Cold-Start, the log labelled 3 of 20)"))
        #expect(line.hasSuffix("header vs log: precision 1, recall 1 on 3 requests"))
        let most = LoadSession.coldStartLine(Self.analysis(labelled: 20))
        #expect(most.hasPrefix("cold starts: 1 cold, 19 warm (Lambda log, labelled 20 of 20)"))
    }
}
