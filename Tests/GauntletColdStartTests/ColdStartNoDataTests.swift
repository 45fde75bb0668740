import GauntletLoad
import Testing

/// A series with no request has no data: its count is 0 and count thresholds decide on that,
/// while a latency threshold fails and says there was no data.
@Suite struct ColdStartNoDataTests {
    /// Ten warm requests of 2 ms and no cold one.
    static var warmOnly: ColdStartSummary {
        let samples = (0..<10).map { _ in ColdStartClassifierTests.sample(2, header: "false") }
        return ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
    }

    @Test("Count thresholds on an empty series judge the count 0", arguments: [
        ("cold.count>=0", true), ("cold.count<5", true), ("cold.count<=0", true), ("cold.count>=1", false),
    ] as [(String, Bool)])
    func countDecides(_ text: String, passes: Bool) throws {
        let result = try #require(Self.warmOnly.evaluate(try Threshold(parsing: text)))
        #expect(result.passed == passes, "\(result.message)")
        #expect(result.actual == "cold.count = 0")
    }

    @Test("Latency thresholds on an empty series fail with 'no data'", arguments: ["cold.p99<1s", "cold.p50>0ms", "cold.max<1s", "cold.mean<1s"])
    func latencyHasNoData(_ text: String) throws {
        let result = try #require(Self.warmOnly.evaluate(try Threshold(parsing: text)))
        #expect(!result.passed)
        #expect(result.actual == "no data (no cold request)")
        #expect(result.message == "\(text): no data (no cold request) (FAILED)")
    }
}
