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

    @Test("An empty series fails with a reason")
    func failsWithReason() throws {
        let samples = [ColdStartClassifierTests.sample(2, header: "false")]
        let warmOnly = ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
        let none = try #require(warmOnly.evaluate(try Threshold(parsing: "cold.p99<1s")))
        #expect(!none.passed)
        #expect(none.actual == "no data (no cold request)")
        #expect(warmOnly.evaluate(try Threshold(parsing: "cold.count<=0"))?.passed == true)
    }

    @Test(
        "A series threshold the load could only fail at its end does not parse",
        arguments: [
            ("cold.p95<5s", "the cold series has p50 (median), p90, p99, max, mean and count only, not 'p95'"),
            ("warm.p99.9<1s", "the warm series has p50 (median), p90, p99, max, mean and count only, not 'p99.9'"),
            ("cold.min>1ms", "the cold series has p50 (median), p90, p99, max, mean and count only, not 'min'"),
            ("cold.throttled<1%", "the cold series has p50 (median), p90, p99, max, mean and count only, not 'throttled'"),
            ("colds.p99<1s", "unknown series 'colds' (the series are cold and warm, as in 'cold.p99<1500ms')"),
            ("cold_start.count<1", "unknown series 'cold_start' (the series are cold and warm, as in 'cold.p99<1500ms')"),
            ("Cold.p99<10ms", "unknown series 'Cold' (the series are cold and warm, as in 'cold.p99<1500ms'); did you mean 'cold.p99'?"),
            ("get-event:cold.p99<1s", "the cold series covers the whole load, not one request name: write 'cold.p99…'"),
        ] as [(String, String)]
    )
    func rejectedUpFront(_ text: String, message: String) {
        #expect {
            _ = try Threshold(parsing: text)
        } throws: { error in
            (error as? ThresholdParseError)?.message == message
        }
    }

    @Test("Every metric the series give parses", arguments: ["cold.p50<1s", "cold.median<1s", "warm.p90<1s", "cold.p99<1s", "warm.max<1s", "cold.mean<1s", "cold.count<=20", "warm.avg<1s"])
    func acceptedMetrics(_ text: String) throws {
        #expect(try Threshold(parsing: text).series != nil)
    }
}
