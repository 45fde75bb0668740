import GauntletHTTP
import GauntletLoad
import GauntletScenario
import Testing

/// Thresholds that abort the load (`abort: true`, `--abort-on`): on the simulated transport and
/// its manual clock, so when a load stops is exact.
@Suite struct AbortTests {
    static let ms: UInt64 = 1_000_000

    /// A server that answers 200 for `healthy` seconds, then 500, in 1 ms; whatever it was sent is recorded.
    static func failing(after healthy: UInt64, recorder: SentRecorder) -> SimulatedTransport {
        SimulatedTransport(recorder: recorder) { _, sentAt in
            (Self.ms, SimulatedOutcome(status: sentAt >= healthy * 1_000 * Self.ms ? 500 : 200))
        }
    }

    /// 100 requests a second for `seconds`, with a plan teardown that deletes a fixture.
    static func plan(_ threshold: Threshold, seconds: Int64 = 20) -> LoadPlan {
        var plan = LoadPlan(
            name: "abort", model: .open(rate: 100, stages: []), duration: .seconds(seconds),
            mix: [LoadFlow(name: "list", steps: [LoadStep.request("list", path: "/events", expect: [200])])],
            thresholds: [threshold])
        plan.teardown = LoadFlow(
            name: "teardown", steps: [],
            teardown: [LoadStep(LoadStep.request("cleanup", method: "DELETE", path: "/fixture").step, isTeardown: true)])
        return plan
    }

    static func run(_ plan: LoadPlan, _ transport: SimulatedTransport) async throws -> LoadResult {
        try await LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1/", transport: transport, runID: "r1").run()
    }

    @Test func anErrorRateThatFailsAfterTheGraceStopsTheLoadAndTeardownStillRuns() async throws {
        let sent = SentRecorder()
        let threshold = try Threshold(parsing: "errors<1%").aborting(AbortRule(grace: .seconds(1)))
        let result = try await Self.run(Self.plan(threshold), Self.failing(after: 3, recorder: sent))
        let abort = try #require(result.abort)
        // Errors start at 3 s; the judgement at the end of the fourth second sees them.
        #expect(abort.threshold == "errors<1%")
        #expect(abort.atSeconds == 4)
        #expect(abort.actual.hasPrefix("errors = 25% (100 of 400)"))
        #expect(result.abortReason == "aborted at 4 s: threshold 'errors<1%' failed: errors = 25% (100 of 400)")
        #expect(result.elapsed < .seconds(5))
        #expect(!result.cancelled)
        #expect(!result.thresholdsPassed)
        #expect(result.thresholdResults[0].message.contains("it aborted the load at 4 s"))
        #expect(sent.transfers.last?.method == "DELETE")
    }

    @Test func theSameThresholdWithoutAbortLetsTheLoadRunToItsEnd() async throws {
        let sent = SentRecorder()
        let result = try await Self.run(
            Self.plan(try Threshold(parsing: "errors<1%"), seconds: 8), Self.failing(after: 3, recorder: sent))
        #expect(result.abort == nil)
        #expect(result.elapsed >= .milliseconds(7_990))
        #expect(result.total.count == 800)
        #expect(!result.thresholdsPassed)
    }

    @Test func aThresholdWithinItsGraceDoesNotAbort() async throws {
        let sent = SentRecorder()
        let threshold = try Threshold(parsing: "errors<1%").aborting(AbortRule(grace: .seconds(10)))
        let result = try await Self.run(Self.plan(threshold, seconds: 5), Self.failing(after: 0, recorder: sent))
        #expect(result.abort == nil)
        #expect(result.elapsed >= .milliseconds(4_990))
        #expect(!result.thresholdsPassed)
    }

    @Test func aCountThatCanOnlyGrowAbortsAsSoonAsItIsCrossedEvenWithinTheGrace() async throws {
        let sent = SentRecorder()
        let threshold = try Threshold(parsing: "count<150").aborting(AbortRule(grace: .seconds(10)))
        let result = try await Self.run(Self.plan(threshold), Self.failing(after: 100, recorder: sent))
        let abort = try #require(result.abort)
        #expect(abort.atSeconds == 2)
        #expect(abort.actual == "count = 200")
        #expect(result.elapsed < .seconds(3))
        #expect(sent.transfers.last?.method == "DELETE")
    }

    @Test func anInterruptionStaysAnInterruption() async throws {
        let cancellation = LoadCancellation()
        let transport = SimulatedTransport { _, sentAt in
            if sentAt >= 500 * Self.ms { cancellation.cancel() }
            return (Self.ms, SimulatedOutcome(status: 200))
        }
        let threshold = try Threshold(parsing: "errors<1%").aborting(AbortRule(grace: .zero))
        let result = try await LoadEngine(plan: Self.plan(threshold), baseURL: "http://127.0.0.1:1/", transport: transport)
            .run(cancellation: cancellation)
        #expect(result.cancelled)
        #expect(result.abort == nil)
    }

    @Test func onlyThresholdsThatCanFailForGoodMayAbort() throws {
        func timing(_ text: String) throws -> AbortRule.Timing? {
            try? AbortRule.timing(of: Threshold(parsing: text)).get()
        }
        #expect(try timing("count<100") == .whenCrossed)
        #expect(try timing("get:count<=100") == .whenCrossed)
        #expect(try timing("max<2s") == .whenCrossed)
        #expect(try timing("min>1ms") == .whenCrossed)
        #expect(try timing("p99<250ms") == .afterGrace)
        #expect(try timing("errors<1%") == .afterGrace)
        #expect(try timing("throttled<5%") == .afterGrace)
        #expect(try timing("rate>=950") == .afterGrace)
        #expect(try timing("mean<100ms") == .afterGrace)
        #expect(try timing("count>=100") == nil)
        #expect(try timing("max>1ms") == nil)
        #expect(try timing("cold.p99<2s") == nil)
        #expect(throws: AbortRuleError.self) { try Threshold(parsing: "count>10").aborting() }
        // The source is untouched: a merge parses it again.
        let aborting = try Threshold(parsing: "errors < 1%").aborting()
        #expect(aborting.source == "errors<1%")
        #expect(aborting.abort?.grace == .seconds(10))
    }

    @Test func theCommandLineAddsAbortingThresholdsWithTheDefaultGrace() throws {
        let plan = Self.plan(try Threshold(parsing: "p99<1s"))
        let overridden = try LoadOverrides(thresholds: ["p50<1s"], abortOn: ["errors<1%"]).apply(to: plan)
        #expect(overridden.thresholds.map(\.source) == ["p99<1s", "p50<1s", "errors<1%"])
        #expect(overridden.thresholds.map(\.abort) == [nil, nil, AbortRule()])
        let problems = LoadOverrides(abortOn: ["count>=5", "p99<abc"]).problems(with: plan)
        #expect(problems.map(\.flags) == ["--abort-on 'count>=5'", "--abort-on 'p99<abc'"])
        #expect(problems.first?.reason.contains("cannot abort the load") == true)
    }

    static let scenario = "scenarios:\n  - name: a\n    steps:\n      - name: list\n        request: { path: /e }\n"

    static func diagnostics(_ yaml: String) -> [ScenarioDiagnostic] {
        do {
            _ = try LoadFile.parse(yaml: yaml, path: "abort.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func aLoadFileMarksAThresholdToAbortWithAMapping() throws {
        let file = try LoadFile.parse(yaml: """
            load:
              vus: 1
              duration: 30s
              thresholds:
                - p99<250ms
                - { threshold: "errors<1%", abort: true, grace: 5s }
                - threshold: list:count<1000
                  abort: true
                - { threshold: "p50<100ms", abort: false }
            """ + "\n" + Self.scenario, path: "abort.yaml")
        #expect(file.plan.thresholds.map(\.source) == ["p99<250ms", "errors<1%", "list:count<1000", "p50<100ms"])
        #expect(file.plan.thresholds.map(\.abort) == [nil, AbortRule(grace: .seconds(5)), AbortRule(), nil])
    }

    @Test func badAbortingThresholdsAreReportedAtTheirPlace() {
        let found = Self.diagnostics("""
            load:
              vus: 1
              duration: 30s
              thresholds:
                - { threshold: "errors<1%", abort: yes please }
                - { threshold: "errors<1%", abort: true, grace: soon }
                - { threshold: "errors<1%", abrot: true }
                - { abort: true }
                - { threshold: "count>=10", abort: true }
                - { threshold: "p99<1s", grace: 2s }
                - { threshold: "p99<<1s", abort: true }
                - [p99<1s]
            """ + "\n" + Self.scenario)
        #expect(found.map(\.location.line) == [5, 6, 7, 8, 9, 10, 11, 12])
        #expect(found.map(\.location.column) == [40, 53, 33, 7, 40, 37, 20, 7])
        #expect(found[0].description.hasPrefix("abort.yaml:5:40: error: abort must be true or false"))
        #expect(found[1].message.contains("grace must be a duration"))
        #expect(found[2].message.contains("unknown key 'abrot'"))
        #expect(found[3].message.contains("needs 'threshold'"))
        #expect(found[4].message.contains("'count>=10' cannot abort the load"))
        #expect(found[5].message.contains("'grace' applies only"))
        #expect(found[6].message.contains("invalid threshold"))
        #expect(found[7].message.contains("a threshold must be a string"))
    }
}
