import GauntletLoad
import Testing

/// A Lambda log that labelled only a few requests did not decide the run: reports name the
/// method that decided most, and give the agreement with the number it rests on.
@Suite struct ColdStartLogMinorityTests {
    typealias L = ColdStartLogLabellingTests

    /// 20 requests with the header, `labelled` of them named by id in the log.
    static func analysis(labelled: Int) -> ColdStartAnalysis {
        let samples = (0..<20).map { index in
            L.sample(at: Int64(index) * 100, took: index == 0 ? 300 : 5, id: "r\(index)", header: index == 0 ? "true" : "false")
        }
        let log = LambdaReportLog(
            invocations: (0..<labelled).map { index in
                L.invocation("r\(index)", end: nil, ms: 2, initMs: index == 0 ? 250 : nil)
            })
        return ColdStartAnalysis(samples: samples, classifier: ColdStartClassifier(), stageNames: [], log: log)
    }

    @Test("A log that labelled 3 of 20 requests is not the deciding method; one that labelled 10 or more is")
    func decidingMethod() throws {
        let few = Self.analysis(labelled: 3)
        #expect(few.summary.method == .log, "the log still decides the requests it labelled")
        #expect(few.decidingMethod == .header)
        let match = try #require(few.logMatch)
        #expect((match.labelled, match.served, match.decidedMost) == (3, 20, false))
        #expect(match.agreement.compared == 3)
        #expect(Self.analysis(labelled: 10).decidingMethod == .log)
        #expect(Self.analysis(labelled: 20).decidingMethod == .log)
    }
}
