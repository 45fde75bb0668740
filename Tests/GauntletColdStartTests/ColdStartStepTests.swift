import GauntletLoad
import Testing

/// A concurrency step's cold starts come when the deployment's own concurrency catches up with
/// the client's, often hundreds of milliseconds after the new users' first requests, which an
/// instance that happened to be free served warm.
@Suite struct ColdStartStepTests {
    static let cycle: Int64 = 2_000_000  // every warm request: 2 ms, no think time

    /// Ten users from idle (their first requests cold, 300 ms), one warm stall of 260 ms at 1 s
    /// where no cold start can happen, a step to twelve users at 2 s whose first requests are
    /// warm, and the step's two cold starts on old users' requests at 2.3 s and 2.5 s.
    static var stepWithLateColdStarts: (samples: [ColdStartSample], cold: Set<Int>, stall: Int) {
        var samples: [ColdStartSample] = []
        var cold: Set<Int> = []
        var stall = -1
        let end: Int64 = 3_000_000_000
        for user in 0..<12 {
            let joins: Int64 = user < 10 ? 0 : 2_000_000_000
            var at = joins
            var first = true
            while at < end {
                var latency = cycle
                var isCold = false
                if first && user < 10 {
                    latency = 300_000_000
                    isCold = true
                } else if user == 5, at >= 1_000_000_000, stall < 0 {
                    latency = 260_000_000
                    stall = samples.count
                } else if user == 3, at >= 2_300_000_000, !cold.contains(where: { samples[$0].offset >= .milliseconds(2_000) }) {
                    latency = 250_000_000
                    isCold = true
                } else if user == 7, at >= 2_500_000_000, cold.filter({ samples[$0].offset >= .milliseconds(2_000) }).count == 1 {
                    latency = 280_000_000
                    isCold = true
                }
                if isCold { cold.insert(samples.count) }
                samples.append(
                    ColdStartSample(
                        offset: .nanoseconds(at), latency: .nanoseconds(latency), status: 200, stage: at >= 2_000_000_000 ? 1 : 0))
                at += latency
                first = false
            }
        }
        return (samples, cold, stall)
    }

    @Test("Cold starts hundreds of milliseconds after a step are found; a warm stall where none can happen is not")
    func lateColdStartsAfterAStep() {
        let (samples, cold, stall) = Self.stepWithLateColdStarts
        #expect(cold.count == 12)
        let classification = ColdStartClassifier(mode: .statistical).classify(samples)
        #expect(classification.undecided == nil)
        let found = Set(samples.indices.filter { classification.verdicts[$0] == .cold })
        #expect(found == cold)
        #expect(!found.contains(stall))
    }
}
