import GauntletLoad
import Testing

/// `--max-regression` against a `--baseline`: worse beyond the allowance and beyond noise fails;
/// worse within either passes, and the verdict says which.
@Suite struct BaselineComparisonTests {
    /// A run of `count` requests whose latencies (µs) are `value(i)`, over `seconds`.
    static func run(_ count: Int, seconds: Int64 = 10, _ value: (Int) -> UInt64) -> LoadResult {
        var stats = RequestStats(name: "get")
        for index in 0..<count {
            stats.latency.record(micros: value(index))
            stats.count += 1
        }
        var total = stats
        total.name = "total"
        return LoadResult(planName: "p", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(seconds), total: total, byName: [stats])
    }

    /// 10–20 ms, spread evenly.
    static func spread(_ index: Int, scale: Double = 1) -> UInt64 { UInt64((10_000 + Double(index % 100) * 100) * scale) }

    static func verdict(_ rule: String, current: LoadResult, baseline: LoadResult) throws -> RegressionVerdict {
        try BaselineComparison(current: current, baseline: baseline, label: "b", rules: [RegressionRule(parsing: rule)]).verdicts[0]
    }

    @Test("20% slower on 5,000 requests fails p99:+10%: beyond the allowance and the intervals apart")
    func regressionBeyondNoise() throws {
        let baseline = Self.run(5_000) { Self.spread($0) }
        let slower = Self.run(5_000) { Self.spread($0, scale: 1.2) }
        let verdict = try Self.verdict("p99:+10%", current: slower, baseline: baseline)
        #expect(verdict.regressed)
        #expect(verdict.detail.contains("do not overlap: a regression"))
        #expect(abs((verdict.change ?? 0) - 0.2) < 0.01)
        #expect(try !Self.verdict("p99:+25%", current: slower, baseline: baseline).regressed)
        #expect(try Self.verdict("mean:+10%", current: slower, baseline: baseline).regressed)
        #expect(try Self.verdict("get:p50:+1ms", current: slower, baseline: baseline).regressed)
        #expect(try !Self.verdict("get:p50:+5ms", current: slower, baseline: baseline).regressed)
    }

    @Test("20% slower on 8 requests of a wide spread is within noise: the intervals overlap")
    func smallSamplesAreNoise() throws {
        let baseline = Self.run(8) { UInt64(5_000 + $0 * 5_000) }
        let slower = Self.run(8) { UInt64(Double(5_000 + $0 * 5_000) * 1.2) }
        let verdict = try Self.verdict("p50:+10%", current: slower, baseline: baseline)
        #expect(!verdict.regressed)
        #expect(verdict.detail.contains("overlap: within noise"))
    }

    @Test("A faster run never regresses; the rate gate fails on a drop beyond its allowance")
    func fasterAndRate() throws {
        let baseline = Self.run(5_000) { Self.spread($0) }
        #expect(try !Self.verdict("p99:+0%", current: Self.run(5_000) { Self.spread($0, scale: 0.8) }, baseline: baseline).regressed)
        let halfAsMany = Self.run(2_500) { Self.spread($0) }
        #expect(try Self.verdict("rate:-10%", current: halfAsMany, baseline: baseline).regressed)
        #expect(try !Self.verdict("rate:-60%", current: halfAsMany, baseline: baseline).regressed)
    }

    @Test("Verdicts join the thresholds, so exit status, JUnit and reports carry them")
    func verdictsAreThresholdResults() throws {
        var current = Self.run(5_000) { Self.spread($0, scale: 1.5) }
        current.baselineComparison = BaselineComparison(
            current: current, baseline: Self.run(5_000) { Self.spread($0) }, label: "b", rules: [try RegressionRule(parsing: "p99:+10%")])
        // After the thresholds (here only the default on errors), in the order of the rules.
        #expect(current.thresholdResults.map(\.name) == ["errors<=0% (default)", "p99:+10% vs baseline"])
        #expect(!current.thresholdsPassed)
    }

    @Test("Rules that do not read say why", arguments: ["p99", "p99:10%", "p99:-10%", "rate:+10%", "rate:-5ms", "q99:+10%", ":p99:+1%", "p99:+abc"])
    func badRules(_ text: String) {
        #expect(throws: RegressionRuleError.self) { try RegressionRule(parsing: text) }
    }

    @Test("Rules: percentiles as thresholds write them, absolute and relative allowances, a request name")
    func goodRules() throws {
        let rule = try RegressionRule(parsing: "get-event:p999:+5ms")
        #expect(rule.requestName == "get-event")
        #expect(rule.metric == .percentile(99.9))
        #expect(rule.allowance == .absoluteMicros(5_000))
        #expect(try RegressionRule(parsing: "rate:-10%").allowance == .relative(0.1))
    }
}
