import Foundation
import GauntletLoad
import Testing

/// Telling cold from warm: by header when there is one, else by the natural break in log-latency.
@Suite struct ColdStartClassifierTests {
    /// A served sample of `milliseconds`, with an optional header value.
    static func sample(_ milliseconds: Double, header: String? = nil, status: Int? = 200, at second: Int = 0, stage: Int = 0)
        -> ColdStartSample
    {
        ColdStartSample(
            offset: .seconds(second),
            latency: .microseconds(Int64(milliseconds * 1000)),
            status: status,
            coldStartHeader: header,
            stage: stage
        )
    }

    /// A duration in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// Warm latencies around 1–3 ms and cold ones around 150–250 ms, in a fixed pattern.
    static var mixed: [ColdStartSample] {
        let warm = (0..<60).map { sample(1 + Double($0 % 7) * 0.3) }
        let cold = (0..<8).map { sample(150 + Double($0) * 12) }
        return cold + warm
    }

    @Test("The header decides when every served request has it")
    func headerWins() {
        let samples = [Self.sample(300, header: "false"), Self.sample(1, header: "TRUE"), Self.sample(2, header: "false")]
        let classification = ColdStartClassifier().classify(samples)
        #expect(classification.method == .header)
        #expect(classification.verdicts == [.warm, .cold, .warm])
    }

    @Test("Throttled, timed-out and failed requests get their own verdicts, and need no header")
    func unservedVerdicts() {
        let samples = [
            Self.sample(1, header: "true"), Self.sample(1, status: 429), Self.sample(100, status: 504), Self.sample(5, status: nil),
        ]
        let classification = ColdStartClassifier().classify(samples)
        #expect(classification.method == .header)
        #expect(classification.verdicts == [.cold, .throttled, .timedOut, .failed])
    }

    @Test("Without the header on every served request, the latency distribution decides")
    func statisticalFallback() throws {
        var samples = Self.mixed
        samples[0].coldStartHeader = "true"
        let classification = ColdStartClassifier().classify(samples)
        #expect(classification.method == .statistical)
        #expect(classification.verdicts == Array(repeating: .cold, count: 8) + Array(repeating: .warm, count: 60))
        let threshold = try #require(classification.threshold)
        #expect(threshold > .milliseconds(2.8) && threshold < .milliseconds(150))
        #expect(try #require(classification.separation) > 4)
    }

    @Test("A single cluster, however wide, has no cold starts")
    func unimodalHasNoColdStarts() {
        // Log-normal-ish spread: 2 ms to 6 ms, smoothly.
        let samples = (0..<200).map { Self.sample(2 * pow(3, Double($0) / 199)) }
        let classification = ColdStartClassifier(mode: .statistical).classify(samples)
        #expect(classification.coldCount == 0)
        #expect(classification.threshold == nil)
    }

    /// Warm latencies spread log-logistically around 3 ms (0.25 to 38 ms), `count` of them.
    static func wideWarm(_ count: Int) -> [ColdStartSample] {
        (0..<count).map { index in
            let u = (Double(index) + 0.5) / Double(count)
            return sample(3 * exp(0.5 * 0.55 * log(u / (1 - u))))
        }
    }

    @Test("A few cold starts among thousands of widely spread warm requests are all found, and only they")
    func rareColdStartsAreFound() {
        let cold = (0..<10).map { Self.sample(250 + Double($0) * 25) }
        let samples = Self.wideWarm(5_000) + cold
        let classification = ColdStartClassifier(mode: .statistical).classify(samples)
        #expect(classification.verdicts == Array(repeating: .warm, count: 5_000) + Array(repeating: .cold, count: 10))
    }

    @Test("Thousands of widely spread warm requests alone have no cold starts")
    func wideWarmAloneHasNoColdStarts() {
        let classification = ColdStartClassifier(mode: .statistical).classify(Self.wideWarm(5_000))
        #expect(classification.coldCount == 0)
        #expect(classification.threshold == nil)
    }

    @Test("Clusters too close in latency are not split")
    func closeClustersAreNotSplit() {
        let samples = (0..<50).map { Self.sample($0 < 10 ? 6 : 2) }
        #expect(ColdStartClassifier(mode: .statistical).classify(samples).coldCount == 0, "3× apart is below the 4× ratio")
        #expect(ColdStartClassifier(mode: .statistical, minimumRatio: 2).classify(samples).coldCount == 10)
    }

    @Test("Too few requests are not split")
    func tooFewSamples() {
        let samples = [Self.sample(1), Self.sample(1.2), Self.sample(200)]
        #expect(ColdStartClassifier(mode: .statistical).classify(samples).coldCount == 0)
        #expect(ColdStartClassifier(mode: .statistical, minimumSamples: 3).classify(samples).coldCount == 1)
    }

    @Test("Forcing the header method counts requests without it warm")
    func forcedHeader() {
        let samples = [Self.sample(300), Self.sample(1, header: "true")]
        #expect(ColdStartClassifier(mode: .header).classify(samples).verdicts == [.warm, .cold])
    }

    @Test("Agreement counts precision and recall over requests both call cold or warm")
    func agreement() {
        let truth = ColdStartClassification(verdicts: [.cold, .cold, .cold, .warm, .warm, .throttled], method: .header)
        let guess = ColdStartClassification(verdicts: [.cold, .cold, .warm, .cold, .warm, .throttled], method: .statistical)
        let agreement = ColdStartAgreement(predicted: guess, truth: truth)
        #expect(agreement.truePositives == 2)
        #expect(agreement.falsePositives == 1)
        #expect(agreement.falseNegatives == 1)
        #expect(agreement.trueNegatives == 1)
        #expect(agreement.precision == 2.0 / 3)
        #expect(agreement.recall == 2.0 / 3)
    }
}
