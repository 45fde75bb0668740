import Foundation
import GauntletLoad
import GauntletReports
import Testing

/// A load's verdict, the same in its exit status and every report: a failed check fails a
/// load that sets no errors threshold, and an interrupted load never reads as passed.
@Suite struct LoadVerdictTests {
    /// A closed load of `count` requests, `errors` of them failed, judged by `thresholds`.
    static func result(count: Int, errors: Int, thresholds: [String], cancelled: Bool = false) throws -> LoadResult {
        var total = RequestStats(name: "total")
        for _ in 0..<count { total.latency.record(micros: 2_000) }
        total.count = count
        total.errors = errors
        total.statusCounts = [200: count - errors, 500: errors].filter { $0.value > 0 }
        var named = total
        named.name = "list-events"
        return LoadResult(
            planName: "verdict", model: .closed(vus: 2, thinkTime: .zero), elapsed: .seconds(2), total: total, byName: [named], sent: count,
            cancelled: cancelled, thresholds: try thresholds.map { try Threshold(parsing: $0) })
    }

    @Test("A load with no errors threshold fails on any failed request, by the default errors<=0%")
    func defaultErrorsThreshold() throws {
        let failing = try Self.result(count: 94, errors: 94, thresholds: [])
        #expect(failing.judgedThresholds.map(\.source) == ["errors<=0%"])
        #expect(failing.verdict == .failed)
        let verdict = try #require(failing.thresholdResults.first)
        #expect(verdict.name == "errors<=0% (default)")
        #expect(verdict.message.hasPrefix("errors<=0% (default: no threshold bounds errors): errors = 100% (94 of 94) (FAILED)"))

        let clean = try Self.result(count: 94, errors: 0, thresholds: ["p99<1s"])
        #expect(clean.judgedThresholds.map(\.source) == ["p99<1s", "errors<=0%"])
        #expect(clean.verdict == .passed)
    }

    @Test("A part of a sharded load never reads as passed: a shard's own load or a partial merge is partial, a merge that lacks a shard incomplete")
    func aMergeMissingAShardIsIncomplete() throws {
        var merge = try Self.result(count: 50, errors: 0, thresholds: [])
        merge.shards = [LoadShard(index: 0, count: 3), LoadShard(index: 2, count: 3)]
        #expect(merge.verdict == .partial, "a partial merge judges no threshold")
        #expect(merge.verdictReason == "shards 0/3, 2/3 of a sharded load: no threshold is judged until 'gauntlet merge' has every shard")
        merge.requiresEveryShard = true
        #expect(merge.verdict == .incomplete)
        #expect(merge.verdictReason == "shard 1/3 missing: the plan's thresholds judge only a merge of every shard")
        merge.leftBehind = 2
        #expect(merge.verdict == .failed, "what it holds failing says more than what it lacks")
        merge.leftBehind = 0
        merge.cancelled = true
        #expect(merge.verdict == .interrupted)
        merge.cancelled = false
        merge.shards.append(LoadShard(index: 1, count: 3))
        #expect(merge.verdict == .passed)
    }

    @Test("Any errors threshold, for the load or one request, replaces the default", arguments: ["errors<50%", "list-events:errors<50%"])
    func explicitErrorsThreshold(threshold: String) throws {
        let result = try Self.result(count: 100, errors: 10, thresholds: [threshold])
        #expect(result.judgedThresholds.map(\.source) == [threshold])
        #expect(result.verdict == .passed)
    }

    @Test("A shard's part judges no threshold, the default neither: the merge does")
    func partJudgesNothing() throws {
        var part = try Self.result(count: 10, errors: 10, thresholds: [])
        part.shards = [LoadShard(index: 0, count: 2)]
        #expect(part.judgedThresholds.isEmpty)
    }

    @Test("An interrupted load is INTERRUPTED in its summary and HTML, its passing thresholds judged only on what ran")
    func interruptedReadsAsInterrupted() throws {
        let result = try Self.result(count: 40, errors: 0, thresholds: ["p99<1s"], cancelled: true)
        #expect(result.verdict == .interrupted)
        #expect(result.verdictReason == "stopped after 2 s: the thresholds judged only what ran (all 2 thresholds passed on that part)")
        let markdown = LatencyReportMarkdown.render(result)
        #expect(markdown.contains("**❌ INTERRUPTED**: stopped after 2 s"))
        #expect(!markdown.contains("✅"))
        #expect(LatencyReportHTML.render(result).contains("<p class=\"verdict fail\">INTERRUPTED: stopped after 2 s"))
    }

    /// How a load can end without completing, each with thresholds that held on what ran.
    enum Incompletion: String, CaseIterable, Sendable {
        case interrupted, unfinished, notStarted, shard, mergeLackingAShard
    }

    @Test("latency.json never says thresholdsPassed beside a load that did not complete", arguments: Incompletion.allCases)
    func incompleteLoadsNeverPassTheirThresholds(_ incompletion: Incompletion) throws {
        var result = try Self.result(count: 40, errors: 0, thresholds: ["p99<1s"])
        #expect(LatencyReportJSON(result).thresholdsPassed, "the whole load passes")
        switch incompletion {
        case .interrupted: result.cancelled = true
        case .unfinished: (result.cancelled, result.unfinished) = (true, true)  // a stand-in is cancelled too
        case .notStarted: result.notStarted = "setup failed at step 'seed' (HTTP 403)"
        case .shard: result.shards = [LoadShard(index: 0, count: 2)]
        case .mergeLackingAShard: (result.shards, result.requiresEveryShard) = ([LoadShard(index: 0, count: 2)], true)
        }
        #expect(result.verdict != .passed)
        let json = try JSONSerialization.jsonObject(with: LatencyReportJSON(result).encoded()) as? [String: Any]
        #expect(json?["thresholdsPassed"] as? Bool == false, "verdict \(json?["verdict"] ?? "none")")
    }

    @Test("Every verdict headlines the summary: passed, failed with why, unreachable")
    func headlines() throws {
        #expect(LatencyReportMarkdown.render(try Self.result(count: 5, errors: 0, thresholds: [])).contains("**✅ PASSED**: its 1 threshold passed."))
        let failed = try Self.result(count: 5, errors: 1, thresholds: ["p99<1ms"])
        #expect(failed.verdictReason == "2 of 2 thresholds failed")
        var unreachable = try Self.result(count: 5, errors: 5, thresholds: [])
        unreachable.total.statusCounts = [0: 5]
        #expect(unreachable.verdict == .unreachable)
        #expect(LatencyReportMarkdown.render(unreachable).contains("**❌ UNREACHABLE**: none of the 5 requests sent was answered"))
    }

    @Test("A deployment reached that answers no HTTP (HTTP/0.9, garbage) is told from one not reached")
    func malformedAnswersAreNotCalledUnreached() throws {
        var garbled = try Self.result(count: 5, errors: 5, thresholds: [])
        garbled.total.statusCounts = [0: 5]
        garbled.total.errorCounts = ["truncated": 5]
        #expect(garbled.verdict == .unreachable)
        #expect(garbled.verdictReason == "none of the 5 requests sent got an HTTP answer: 5 came back truncated or malformed "
            + "(the deployment answered with what is not HTTP, or cut its answers short)")
    }
}
