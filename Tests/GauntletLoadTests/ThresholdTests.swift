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

    @Test func parsesEveryForm() throws {
        #expect(try Threshold(parsing: "p50<=10ms").comparison == .lessThanOrEqual)
        #expect(try Threshold(parsing: "max<1s").limit == 1_000_000)
        #expect(try Threshold(parsing: "errors<0.1%").limit == 0.001)
        #expect(try Threshold(parsing: "rate>=950").metric == .rate)
        #expect(try Threshold(parsing: "p99.9<2s").metric == .percentile(99.9))
        #expect(try Threshold(parsing: "p999<2s").metric == .percentile(99.9))
        let scoped = try Threshold(parsing: "get-event:p99<50ms")
        #expect(scoped.requestName == "get-event")
        #expect(scoped.limit == 50_000)
        let cold = try Threshold(parsing: "cold.p99<1500ms")
        #expect(cold.series == "cold")
        #expect(cold.metric == .percentile(99))
        #expect(try Threshold(parsing: "cold.count<=20").metric == .count)
        #expect(try Threshold(parsing: "throttled<1%").metric == .throttled)
    }

    @Test func rejectsMalformedThresholdsWithAReason() {
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: "p99 250ms") }
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: "p99<250") }
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: "latency<1s") }
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: "errors<5") }
        #expect {
            try Threshold(parsing: "p99<8785h")
        } throws: { error in
            "\(error)".contains("'8785h' is longer than any duration may be: a year (8784h) at most")
        }
    }

    static func result(thresholds: [String]) throws -> LoadResult {
        var get = RequestStats(name: "get-event")
        for micros in 1...100 { get.latency.record(micros: UInt64(micros) * 1_000) }
        get.count = 100
        get.errors = 1
        get.statusCounts = [200: 99, 500: 1]
        get.errorCounts = ["HTTP 500": 1]
        var total = RequestStats(name: "total")
        total.add(get)
        return LoadResult(
            planName: "t", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(1), total: total, byName: [get],
            thresholds: try thresholds.map { try Threshold(parsing: $0) })
    }

    @Test func evaluatesAgainstAResult() throws {
        let verdicts = try Self.result(thresholds: [
            "p99<250ms", "p50<=10ms", "get-event:max<1s", "errors<0.1%", "rate>=950", "nope:p99<1s", "cold.p99<1s",
        ]).thresholdResults
        #expect(verdicts.map(\.passed) == [true, false, true, false, false, false, false])
        #expect(verdicts[0].message.hasPrefix("p99<250ms: p99 = 99"))
        #expect(verdicts[0].message.hasSuffix("ms (passed)"))
        #expect(verdicts[3].actual == "errors = 1% (1 of 100)")
        #expect(verdicts[5].actual == "no request named 'nope'")
    }

    @Test("A percentile is named as the threshold wrote it, never rounded to p100 (the maximum)")
    func percentileNamesKeepTheirDigits() throws {
        let verdicts = try Self.result(thresholds: ["p99.99999<1s", "p99.9<1s", "p50<1s"]).thresholdResults
        #expect(verdicts.prefix(3).map { $0.actual.prefix { $0 != " " } } == ["p99.99999", "p99.9", "p50"])
    }

    @Test("A share is 0% to 100% (or 0 to 1): a limit no load could meet or miss is refused", arguments: ["errors<150%", "errors<-1%", "throttled<-0.5", "errors<1.5"])
    func sharesOutOfRange(text: String) {
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: text) }
    }

    @Test("The ends of the range are shares", arguments: [("errors<=0%", 0.0), ("errors<100%", 1.0), ("throttled<0.5", 0.5), ("errors<0", 0.0)])
    func sharesAtTheEnds(text: String, limit: Double) throws {
        #expect(try Threshold(parsing: text).limit == limit)
    }

    @Test("A bare 1 is refused as ambiguous: 'errors<1' passed a load with half its requests failed", arguments: ["errors<1", "throttled<=1.0", "dropped<1"])
    func aBareOneIsAmbiguous(text: String) {
        #expect {
            try Threshold(parsing: text)
        } throws: { error in
            "\(error)".contains("is ambiguous: write 1% or 100% (a share without % is below 1: 0.01 is 1%)")
        }
    }
}
