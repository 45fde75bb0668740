import Foundation
import GauntletHTTP
import GauntletLoad
import Testing

/// `--shard I/N` and `gauntlet merge`: the shards of a plan together run exactly the plan, and
/// their merged result is the result of one process running it (on the simulated transport,
/// where service times are exact, merged histograms equal the single run's bucket by bucket).
@Suite struct ShardingTests {
    static let ms: UInt64 = 1_000_000
    /// The wall clock both runs pretend to start at, so that merged seconds line up as a
    /// common `--start-at` lines them up.
    static let commonStart: Int64 = 1_796_270_400_000_000_000

    /// A step whose path carries its iteration, so the service time (and the set of iterations
    /// sent) is known: 1–7 ms by iteration number (300 ms and a cold-start header for every 50th),
    /// status 200 except every 13th (503).
    static let step = LoadStep.request("work", path: "/work/{{iteration}}", expect: [200])
    static func service() -> SimulatedTransport.Service {
        { transfer, _ in
            let iteration = UInt64(transfer.url.split(separator: "/").last ?? "0") ?? 0
            // Every 50th iteration is a cold start: slow, and says so in its header.
            let cold = iteration % 50 == 0
            return (
                cold ? 300 * ms : (iteration % 7 + 1) * ms,
                SimulatedOutcome(status: iteration % 13 == 0 ? 503 : 200, bytesReceived: 10, headerValue: cold ? "true" : "false")
            )
        }
    }

    /// Runs `plan` as shard `shard`, recording what it sent.
    static func run(_ plan: LoadPlan, shard: LoadShard) async throws -> (LoadResult, [String]) {
        var plan = plan
        plan.shard = shard
        let sent = SentRecorder()
        let engine = LoadEngine(
            plan: plan, baseURL: "http://127.0.0.1:1", transport: SimulatedTransport(recorder: sent, service: service()),
            runID: "r")
        var result = try await engine.run()
        result.wallClockStartNanos = commonStart
        return (result, sent.transfers.map(\.url))
    }

    /// The plan run whole and as `count` shards: the single result, the shards' results, and
    /// the URLs each sent.
    static func wholeAndShards(_ plan: LoadPlan, count: Int) async throws
        -> (whole: LoadResult, shards: [LoadResult], wholeSent: [String], shardSent: [String])
    {
        let (whole, wholeSent) = try await run(plan, shard: .whole)
        var shards: [LoadResult] = []
        var shardSent: [String] = []
        for index in 0..<count {
            let (result, sent) = try await run(plan, shard: LoadShard(index: index, count: count))
            shards.append(result)
            shardSent += sent
        }
        return (whole, shards, wholeSent, shardSent)
    }

    static let openPlan = LoadPlan(
        name: "open", model: .open(rate: 200, stages: [LoadStage(duration: .seconds(1), target: 400)]),
        duration: .seconds(2), mix: [.single(step)], thresholds: [try! Threshold(parsing: "p99<10ms")])

    @Test("The open model's arrivals split over shards and loops are the plan's, each once", arguments: [1, 2, 3])
    func openArrivalsPartition(_ loops: Int) {
        var whole = OpenModelScheduler(rate: 300, stages: [LoadStage(duration: .seconds(2), target: 50)], duration: .seconds(3))
        var expected: [UInt64] = []
        while let due = whole.next() { expected.append(due) }
        var union: [UInt64] = []
        for index in 0..<4 {
            for loop in 0..<loops {
                let slot = LoadShard(index: index, count: 4).slot(loop: loop, of: loops)
                var part = OpenModelScheduler(
                    rate: 300, stages: [LoadStage(duration: .seconds(2), target: 50)], duration: .seconds(3),
                    offset: slot.index, stride: slot.count)
                while let due = part.next() { union.append(due) }
            }
        }
        #expect(expected.count == 400)
        #expect(union.sorted() == expected)
    }

    @Test("Open model: 4 shards send every iteration of the plan once, and merge to the single run exactly")
    func openModelMergesExactly() async throws {
        let runs = try await Self.wholeAndShards(Self.openPlan, count: 4)
        #expect(runs.shardSent.sorted() == runs.wholeSent.sorted())
        #expect(Set(runs.wholeSent).count == runs.wholeSent.count)
        let merged = try LoadResult.merging(runs.shards)
        Self.expectSame(merged, runs.whole)
        #expect(merged.coversEveryShard)
        #expect(merged.targetRate == runs.whole.targetRate)
        #expect(merged.timeSeries.map(\.targetRate) == runs.whole.timeSeries.map(\.targetRate))
        // Every shard ran about a quarter of it, and its target is a quarter of the plan's.
        for shard in runs.shards {
            #expect(abs(shard.total.count - runs.whole.total.count / 4) <= 1)
            #expect(shard.targetRate == runs.whole.targetRate.map { $0 / 4 })
        }
    }

    @Test("Closed model with an iteration bound: users and iterations dealt out, counts exact")
    func closedModelMergesExactly() async throws {
        let plan = LoadPlan(name: "closed", model: .closed(vus: 6, thinkTime: .zero), iterations: 301, mix: [.single(Self.step)])
        let runs = try await Self.wholeAndShards(plan, count: 4)
        #expect(runs.shardSent.sorted() == runs.wholeSent.sorted())
        #expect(runs.shards.map(\.total.count) == [76, 75, 75, 75])
        let merged = try LoadResult.merging(runs.shards)
        #expect(merged.total.count == 301)
        #expect(LatencyBuckets(merged.total.latency) == LatencyBuckets(runs.whole.total.latency))
        #expect(merged.total.statusCounts == runs.whole.total.statusCounts)
        #expect(merged.iterationsCompleted == 301)
    }

    @Test("Phased model: bursts and users dealt out, probes on shard 0 only")
    func phasedModelSplits() async throws {
        let plan = LoadPlan(
            name: "phased",
            model: .phased([.burst(count: 10), .idle(.milliseconds(100)), .probes(count: 3, gap: .milliseconds(50))]),
            mix: [.single(Self.step)])
        let runs = try await Self.wholeAndShards(plan, count: 4)
        #expect(runs.shards.map(\.total.count) == [3 + 3, 3, 2, 2])
        // Iteration numbers are dealt by stride, so they are distinct, not the same 0–12.
        #expect(runs.shardSent.count == runs.wholeSent.count)
        #expect(Set(runs.shardSent).count == runs.shardSent.count)
        let merged = try LoadResult.merging(runs.shards)
        #expect(merged.total.count == 13)
        #expect(merged.iterationsCompleted == runs.whole.iterationsCompleted)
    }

    @Test("Merging is associative: a merge of merges is the merge of all")
    func mergingIsAssociative() async throws {
        // With the cold-start samples, which a merge shifts and sorts.
        var plan = Self.openPlan
        plan.coldStart = ColdStartClassifier(mode: .header)
        let runs = try await Self.wholeAndShards(plan, count: 4)
        var shards = runs.shards
        // Shards that began a little apart, as real machines do.
        for index in shards.indices { shards[index].wallClockStartNanos = Self.commonStart + Int64(index) * 333_333_333 }
        let all = try LoadResult.merging(shards)
        let pairs = try LoadResult.merging([LoadResult.merging([shards[0], shards[1]]), LoadResult.merging([shards[2], shards[3]])])
        let chain = try LoadResult.merging([LoadResult.merging([LoadResult.merging([shards[3], shards[1]]), shards[0]]), shards[2]])
        let expected = try LoadResultFile(all).encoded()
        #expect(try LoadResultFile(pairs).encoded() == expected)
        #expect(try LoadResultFile(chain).encoded() == expected)
        #expect(all.timeSeries.map(\.completed).reduce(0, +) == all.total.count)
        #expect(all.coldStartInput?.samples.count == all.total.count)
    }

    @Test("Cold starts are analysed over the union of the shards' requests: the merged analysis is the single run's")
    func coldStartsMergeAsOneAnalysis() async throws {
        var plan = Self.openPlan
        plan.coldStart = ColdStartClassifier(mode: .header)
        let runs = try await Self.wholeAndShards(plan, count: 4)
        let merged = try LoadResult.merging(runs.shards)
        let single = try #require(runs.whole.coldStarts?.summary)
        let union = try #require(merged.coldStarts?.summary)
        #expect(union.coldCount == single.coldCount && union.warmCount == single.warmCount)
        // Every 13th answer is a 503: a server error, neither cold nor warm.
        #expect(union.serverErrorCount == single.serverErrorCount && union.serverErrorCount > 0)
        #expect(union.coldCount + union.warmCount + union.serverErrorCount == runs.whole.total.count)
        #expect(merged.coldStartInput?.samples.count == runs.whole.total.count)
    }

    @Test("A shard that did not start fails the merge, read back from its file, in any order of merging")
    func aShardThatDidNotStartFailsTheMerge() async throws {
        let runs = try await Self.wholeAndShards(Self.openPlan, count: 3)
        var shards = runs.shards
        // Shard 1/3's setup failed: it sent nothing, and its file says why.
        let ran = shards[1]
        shards[1] = LoadResult(
            planName: ran.planName, model: ran.model, plannedDuration: ran.plannedDuration, plannedIterations: ran.plannedIterations,
            elapsed: .zero, total: RequestStats(name: "total"), byName: ran.byName.map { RequestStats(name: $0.name) }, thresholds: ran.thresholds)
        shards[1].shards = ran.shards
        shards[1].notStarted = "setup failed at step 'create' (HTTP 500)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("result-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try LoadResultFile(shards[1]).encoded().write(to: URL(fileURLWithPath: path))
        shards[1] = try LoadResultFile.read(contentsOf: path).result()
        #expect(try LoadResult.merging([shards[0], shards[2]]).notStarted == nil)
        for merged in [try LoadResult.merging(shards), try LoadResult.merging([shards[2], LoadResult.merging([shards[1], shards[0]])])] {
            #expect(merged.verdict == .failed)
            #expect(merged.verdictReason == "shard 1/3: setup failed at step 'create' (HTTP 500)")
        }
    }

    @Test("Shards of two runs of the plan (one ended before the other began) are not merged")
    func shardsOfDifferentRunsAreRefused() async throws {
        let runs = try await Self.wholeAndShards(Self.openPlan, count: 2)
        var shards = runs.shards
        shards[0].wallClockStartNanos = Self.commonStart
        let elapsed = shards[0].elapsed.components
        shards[1].wallClockStartNanos = Self.commonStart + elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000 + 10_000_000_000
        #expect {
            try LoadResult.merging(shards, names: ["Reports/a", "Reports/b"])
        } throws: { error in
            "\(error)".contains("shard 1/2 (Reports/b) began 10 s after shard 0/2 (Reports/a) had ended: they are of different runs")
        }
        // Half a second apart, as shards a CI matrix starts: one run.
        shards[1].wallClockStartNanos = Self.commonStart + 500_000_000
        #expect(try LoadResult.merging(shards).total.count == runs.whole.total.count)
    }

    @Test("A result file reads back to the same result")
    func resultFileRoundTrip() async throws {
        let (result, _) = try await Self.run(Self.openPlan, shard: LoadShard(index: 1, count: 3))
        let data = try LoadResultFile(result).encoded()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("result-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try data.write(to: URL(fileURLWithPath: path))
        let back = try LoadResultFile.read(contentsOf: path).result()
        Self.expectSame(back, result)
        #expect(back.shards == [LoadShard(index: 1, count: 3)])
        #expect(back.thresholds.map(\.source) == ["p99<10ms"])
        #expect(try LoadResultFile(back).encoded() == data)
    }

    @Test("Requests abandoned at a stop read back from the result file and add up in a merge")
    func abandonedRequestsReadBackAndMerge() async throws {
        var shards = try await Self.wholeAndShards(Self.openPlan, count: 2).shards
        shards[0].abandoned = 2
        shards[1].abandoned = 3
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("result-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try LoadResultFile(shards[0]).encoded().write(to: URL(fileURLWithPath: path))
        #expect(try LoadResultFile.read(contentsOf: path).result().abandoned == 2)
        #expect(try LoadResult.merging(shards).abandoned == 5)
    }

    @Test("A result file that does not read names the file and what is wrong where")
    func unreadableResultFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-result-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        func error(for text: String) throws -> String {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            do { _ = try LoadResultFile.read(contentsOf: path) } catch { return error.message }
            return "no error"
        }
        #expect(try error(for: #"{"a": 1}"#) == "\(path): not a gauntlet load result (no \"format\": \"gauntlet-load-result\")")
        #expect(try error(for: #"{"format": "gauntlet-load-result", "version": 1, "byName": [{"#) == "\(path): not valid JSON (a truncated or damaged copy?)")
        #expect(try error(for: #"{"format": "gauntlet-load-result", "version": 9}"#).hasSuffix("version 9 of the result format; this gauntlet reads versions 1 to 2"))
        #expect(try error(for: #"{"format": "gauntlet-load-result", "version": 1}"#).hasSuffix("is missing at the top level (a file written by another version of gauntlet?)"))
    }

    @Test("Results of different plans, shard counts or the same shard twice do not merge")
    func mismatchedResultsAreRefused() async throws {
        let (a, _) = try await Self.run(Self.openPlan, shard: LoadShard(index: 0, count: 2))
        var other = Self.openPlan
        other.name = "other"
        let (b, _) = try await Self.run(other, shard: LoadShard(index: 1, count: 2))
        let (c, _) = try await Self.run(Self.openPlan, shard: LoadShard(index: 1, count: 3))
        #expect(throws: LoadResultFileError.self) { try LoadResult.merging([a, b]) }
        #expect(throws: LoadResultFileError.self) { try LoadResult.merging([a, c]) }
        #expect(throws: LoadResultFileError.self) { try LoadResult.merging([a, a]) }
        // Each refusal names the two results and what tells them apart, even where the models read alike.
        var longer = a
        longer.plannedDuration = (a.plannedDuration ?? .zero) * 10
        longer.shards = [LoadShard(index: 1, count: 2)]
        #expect {
            try LoadResult.merging([a, longer], names: ["s0", "s1"])
        } throws: { error in
            (error as? LoadResultFileError)?.message == "the results are of different plans: 'open' (s0) and 'open' (s1) differ in duration: 2s vs 20s"
        }
        #expect {
            try LoadResult.merging([a, a], names: ["s0", "again"])
        } throws: { error in
            (error as? LoadResultFileError)?.message == "shard 0/2 is there twice (s0) (again)"
        }
        let partial = try LoadResult.merging([a])
        #expect(!partial.coversEveryShard)
        #expect(partial.missingShards == [LoadShard(index: 1, count: 2)])
    }

    @Test("Each shard's run id is its own: {{run_id}} gets the shard's number")
    func runIDsPerShard() {
        var plan = Self.openPlan
        plan.shard = LoadShard(index: 2, count: 4)
        let transport = SimulatedTransport(service: Self.service())
        #expect(LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1", transport: transport, runID: "r").runID == "rs2")
        #expect(LoadEngine(plan: Self.openPlan, baseURL: "http://127.0.0.1:1", transport: transport, runID: "r").runID == "r")
    }

    @Test("Shard texts: I/N from 0, with reasons for bad ones", arguments: ["4/4", "-1/4", "1/0", "x", "1/2/3", "1/"])
    func badShardTexts(_ text: String) {
        #expect(throws: LoadPlanError.self) { try LoadShard(parsing: text) }
    }

    /// Two results measured the same: counts, histograms bucket by bucket, the time series.
    static func expectSame(_ actual: LoadResult, _ expected: LoadResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.total.count == expected.total.count, sourceLocation: sourceLocation)
        #expect(actual.total.errors == expected.total.errors, sourceLocation: sourceLocation)
        #expect(actual.total.statusCounts == expected.total.statusCounts, sourceLocation: sourceLocation)
        #expect(LatencyBuckets(actual.total.latency) == LatencyBuckets(expected.total.latency), sourceLocation: sourceLocation)
        #expect(LatencyBuckets(actual.total.serviceTime) == LatencyBuckets(expected.total.serviceTime), sourceLocation: sourceLocation)
        for (a, e) in zip(actual.byName, expected.byName) {
            #expect(LatencyBuckets(a.latency) == LatencyBuckets(e.latency), sourceLocation: sourceLocation)
        }
        #expect(actual.iterationsStarted == expected.iterationsStarted, sourceLocation: sourceLocation)
        #expect(actual.timeSeries.map(\.second) == expected.timeSeries.map(\.second), sourceLocation: sourceLocation)
        #expect(actual.timeSeries.map(\.completed) == expected.timeSeries.map(\.completed), sourceLocation: sourceLocation)
        #expect(actual.timeSeries.map(\.p99Micros) == expected.timeSeries.map(\.p99Micros), sourceLocation: sourceLocation)
        for percentile in [50.0, 90, 99, 99.9, 100] {
            #expect(
                actual.total.latency.micros(atPercentile: percentile) == expected.total.latency.micros(atPercentile: percentile),
                sourceLocation: sourceLocation)
        }
    }
}
