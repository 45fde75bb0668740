import GauntletLoad
import Testing

/// Thresholds that name the cold and warm series.
@Suite struct ColdStartThresholdTests {
    /// 4 cold requests of 200 ms and 10 warm ones of 2 ms.
    static var summary: ColdStartSummary {
        typealias T = ColdStartClassifierTests
        var samples: [ColdStartSample] = []
        samples += (0..<4).map { _ in T.sample(200, header: "true") }
        samples += (0..<10).map { _ in T.sample(2, header: "false") }
        return ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
    }

    @Test(
        "cold.* and warm.* thresholds hold or fail on the series",
        arguments: [
            ("cold.p99<1500ms", true), ("cold.p50<100ms", false), ("cold.count<=20", true), ("cold.count<4", false),
            ("warm.p50<20ms", true), ("warm.max<1ms", false), ("cold.mean>=150ms", true), ("warm.count>=10", true),
        ] as [(String, Bool)]
    )
    func evaluates(_ text: String, passes: Bool) throws {
        let threshold = try Threshold(parsing: text)
        let result = try #require(Self.summary.evaluate(threshold))
        #expect(result.passed == passes, "\(result.message)")
    }

    @Test("Other thresholds are left to the load result", arguments: ["p99<250ms", "throttled<1%", "get-event:p99<50ms"])
    func leavesOthers(_ text: String) throws {
        #expect(Self.summary.evaluate(try Threshold(parsing: text)) == nil)
    }

    @Test("An unsupported percentile or an empty series fails with a reason")
    func failsWithReason() throws {
        let unsupported = try #require(Self.summary.evaluate(try Threshold(parsing: "cold.p75<1s")))
        #expect(!unsupported.passed)
        let samples = [ColdStartClassifierTests.sample(2, header: "false")]
        let warmOnly = ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
        let none = try #require(warmOnly.evaluate(try Threshold(parsing: "cold.p99<1s")))
        #expect(!none.passed)
        #expect(none.actual == "no data (no cold request)")
        #expect(warmOnly.evaluate(try Threshold(parsing: "cold.count<=0"))?.passed == true)
    }
}
