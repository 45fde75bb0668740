import GauntletLoad
import Testing

@Suite struct ThresholdTests {
    @Test func parsesAPercentileInMilliseconds() throws {
        let threshold = try Threshold(parsing: "p99<250ms")
        #expect(threshold.metric == .percentile(99))
        #expect(threshold.comparison == .lessThan)
        #expect(threshold.limit == 250_000)
        #expect(threshold.requestName == nil)
    }
}
