@testable import GauntletLoad
import GauntletHTTP
import Testing

/// The cold-start analysis keeps one sample per request up to a limit for the whole run, so that
/// neither `loops:` nor a merge of shards (or of merges) multiplies its memory and its result file.
@Suite struct ColdStartSampleLimitTests {
    @Test("The loops of a run share one sample limit: loops: 3 keeps no more than one loop")
    func loopsShareTheLimit() {
        for loops in [1, 2, 3, 8, 64] {
            #expect(LoadRecorder.sampleLimit(loops: loops) * loops <= LoadRecorder.sampleLimit)
            #expect(LoadRecorder.sampleLimit(loops: loops) >= 1)
        }
        #expect(LoadRecorder.sampleLimit(loops: 1) == LoadRecorder.sampleLimit)
    }

    @Test("Only loops that carry requests share the limit: 2 users on 8 loops keep a million, not 250,000")
    func idleLoopsTakeNoShare() {
        var plan = ShardingTests.openPlan
        plan.model = .closed(vus: 2, thinkTime: .zero)
        plan.loops = 8
        #expect(plan.busyLoops == 2)
        plan.model = .closed(vus: 20, thinkTime: .zero)
        #expect(plan.busyLoops == 8)
    }

    @Test("A loop's recorder keeps its share and counts the rest as left out of the analysis")
    func aRecorderKeepsItsShare() {
        let recorder = LoadRecorder(names: ["get"], loop: 0, keepsSamples: true, live: nil, samplesKept: 3)
        let now = LoadInstant(nanoseconds: 1_000)
        let completion = LoadCompletion(tag: 0, scheduledStart: now, actualStart: now, end: now, outcome: .response(status: 200))
        for _ in 0..<5 {
            recorder.completed(position: 0, latency: 1_000, serviceTime: 1_000, outcome: completion, failure: nil, due: 0, stage: 0)
        }
        #expect(recorder.samples.count == 3)
        #expect(recorder.unsampled == 2)
    }

    @Test("A merge keeps no more samples than one run, the earliest, and counts the rest as left out")
    func aMergeKeepsNoMoreThanTheLimit() async throws {
        var plan = ShardingTests.openPlan
        plan.coldStart = ColdStartClassifier(mode: .header)
        var shards: [LoadResult] = []
        for index in 0..<2 {
            shards.append(try await ShardingTests.run(plan, shard: LoadShard(index: index, count: 2)).0)
        }
        let all = shards.reduce(0) { $0 + ($1.coldStartInput?.samples.count ?? 0) }
        let limit = all / 3
        let merged = try LoadResult.merging(shards, names: [], sampleLimit: limit)
        let input = try #require(merged.coldStartInput)
        #expect(input.samples.count == limit)
        #expect(input.unanalysed == all - limit)
        let whole = try LoadResult.merging(shards)
        #expect(input.samples == Array(try #require(whole.coldStartInput).samples.prefix(limit)))
        // A merge of that merge with nothing more keeps the same.
        let again = try LoadResult.merging([merged], names: [], sampleLimit: limit)
        #expect(again.coldStartInput?.samples.count == limit)
    }
}
