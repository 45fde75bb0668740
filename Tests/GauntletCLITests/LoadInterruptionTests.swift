import Foundation
import GauntletLoad
import Testing

@testable import GauntletCLI

/// A load stopped by a signal never reads as green: a distinct exit status, and a JUnit file
/// that says the thresholds judged only part of it.
struct LoadInterruptionTests {
    static func result(cancelled: Bool, thresholds: [String]) throws -> LoadResult {
        var total = RequestStats(name: "total")
        total.count = 149
        for _ in 0..<149 { total.latency.record(micros: 2_000) }
        var list = total
        list.name = "list-events"
        return LoadResult(
            planName: "read", model: .closed(vus: 2, thinkTime: .zero), elapsed: .milliseconds(1_500), total: total, byName: [list],
            cancelled: cancelled, thresholds: try thresholds.map { try Threshold(parsing: $0) })
    }

    @Test("An interrupted load exits 130 although its thresholds passed; a whole one exits by its thresholds")
    func exitStatus() throws {
        #expect(LoadSession.exitStatus(of: try Self.result(cancelled: true, thresholds: ["p99<1s"])) == ExitStatus.interrupted)
        #expect(LoadSession.exitStatus(of: try Self.result(cancelled: false, thresholds: ["p99<1s"])) == nil)
        #expect(LoadSession.exitStatus(of: try Self.result(cancelled: false, thresholds: ["p99<1ms"])) == ExitStatus.checkFailed)
    }

    @Test("The JUnit file of an interrupted load has a failing testcase that says so")
    func junitSaysInterrupted() throws {
        let interrupted = LoadSession.thresholdJUnit(
            try Self.result(cancelled: true, thresholds: ["p99<1s"]), name: "read", startedAt: Date())
        #expect(interrupted.contains(#"<testcase name="the load ran to its end""#))
        #expect(interrupted.contains("interrupted after 1.5 s"))
        #expect(interrupted.contains(#"failures="1""#))
        let whole = LoadSession.thresholdJUnit(try Self.result(cancelled: false, thresholds: ["p99<1s"]), name: "read", startedAt: Date())
        #expect(!whole.contains("ran to its end"))
        #expect(whole.contains(#"failures="0""#))
    }

    @Test("What a load left behind fails it (exit 1) and is a failing JUnit testcase naming it")
    func leftBehindFailsTheLoad() throws {
        var result = try Self.result(cancelled: false, thresholds: ["p99<1s"])
        result.leftBehind = 2
        result.leftBehindLabels = ["event a", "event b"]
        #expect(LoadSession.exitStatus(of: result) == ExitStatus.checkFailed)
        let junit = LoadSession.thresholdJUnit(result, name: "read", startedAt: Date())
        #expect(junit.contains(#"<testcase name="nothing left behind""#))
        #expect(junit.contains("left behind: event a, event b"))
    }
}
