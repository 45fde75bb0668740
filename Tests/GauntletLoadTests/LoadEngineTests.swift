import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletScenario
import Testing

/// The engine on a simulated transport and a manual clock: exact, fast and free of timing noise.
@Suite struct LoadEngineTests {
    static let ms: UInt64 = 1_000_000

    static func get(_ name: String = "list", path: String = "/events", expect: [Int] = []) -> LoadStep {
        LoadStep.request(name, path: path, expect: expect)
    }

    static func engine(_ plan: LoadPlan, _ transport: SimulatedTransport) -> LoadEngine {
        LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1/", transport: transport, runID: "r1")
    }

    static func constant(_ nanos: UInt64, status: Int = 200) -> SimulatedTransport {
        SimulatedTransport { _, _ in (nanos, SimulatedOutcome(status: status, bytesReceived: 10)) }
    }

    @Test func theOpenModelSendsEveryArrivalAndMeasuresFromItsIntendedStart() async throws {
        let plan = LoadPlan(
            name: "steady", model: .open(rate: 200, stages: []), duration: .seconds(2), mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, Self.constant(2 * Self.ms)).run()
        #expect(result.total.count == 400)
        #expect(result.dropped == 0)
        #expect(result.lateStarts == 0)
        #expect(result.targetRate == 200)
        #expect(result.total.latency.micros(atPercentile: 50) == 2_000)
        #expect(result.total.statusCounts == [200: 400])
        #expect(result.timeSeries.map(\.completed).reduce(0, +) == 400)
        #expect(result.timeSeries.first?.targetRate == 200)
        #expect(result.byName.map(\.name) == ["list"])
    }

    /// The schedule starts once the loop is built: a driver that takes 30 ms to make delays the
    /// start, not the first requests, which would otherwise count the generator's own setup as
    /// their latency and start late.
    @Test func theScheduleStartsWhenTheLoopIsReady() async throws {
        var transport = Self.constant(2 * Self.ms)
        transport.setupNanos = 30 * Self.ms
        let plan = LoadPlan(
            name: "ready", model: .open(rate: 1_000, stages: []), duration: .seconds(1), mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, transport).run()
        #expect(result.total.count == 1_000)
        #expect(result.lateStarts == 0)
        #expect(result.total.latency.maxMicros == 2_000)
        #expect(result.phases.startDelay.maxMicros == 0)
    }

    /// A server that stalls for a second: requests due during the stall wait for it, and a
    /// coordinated-omission-correct tool reports their whole wait, not one slow sample.
    @Test func aStallShowsInTheOpenModelsPercentilesAndMax() async throws {
        let stallStart = 2_000 * Self.ms, stallEnd = 3_000 * Self.ms
        let transport = SimulatedTransport { _, sentAt in
            if sentAt >= stallStart && sentAt < stallEnd { return (stallEnd - sentAt, SimulatedOutcome(status: 200)) }
            return (Self.ms, SimulatedOutcome(status: 200))
        }
        let plan = LoadPlan(
            name: "stall", model: .open(rate: 100, stages: []), duration: .seconds(5),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, transport).run()
        #expect(result.total.count == 500)
        // A fifth of the requests fell in the stall, waiting 0–1 s: p90 is ~500 ms, p99 and max ~1 s.
        #expect(result.total.latency.micros(atPercentile: 99) > 900_000)
        #expect(result.total.latency.maxMicros >= 990_000)
        #expect(result.total.latency.micros(atPercentile: 50) < 2_000)
        let stalled = result.timeSeries.first { $0.second == 3 }
        #expect((stalled?.maxMicros ?? 0) >= 990_000)
    }

    @Test func arrivalsBeyondCapacityAreDroppedAndCounted() async throws {
        var plan = LoadPlan(
            name: "overload", model: .open(rate: 1_000, stages: []), duration: .seconds(1),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        plan.maxInFlight = 10
        let result = try await Self.engine(plan, Self.constant(100 * Self.ms)).run()
        // Ten in flight for 100 ms each: about 100 sent per second, the rest dropped.
        #expect(result.dropped > 850)
        #expect(result.total.count + result.dropped == 1_000)
        #expect(result.iterationsStarted == 1_000)
        #expect(result.achievedRate < result.targetRate!)
        // The achieved arrival rate is of the arrivals sent, not of those that came due.
        #expect(abs(result.achievedIterationRate - Double(result.total.count)) < 1, "\(result.achievedIterationRate)")
        // A load that dropped most of its plan fails, whatever the latencies of what it sent,
        // unless it says how many it may drop.
        #expect(result.verdict == .failed)
        let dropped = try #require(result.thresholdResults.first { $0.name == "dropped<=0% (default)" })
        #expect(!dropped.passed)
        #expect(dropped.actual.hasPrefix("dropped = ") && dropped.actual.hasSuffix("of 1000 arrivals)"), "\(dropped.actual)")
        var tolerant = result
        tolerant.thresholds = [try Threshold(parsing: "dropped<95%")]
        #expect(tolerant.verdict == .passed)
        #expect(tolerant.judgedThresholds.map(\.source) == ["dropped<95%", "errors<=0%"])
    }

    @Test("A closed load judges no dropped arrivals; 'dropped' bounds the load's arrivals, not a request's, and cannot abort")
    func droppedThresholds() throws {
        let closed = LoadResult(planName: "p", model: .closed(vus: 1, thinkTime: .zero), elapsed: .seconds(1), total: RequestStats(name: "total"), byName: [])
        #expect(closed.judgedThresholds.map(\.source) == ["errors<=0%"])
        #expect(throws: ThresholdParseError.self) { try Threshold(parsing: "get:dropped<1%") }
        #expect(throws: AbortRuleError.self) { try Threshold(parsing: "dropped<1%").aborting() }
    }

    @Test("Open-model rates are per second of the arrival window, not of the wait for the last answers")
    func ratesAreOfTheArrivalWindow() async throws {
        let plan = LoadPlan(
            name: "slow server", model: .open(rate: 50, stages: []), duration: .seconds(2),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, Self.constant(1_000 * Self.ms)).run()
        #expect(result.iterationsStarted == 100)
        #expect(result.elapsed >= .milliseconds(2_900))
        #expect(result.arrivalWindow == .seconds(2))
        #expect(result.achievedIterationRate == 50)
        #expect(result.achievedRate == 50)
    }

    @Test("N arrivals at R per second span N / R seconds: 10 at 5/s read 5/s")
    func anIterationBoundWindowEndsAtTheNextArrival() async throws {
        let plan = LoadPlan(
            name: "ten", model: .open(rate: 5, stages: []), iterations: 10, mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, Self.constant(10 * Self.ms)).run()
        #expect(result.iterationsStarted == 10)
        #expect(result.arrivalWindow == .seconds(2))
        #expect(result.achievedIterationRate == 5)
    }

    @Test func theClosedModelLoopsEachUserAndMeasuresServiceTime() async throws {
        let plan = LoadPlan(
            name: "closed", model: .closed(vus: 4, thinkTime: .zero), duration: .seconds(1),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, Self.constant(10 * Self.ms)).run()
        #expect(result.total.count == 400)
        #expect(result.total.latency.micros(atPercentile: 99) == 10_000)
        #expect(result.targetRate == nil)
        #expect(result.arrivalWindow == nil)
    }

    @Test func anIterationCountBoundsTheLoad() async throws {
        let plan = LoadPlan(
            name: "bounded", model: .closed(vus: 3, thinkTime: .milliseconds(1)), iterations: 7,
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, Self.constant(Self.ms)).run()
        #expect(result.total.count == 7)
        #expect(result.iterationsCompleted == 7)
    }

    @Test func stepsRunInOrderWithPlaceholdersAndStopAtTheFirstFailure() async throws {
        let sent = SentRecorder()
        let transport = SimulatedTransport(recorder: sent) { transfer, _ in
            if transfer.method == "POST" { return (Self.ms, SimulatedOutcome(status: 201)) }
            if transfer.method == "PUT" { return (Self.ms, SimulatedOutcome(status: 500)) }
            return (Self.ms, SimulatedOutcome(status: 200))
        }
        let create = LoadStep.request(
            "create", method: "POST", path: "/events", headers: [HeaderTemplate(name: "X-Id", value: "{{run_id}}-{{iteration}}")],
            json: ["eventId": "e-{{iteration}}"], expect: [201])
        let update = LoadStep.request("update", method: "PUT", path: "/events/e-{{iteration}}", expect: [200])
        let delete = LoadStep.request("delete", method: "DELETE", path: "/events/e-{{iteration}}")
        let plan = LoadPlan(
            name: "churn", model: .closed(vus: 1, thinkTime: .zero), iterations: 2,
            mix: [LoadFlow(name: "churn", steps: [create, update, delete])])
        let result = try await Self.engine(plan, transport).run()
        #expect(sent.transfers.map(\.method) == ["POST", "PUT", "POST", "PUT"])
        #expect(sent.transfers[0].url == "http://127.0.0.1:1/events")
        #expect(sent.transfers[1].url == "http://127.0.0.1:1/events/e-0")
        #expect(sent.transfers[2].body == #"{"eventId":"e-1"}"#)
        #expect(sent.transfers[0].headerLines == ["X-Id: r1-0", "Content-Type: application/json"])
        #expect(result.stats(for: "update")?.errorCounts == ["HTTP 500": 2])
        #expect(result.stats(for: "delete")?.count == 0)
        #expect(result.total.errors == 2)
        #expect(result.total.errorRate == 0.5)
    }

    @Test func transportErrorsAreCountedByKindAndTheLoadGoesOn() async throws {
        let transport = SimulatedTransport { _, sentAt in
            sentAt % (20 * Self.ms) == 0
                ? (5 * Self.ms, SimulatedOutcome(status: 0, error: .connectFailed))
                : (Self.ms, SimulatedOutcome(status: 200))
        }
        let plan = LoadPlan(
            name: "faults", model: .open(rate: 100, stages: []), duration: .seconds(1),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, transport).run()
        #expect(result.total.count == 100)
        #expect(result.total.errorCounts == ["connect_failed": 50])
    }

    @Test func cancellingStopsTheLoadAndKeepsWhatRan() async throws {
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { _, sentAt in
            if sentAt >= 500 * Self.ms { cancellation.cancel() }
            return (Self.ms, SimulatedOutcome(status: 200))
        }
        let plan = LoadPlan(
            name: "stopped", model: .open(rate: 100, stages: []), duration: .seconds(10),
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        let result = try await Self.engine(plan, transport).run(cancellation: cancellation)
        #expect(result.cancelled)
        #expect(result.total.count >= 50 && result.total.count <= 51)
        #expect(result.elapsed < .seconds(1))
    }

    /// Against a deployment that never answers a step, a stop does not wait out the step's
    /// request timeout: the steps in flight get a short grace, are then dropped unanswered
    /// (neither measured nor errors), and each iteration's teardown still runs.
    @Test func aStoppedLoadDropsStepsThatDoNotAnswerAndStillRunsTheTeardown() async throws {
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { request, _ in
            guard request.method == "DELETE" else {
                cancellation.cancel()
                return (60_000 * Self.ms, SimulatedOutcome(status: 200))
            }
            return (Self.ms, SimulatedOutcome(status: 204))
        }
        let plan = LoadPlan(
            name: "hung", model: .closed(vus: 3, thinkTime: .zero), duration: .seconds(120),
            mix: [LoadFlow(
                name: "hangs", steps: [Self.get("slow-read", path: "/hang", expect: [200])],
                teardown: [LoadStep.request("cleanup", method: "DELETE", path: "/events/x", expect: [204])])])
        let result = try await Self.engine(plan, transport).run(cancellation: cancellation)
        #expect(result.cancelled)
        #expect(result.abandoned == 3)
        #expect(result.elapsed < .seconds(6))
        #expect(result.stats(for: "slow-read")?.count == 0)
        #expect(result.stats(for: "cleanup")?.statusCounts == [204: 3])
        #expect(result.total.errors == 0)
        #expect(result.iterationsCompleted == 3)
    }

    /// A load's end bounds it even when its requests have no time limit (`--timeout 0s`): what is
    /// still in flight its drain limit after the last iteration started is dropped as on a stop,
    /// the teardowns run, and the load fails saying so (it ran forever before).
    @Test func requestsThatNeverAnswerAreDroppedAfterTheLoadsEnd() async throws {
        let transport = SimulatedTransport { request, _ in
            request.method == "DELETE" ? (Self.ms, SimulatedOutcome(status: 204)) : (3_600_000 * Self.ms, SimulatedOutcome(status: 200))
        }
        var plan = LoadPlan(
            name: "hung", model: .closed(vus: 3, thinkTime: .zero), duration: .seconds(1),
            mix: [LoadFlow(
                name: "hangs", steps: [Self.get("slow-read", path: "/hang", expect: [200])],
                teardown: [LoadStep.request("cleanup", method: "DELETE", path: "/events/x", expect: [204])])])
        plan.drainLimit = .seconds(1)  // as LoadRunner sets it, to 30 s, under --timeout 0s
        let result = try await Self.engine(plan, transport).run()
        #expect(!result.cancelled)
        #expect(result.abandoned == 3)
        #expect(result.elapsed < .seconds(10))
        #expect(result.stats(for: "cleanup")?.statusCounts == [204: 3])
        #expect(result.verdict == .failed)
        #expect(result.verdictReason.contains("3 requests still unanswered"), "\(result.verdictReason)")
    }

    /// A step's `delay` pauses its iteration before the step, as in `gauntlet run`; in the open
    /// model the step's latency counts from the pause's end, not from the step before it.
    @Test("A step's delay pauses its iteration before it", arguments: [
        LoadModel.closed(vus: 1, thinkTime: .zero), .open(rate: 1, stages: []),
    ])
    func aStepsDelayPausesItsIterationBeforeIt(model: LoadModel) async throws {
        var paused = LoadStep.request("paused", path: "/events/b", expect: [200])
        paused.step.delay = .milliseconds(500)
        let plan = LoadPlan(
            name: "paused", model: model, iterations: 2,
            mix: [LoadFlow(name: "flow", steps: [Self.get("first", path: "/events/a"), paused])])
        let result = try await Self.engine(plan, Self.constant(Self.ms)).run()
        #expect(result.stats(for: "paused")?.count == 2)
        #expect(result.stats(for: "paused")?.latency.micros(atPercentile: 100) == 1_000)
        // Closed: two iterations of 502 ms back to back; open: the second starts at 1 s.
        let expected: Duration = model.isOpen ? .milliseconds(1_502) : .milliseconds(1_004)
        #expect(result.elapsed >= expected && result.elapsed < expected + .milliseconds(6), "\(result.elapsed)")
    }

    /// A `for_each` step with a `delay` pauses before each round, sends each item once, and puts
    /// the item's name back after the loop.
    @Test func aDelayedForEachPausesBeforeEachRound() async throws {
        var each = LoadStep.request("each", path: "/things/{{thing}}", expect: [200])
        each.step.delay = .milliseconds(100)
        each.step.forEach = StepForEach(list: "things", name: "thing")
        let after = LoadStep.request("after", path: "/after/{{thing}}", expect: [200])
        let plan = LoadPlan(
            name: "rounds", model: .closed(vus: 1, thinkTime: .zero), iterations: 1,
            mix: [LoadFlow(name: "flow", steps: [each, after], variables: [["things": ["x", "y"], "thing": "outer"]])])
        let recorder = SentRecorder()
        let transport = SimulatedTransport(recorder: recorder) { _, _ in (Self.ms, SimulatedOutcome(status: 200)) }
        let result = try await Self.engine(plan, transport).run()
        #expect(recorder.transfers.map(\.url) == [
            "http://127.0.0.1:1/things/x", "http://127.0.0.1:1/things/y", "http://127.0.0.1:1/after/outer",
        ])
        #expect(result.elapsed >= .milliseconds(203) && result.elapsed < .milliseconds(210), "\(result.elapsed)")
    }

    /// A stop leaves the teardown's own requests to end within the teardown's grace (10 s), however
    /// long past the steps' grace (5 s) they take: they are the cleanup.
    @Test func aStoppedLoadWaitsForItsTeardownRequests() async throws {
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { request, _ in
            guard request.method == "DELETE" else { return (Self.ms, SimulatedOutcome(status: 200)) }
            cancellation.cancel()
            return (8_000 * Self.ms, SimulatedOutcome(status: 204))
        }
        let plan = LoadPlan(
            name: "slow cleanup", model: .closed(vus: 2, thinkTime: .zero), duration: .seconds(120),
            mix: [LoadFlow(
                name: "flow", steps: [Self.get()],
                teardown: [LoadStep.request("cleanup", method: "DELETE", path: "/events/x", expect: [204])])])
        let result = try await Self.engine(plan, transport).run(cancellation: cancellation)
        #expect(result.cancelled)
        #expect(result.abandoned == 0)
        #expect(result.stats(for: "cleanup")?.statusCounts == [204: 2])
        #expect(result.elapsed >= .seconds(8))
    }

    @Test func aFailedSetupStopsBeforeTheLoad() async throws {
        var plan = LoadPlan(
            name: "setup", model: .closed(vus: 1, thinkTime: .zero), iterations: 1,
            mix: [LoadFlow(name: "list", steps: [Self.get()])])
        plan.setup = LoadFlow(name: "setup", steps: [Self.get("seed", path: "/events", expect: [201])])
        let result = try await Self.engine(plan, Self.constant(Self.ms)).run()
        #expect(result.notStarted?.hasPrefix("setup failed at step 'seed' (HTTP 200") == true, "\(result.notStarted ?? "")")
        #expect(result.sent == 0, "no request of the load was sent")
        #expect(result.verdict == .failed)
    }

    @Test func anUnboundedPlanIsRefused() async {
        let plan = LoadPlan(name: "forever", model: .closed(vus: 1, thinkTime: .zero), mix: [LoadFlow(name: "list", steps: [Self.get()])])
        await #expect(throws: LoadPlanError.self) {
            try await Self.engine(plan, Self.constant(Self.ms)).run()
        }
    }
}
