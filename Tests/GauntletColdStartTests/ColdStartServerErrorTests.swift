import GauntletLoad
import Testing

/// A 5xx other than 504 (API Gateway's 500 or 502 for a throttled Lambda) is no measure of the
/// function's latency: neither cold nor warm, nor a throttle.
@Suite struct ColdStartServerErrorTests {
    typealias T = ColdStartClassifierTests

    @Test("500, 502 and 503 are server errors; 429 alone is throttled, 504 timed out", arguments: [500, 502, 503])
    func serverErrorsHaveTheirOwnVerdict(_ status: Int) {
        let samples = [T.sample(1, header: "true"), T.sample(0.2, status: status), T.sample(1, status: 429), T.sample(29_000, status: 504)]
        #expect(ColdStartClassifier().classify(samples).verdicts == [.cold, .serverError, .throttled, .timedOut])
    }

    @Test("Server errors without the header leave the header method in charge, and out of the warm series")
    func serverErrorsDoNotSwitchOffTheHeader() throws {
        var samples = ColdStartHeaderValueTests.marked(cold: "true", warm: "false")
        samples += (0..<200).map { _ in T.sample(0.15, status: 500) }
        let classification = ColdStartClassifier().classify(samples)
        #expect(classification.method == .header)
        #expect(classification.note == nil)
        let summary = ColdStartSummary(samples: samples, classification: classification)
        #expect(summary.coldCount == 8)
        #expect(summary.warmCount == 60)
        #expect(summary.serverErrorCount == 200)
        #expect(summary.throttledCount == 0)
        #expect(try #require(summary.warm).p50 >= 1, "the 0.15 ms answers of the gateway are not warm requests")
    }

    @Test("Statistically, server errors are neither cold nor warm")
    func serverErrorsAreNotClassifiedStatistically() {
        let samples = T.mixed + (0..<100).map { _ in T.sample(0.1, status: 502) }
        let summary = ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
        #expect(summary.coldCount == 8)
        #expect(summary.warmCount == 60)
        #expect(summary.serverErrorCount == 100)
    }
}
