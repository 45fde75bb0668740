@testable import GauntletLoad
import Testing

/// The cold-start timeline keeps at most ``ColdStartAnalysis/timelineLimit`` points whatever the
/// requests' verdicts: cold ones first, then the other kinds but warm, then warm ones.
@Suite struct ColdStartTimelineLimitTests {
    static func samples(_ count: Int) -> [ColdStartSample] {
        (0..<count).map { ColdStartSample(offset: .milliseconds($0), latency: .milliseconds(1), status: 503) }
    }

    @Test("A run of server errors keeps at most the limit, evenly spread")
    func serverErrorsAreThinned() {
        let count = 200_000
        let timeline = ColdStartAnalysis.timeline(Self.samples(count), Array(repeating: .serverError, count: count))
        #expect(timeline.count <= ColdStartAnalysis.timelineLimit)
        #expect(timeline.count > ColdStartAnalysis.timelineLimit / 2)
        #expect(timeline.first?.offsetSeconds == 0)
        #expect((timeline.last?.offsetSeconds ?? 0) > 190)
    }

    @Test("Cold requests come first: every one kept, then the others thinned to what is left, warm ones last")
    func coldFirstThenOthersThenWarm() {
        let count = 30_000
        let verdicts: [ColdStartVerdict] = (0..<count).map { $0 % 10 == 0 ? .cold : $0 % 10 < 6 ? .throttled : .warm }
        let timeline = ColdStartAnalysis.timeline(Self.samples(count), verdicts)
        #expect(timeline.count <= ColdStartAnalysis.timelineLimit)
        #expect(timeline.count { $0.verdict == .cold } == 3_000)
        // 15,000 throttles in the 2,000 places left: every 8th, 1,875; warm ones in the 125 after.
        #expect(timeline.count { $0.verdict == .throttled } == 1_875)
        #expect(timeline.count { $0.verdict == .warm } == 125)
    }

    @Test("Within the limit, every request but warm ones is kept, as before")
    func withinTheLimitNothingButWarmIsThinned() {
        let count = 20_000
        let verdicts: [ColdStartVerdict] = (0..<count).map { $0 < 100 ? .cold : $0 < 1_100 ? .timedOut : .warm }
        let timeline = ColdStartAnalysis.timeline(Self.samples(count), verdicts)
        #expect(timeline.count { $0.verdict == .cold } == 100)
        #expect(timeline.count { $0.verdict == .timedOut } == 1_000)
        #expect(timeline.count <= ColdStartAnalysis.timelineLimit)
        #expect(timeline.count { $0.verdict == .warm } > 3_000)
    }
}
