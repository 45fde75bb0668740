import Foundation
import GauntletLoad
import Testing

/// Every analysis says how sure it is: its method, split, separation and a confidence, or
/// "undecided" with the reason, never a silent "0 cold"; and `cold.*` thresholds on an
/// undecided analysis fail with that reason.
@Suite struct ColdStartConfidenceTests {
    static func sample(_ milliseconds: Double, header: String? = nil, status: Int? = 200) -> ColdStartSample {
        ColdStartClassifierTests.sample(milliseconds, header: header, status: status)
    }

    @Test("A clear split reports its separation and a confidence from it; the header is sure")
    func decidedAnalysesSayHowSure() throws {
        let classification = ColdStartClassifier(mode: .statistical).classify(ColdStartClassifierTests.mixed)
        #expect(classification.undecided == nil)
        let separation = try #require(classification.separation)
        let confidence = try #require(classification.confidence)
        #expect(confidence > 0.95 && confidence <= 1)
        // 1 − Φ(−D/2) of the reported separation.
        #expect(abs(confidence - (1 - 0.5 * erfc(separation / 2 / 2.0.squareRoot()))) < 1e-12)
        #expect(separation > 4)
        let header = ColdStartClassifier().classify([Self.sample(1, header: "true"), Self.sample(2, header: "false")])
        #expect(header.confidence == 1 && header.undecided == nil)
    }

    @Test("One group with no slow cluster is undecided, with the figures that decided it")
    func oneGroupIsUndecided() throws {
        let samples = ColdStartClassifierTests.wideWarm(2_000)
        let classification = ColdStartClassifier(mode: .statistical).classify(samples)
        let reason = try #require(classification.undecided)
        #expect(reason.hasPrefix("no separate slow group: separation D = "))
        #expect(reason.contains("(needs 3.00)"))
        #expect(classification.confidence == nil)
        let summary = ColdStartSummary(samples: samples, classification: classification)
        #expect(summary.undecided == reason)
        #expect(summary.coldCount == 0 && summary.warmCount == 0 && summary.cold == nil && summary.warm == nil)
    }

    @Test("Too few served requests are undecided; none served is simply nothing cold")
    func tooFewIsUndecided() throws {
        let few = ColdStartClassifier(mode: .statistical).classify([Self.sample(1), Self.sample(1.2), Self.sample(200)])
        #expect(few.undecided == "only 3 served requests; telling cold from warm by latency needs at least 10")
        let throttled = ColdStartClassifier(mode: .statistical).classify([Self.sample(1, status: 429), Self.sample(2, status: 504)])
        #expect(throttled.undecided == nil)
    }

    @Test("cold.* and warm.* thresholds on an undecided analysis fail with its reason; throttled is still judged")
    func thresholdsOnUndecided() throws {
        let samples = ColdStartClassifierTests.wideWarm(500)
        let summary = ColdStartSummary(samples: samples, classification: ColdStartClassifier(mode: .statistical).classify(samples))
        for text in ["cold.count<5", "cold.p99<1s", "warm.p50<100ms"] {
            let verdict = try #require(summary.evaluate(try Threshold(parsing: text)))
            #expect(!verdict.passed, "\(text)")
            #expect(verdict.actual.hasPrefix("undecided: no separate slow group"), "\(text)")
        }
        #expect(summary.evaluate(try Threshold(parsing: "throttled<1%")) == nil)
    }
}
