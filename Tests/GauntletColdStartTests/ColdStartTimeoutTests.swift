import Foundation
import GauntletLoad
import Testing

/// A request that timed out (the gateway's 504 or the client's own timeout) may have been a cold
/// start slower than the limit: the cold and warm series are judged with and without them.
@Suite struct ColdStartTimeoutTests {
    typealias T = ColdStartClassifierTests

    /// A request the client's 1 s timeout ended: no status, sent, at least the limit.
    static func clientTimeout(_ milliseconds: Double = 1000) -> ColdStartSample {
        var sample = T.sample(milliseconds, status: nil)
        sample.timedOut = true
        return sample
    }

    /// 19 cold starts of 300–930 ms, 13 requests the client's 1 s timeout ended, 100 warm of 4 ms.
    static var censored: ColdStartSummary {
        var samples = (0..<19).map { T.sample(300 + Double($0) * 35, header: "true") }
        samples += (0..<13).map { _ in clientTimeout() }
        samples += (0..<100).map { _ in T.sample(4, header: "false") }
        return ColdStartSummary(samples: samples, classification: ColdStartClassifier().classify(samples))
    }

    @Test("The client's own timeout is a timeout, not a failure; a request never sent is a failure")
    func clientTimeoutIsTimedOut() {
        var refused = T.sample(0.3, status: nil)
        refused.wasSent = false
        let samples = [T.sample(1, header: "true"), Self.clientTimeout(), T.sample(29_000, status: 504), T.sample(2, status: nil), refused]
        let classification = ColdStartClassifier().classify(samples)
        #expect(classification.method == .header)
        #expect(classification.verdicts == [.cold, .timedOut, .timedOut, .failed, .failed])
    }

    @Test("Timed-out requests are counted, and the series with them counted in are kept")
    func summaryKeepsTheTimedOut() throws {
        let summary = Self.censored
        #expect(summary.coldCount == 19)
        #expect(summary.timedOutCount == 13)
        #expect(summary.failedCount == 0)
        let cold = try #require(summary.cold)
        #expect(cold.max < 1000)
        let pessimistic = try #require(summary.coldWithTimedOut)
        #expect(pessimistic.count == 32)
        #expect(pessimistic.p99 >= 1000)
        #expect(try #require(summary.warmWithTimedOut).count == 113)
        #expect(abs(try #require(summary.timedOutMinimumMilliseconds) - 1000) < 1)
    }

    @Test(
        "cold.* and warm.* thresholds hold only if they hold whatever the timed-out requests were",
        arguments: [
            ("cold.p99<1s", false), ("cold.p99<2s", true), ("cold.p50<1s", true), ("cold.max<1s", false),
            ("cold.count<=20", false), ("cold.count<=40", true), ("cold.count>=15", true), ("cold.count>=20", false),
            ("warm.p99<100ms", false), ("warm.p50<100ms", true), ("warm.count>=100", true),
        ] as [(String, Bool)]
    )
    func judgedBothWays(_ text: String, passes: Bool) throws {
        let result = try #require(Self.censored.evaluate(try Threshold(parsing: text)))
        #expect(result.passed == passes, "\(result.message)")
    }

    @Test("When only the timed-out requests fail a threshold, the message gives both figures")
    func messageSaysWhy() throws {
        let p99 = try #require(Self.censored.evaluate(try Threshold(parsing: "cold.p99<1s")))
        #expect(p99.message.hasPrefix("cold.p99<1s: cold.p99 = "))
        #expect(p99.message.contains(" ms of the answered; with the 13 timed-out requests (1000 ms or more) counted cold, cold.p99 = 1000"))
        #expect(p99.message.hasSuffix("(FAILED)"))
        let count = try #require(Self.censored.evaluate(try Threshold(parsing: "cold.count<=20")))
        #expect(count.message == "cold.count<=20: cold.count = 19 of the answered; with the 13 timed-out requests counted cold, cold.count = 32 (FAILED)")
    }

    @Test("Without timed-out requests the messages are as before")
    func noTimeoutsNoChange() throws {
        let result = try #require(ColdStartThresholdTests.summary.evaluate(try Threshold(parsing: "cold.count<=20")))
        #expect(result.message == "cold.count<=20: cold.count = 4 (passed)")
        #expect(ColdStartThresholdTests.summary.coldWithTimedOut == nil)
    }

    @Test("A sample from an older result file, without the sent and timed-out flags, still decodes")
    func olderSamplesDecode() throws {
        let json = #"{"offset":[0,0],"latency":[1,0],"stage":0}"#
        let sample = try JSONDecoder().decode(ColdStartSample.self, from: Data(json.utf8))
        #expect(sample.wasSent == nil && sample.timedOut == nil)
        #expect(sample.reachedWire)
    }
}
