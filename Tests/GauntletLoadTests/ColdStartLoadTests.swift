import GauntletLoad
import Testing

/// The cold-start analysis through the engine, on a simulated transport and a manual clock.
@Suite struct ColdStartLoadTests {
    static let ms: UInt64 = 1_000_000

    /// A deployment that is cold for the first request after each idle second: 300 ms with
    /// `X-Cold-Start: true`, else 2 ms with `false`.
    static func lambdaLike(_ recorder: SentRecorder? = nil) -> SimulatedTransport {
        SimulatedTransport(recorder: recorder) { _, sentAt in
            // Sends at 0 (the burst) and after the idle gap are cold; the simulation knows its schedule.
            let cold = sentAt < Self.ms || (sentAt >= 1_300 * Self.ms && sentAt < 1_301 * Self.ms)
            return cold
                ? (300 * Self.ms, SimulatedOutcome(status: 200, headerValue: "true"))
                : (2 * Self.ms, SimulatedOutcome(status: 200, headerValue: "false"))
        }
    }

    static let plan = LoadPlan(
        name: "cold", model: .phased([.burst(count: 4), .idle(.seconds(1)), .burst(count: 2), .users(vus: 2, duration: .milliseconds(100), thinkTime: .zero)]),
        mix: [LoadFlow(name: "list", steps: [LoadStep.request("list", path: "/events")])],
        thresholds: [try! Threshold(parsing: "cold.count<=6"), try! Threshold(parsing: "cold.p50<100ms")],
        coldStart: ColdStartClassifier())

    @Test func aPhasedLoadIsToldColdAndWarmByItsHeaderStageByStage() async throws {
        let result = try await LoadEngine(plan: Self.plan, baseURL: "http://127.0.0.1:1", transport: Self.lambdaLike(), runID: "r").run()
        let analysis = try #require(result.coldStarts)
        #expect(analysis.summary.method == .header)
        #expect(analysis.stageNames == ["burst of 4", "idle 1s", "burst of 2", "2 VUs for 100ms"])
        // Burst at 0 → ends at 300 ms; idle to 1.3 s; the second burst is cold, then 2 VUs loop warm.
        let stages = analysis.summary.stages
        #expect(stages.map(\.index) == [0, 2, 3])
        #expect(stages.map(\.cold) == [4, 2, 0])
        #expect(stages[2].warm == 100)
        #expect(analysis.summary.coldCount == 6)
        #expect(analysis.summary.warmCount == result.total.count - 6)
        #expect(analysis.summary.cold?.p50 == 300)
        #expect(analysis.summary.penaltyMilliseconds == 298)
        #expect(analysis.timeline.count == result.total.count)
        #expect(analysis.timeline.filter { $0.verdict == .cold }.map(\.offsetSeconds) == [0, 0, 0, 0, 1.3, 1.3])
        // The statistical method, run beside the header, finds the same six.
        #expect(analysis.statisticalAgreement?.precision == 1)
        #expect(analysis.statisticalAgreement?.recall == 1)
        #expect(result.thresholdResults.map(\.passed) == [true, false, true])
        #expect(result.thresholdResults[1].actual == "cold.p50 = 300 ms")
    }

    @Test func withoutTheAnalysisNothingPerRequestIsKept() async throws {
        var plan = Self.plan
        plan.coldStart = nil
        plan.thresholds = []
        let result = try await LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1", transport: Self.lambdaLike(), runID: "r").run()
        #expect(result.coldStarts == nil)
        #expect(result.total.count == 106)
    }

    @Test func aThresholdOnTheColdSeriesTurnsTheAnalysisOn() async throws {
        var plan = Self.plan
        plan.coldStart = nil
        plan.thresholds = [try Threshold(parsing: "cold.count<=6")]
        let result = try await LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1", transport: Self.lambdaLike(), runID: "r").run()
        #expect(result.coldStarts?.summary.coldCount == 6)
        #expect(result.thresholdsPassed)
    }

    @Test func theOpenModelsRampsAreItsStages() async throws {
        let plan = LoadPlan(
            name: "ramp", model: .open(rate: 10, stages: [LoadStage(duration: .seconds(1), target: 10)]), duration: .seconds(2),
            mix: [LoadFlow(name: "list", steps: [LoadStep.request("list", path: "/events")])],
            coldStart: ColdStartClassifier())
        let result = try await LoadEngine(plan: plan, baseURL: "http://127.0.0.1:1", transport: Self.lambdaLike(), runID: "r").run()
        let analysis = try #require(result.coldStarts)
        #expect(analysis.stageNames == ["10 → 10/s over 1s", "10/s"])
        #expect(analysis.summary.stages.map(\.index) == [0, 1])
        #expect(analysis.summary.stages.map { $0.cold + $0.warm } == [10, 10])
    }
}
