@testable import GauntletLoad
import Testing

/// The progress line's figures: what the live stats make of each loop's per-second slices.
@Suite struct LoadLiveStatsTests {
    private static func slice(loop: Int, second: Int, completed: Int, whole: Bool = true) -> IntervalSlice {
        var slice = IntervalSlice(loop: loop, second: second)
        slice.completed = completed
        slice.coversWholeSecond = whole
        return slice
    }

    @Test func theRateIsTheLatestSecondEveryLoopHasReported() {
        let stats = LoadLiveStats(loops: 2) { _ in nil }
        stats.submit(Self.slice(loop: 0, second: 0, completed: 500))
        stats.submit(Self.slice(loop: 1, second: 0, completed: 500))
        stats.submit(Self.slice(loop: 0, second: 1, completed: 400))
        // Loop 1 has not reported second 1: the rate and time stay with second 0.
        #expect(stats.snapshot().lastSecondRate == 1_000)
        #expect(stats.snapshot().measuredSeconds == 1)
        #expect(stats.snapshot().completed == 1_400)
        stats.submit(Self.slice(loop: 1, second: 1, completed: 500))
        #expect(stats.snapshot().lastSecondRate == 900)
        #expect(stats.snapshot().measuredSeconds == 2)
    }

    @Test func aSecondCutShortByTheEndCountsButSetsNoRate() {
        let stats = LoadLiveStats(loops: 2) { _ in nil }
        for loop in 0..<2 { stats.submit(Self.slice(loop: loop, second: 0, completed: 1_000)) }
        stats.submit(Self.slice(loop: 0, second: 1, completed: 2, whole: false))
        stats.submit(Self.slice(loop: 1, second: 1, completed: 1, whole: false))
        let snapshot = stats.snapshot()
        #expect(snapshot.completed == 2_003)
        #expect(snapshot.lastSecondRate == 2_000)
        #expect(snapshot.measuredSeconds == 1)
        // The series keeps the short second: reports show what it carried.
        #expect(stats.finish().map(\.completed) == [2_000, 3])
    }
}
