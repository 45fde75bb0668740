import GauntletLoad
import Testing

/// The phased model's schedule on plain numbers: who starts when, and when phases change.
@Suite struct PhasedSchedulerTests {
    static let ms: UInt64 = 1_000_000

    /// Takes every user due at `now`.
    static func takeAll(_ scheduler: inout PhasedScheduler, at now: UInt64) -> [(vu: Int, readyAt: UInt64, phase: Int)] {
        var taken: [(vu: Int, readyAt: UInt64, phase: Int)] = []
        while let user = scheduler.takeReady(now: now) { taken.append(user) }
        return taken
    }

    @Test func aBurstStartsEveryRequestAtOnceAndEndsWhenTheLastEnds() {
        var scheduler = PhasedScheduler(phases: [.burst(count: 4), .burst(count: 2)])
        let burst = Self.takeAll(&scheduler, at: 0)
        #expect(burst.map(\.vu) == [0, 1, 2, 3])
        #expect(burst.allSatisfy { $0.readyAt == 0 && $0.phase == 0 })
        for vu in 0..<3 { scheduler.finished(vu: vu, phase: 0, at: 10 * Self.ms) }
        #expect(Self.takeAll(&scheduler, at: 10 * Self.ms).isEmpty, "the next burst waits for the last of this one")
        scheduler.finished(vu: 3, phase: 0, at: 30 * Self.ms)
        let second = Self.takeAll(&scheduler, at: 30 * Self.ms)
        #expect(second.map(\.phase) == [1, 1])
        #expect(second.allSatisfy { $0.readyAt == 30 * Self.ms })
        for user in second { scheduler.finished(vu: user.vu, phase: 1, at: 40 * Self.ms) }
        scheduler.advance(now: 40 * Self.ms)
        #expect(scheduler.isFinished)
    }

    @Test func anIdlePhaseSendsNothingAndProbesWaitTheirGapAfterEachEnd() {
        var scheduler = PhasedScheduler(phases: [.idle(.seconds(1)), .probes(count: 2, gap: .milliseconds(500))])
        #expect(Self.takeAll(&scheduler, at: 0).isEmpty)
        #expect(scheduler.nextEventTime == 1_000 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 1_200 * Self.ms).isEmpty, "the first probe waits its gap after the idle phase")
        #expect(scheduler.nextEventTime == 1_500 * Self.ms)
        let first = Self.takeAll(&scheduler, at: 1_500 * Self.ms)
        #expect(first.map(\.readyAt) == [1_500 * Self.ms])
        #expect(first.map(\.phase) == [1])
        scheduler.finished(vu: 0, phase: 1, at: 1_800 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 2_200 * Self.ms).isEmpty)
        #expect(Self.takeAll(&scheduler, at: 2_300 * Self.ms).map(\.readyAt) == [2_300 * Self.ms])
        scheduler.finished(vu: 0, phase: 1, at: 2_400 * Self.ms)
        scheduler.advance(now: 2_400 * Self.ms)
        #expect(scheduler.isFinished)
    }

    @Test func aConcurrencyStepKeepsTheRunningUsersAndAddsTheNewOnes() {
        var scheduler = PhasedScheduler(phases: [
            .users(vus: 2, duration: .seconds(1), thinkTime: .zero),
            .users(vus: 4, duration: .seconds(1), thinkTime: .zero),
            .users(vus: 1, duration: .seconds(1), thinkTime: .zero),
        ])
        #expect(Self.takeAll(&scheduler, at: 0).map(\.vu) == [0, 1])
        // User 0 loops within the first step.
        scheduler.finished(vu: 0, phase: 0, at: 500 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 500 * Self.ms).map(\.vu) == [0])
        // At the step, users 2 and 3 join while 0 and 1 are still in flight.
        let joined = Self.takeAll(&scheduler, at: 1_000 * Self.ms)
        #expect(joined.map(\.vu) == [2, 3])
        #expect(joined.allSatisfy { $0.phase == 1 && $0.readyAt == 1_000 * Self.ms })
        // A user of the first step carries on into the second.
        scheduler.finished(vu: 1, phase: 0, at: 1_100 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 1_100 * Self.ms).map { [$0.vu, $0.phase] } == [[1, 1]])
        // Stepping down to one user: the others stop after their iteration.
        let down = Self.takeAll(&scheduler, at: 2_000 * Self.ms)
        #expect(down.isEmpty)
        for vu in [0, 1, 2, 3] { scheduler.finished(vu: vu, phase: 1, at: 2_050 * Self.ms) }
        #expect(Self.takeAll(&scheduler, at: 2_050 * Self.ms).map { [$0.vu, $0.phase] } == [[0, 2]])
        // After the last step's time, nobody starts again.
        scheduler.finished(vu: 0, phase: 2, at: 3_000 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 3_000 * Self.ms).isEmpty)
        #expect(scheduler.isFinished)
    }

    @Test func usersWhoseIterationEndsAsTheStepEndsCarryIntoTheNext() {
        // After a burst, each users step starts when an iteration ends, so its end can fall on
        // another iteration's end, reported before anything asked the schedule to move on.
        var scheduler = PhasedScheduler(phases: [
            .burst(count: 2),
            .users(vus: 2, duration: .milliseconds(100), thinkTime: .zero),
            .users(vus: 4, duration: .milliseconds(100), thinkTime: .zero),
        ])
        #expect(Self.takeAll(&scheduler, at: 0).count == 2)
        for vu in 0..<2 { scheduler.finished(vu: vu, phase: 0, at: 10 * Self.ms) }
        #expect(Self.takeAll(&scheduler, at: 10 * Self.ms).map { [$0.vu, $0.phase] } == [[0, 1], [1, 1]])
        // Both end exactly when the first step's time is up (10 + 100 ms).
        for vu in 0..<2 { scheduler.finished(vu: vu, phase: 1, at: 110 * Self.ms) }
        let step = Self.takeAll(&scheduler, at: 110 * Self.ms)
        #expect(step.map(\.vu).sorted() == [0, 1, 2, 3], "the running users carry on beside the two new ones")
        #expect(step.allSatisfy { $0.phase == 2 })
    }

    @Test func aUserStillRunningWhenItsStepComesBackIsNotStartedTwice() {
        // 3 users, then 1, then 3 again, while user 2's first iteration runs through all of it.
        var scheduler = PhasedScheduler(phases: [
            .users(vus: 3, duration: .milliseconds(100), thinkTime: .zero),
            .users(vus: 1, duration: .milliseconds(100), thinkTime: .zero),
            .users(vus: 3, duration: .milliseconds(100), thinkTime: .zero),
        ])
        #expect(Self.takeAll(&scheduler, at: 0).map(\.vu) == [0, 1, 2])
        for vu in [0, 1] { scheduler.finished(vu: vu, phase: 0, at: 150 * Self.ms) }
        #expect(Self.takeAll(&scheduler, at: 150 * Self.ms).map(\.vu) == [0], "the step down keeps user 0 only")
        scheduler.finished(vu: 0, phase: 1, at: 190 * Self.ms)
        _ = Self.takeAll(&scheduler, at: 190 * Self.ms)
        // The step back to 3 users: user 1 joins again, user 2 is still running its iteration.
        let back = Self.takeAll(&scheduler, at: 200 * Self.ms)
        #expect(!back.contains { $0.vu == 2 }, "user 2 is running")
        scheduler.finished(vu: 2, phase: 0, at: 210 * Self.ms)
        #expect(Self.takeAll(&scheduler, at: 210 * Self.ms).map(\.vu) == [2], "and starts again once, when its iteration ends")
    }

    @Test func aPhaseAfterUsersWaitsForTheirLastIteration() {
        var scheduler = PhasedScheduler(phases: [.users(vus: 1, duration: .milliseconds(100), thinkTime: .zero), .burst(count: 1)])
        #expect(Self.takeAll(&scheduler, at: 0).count == 1)
        // The users' time is up while the iteration is still in flight: the burst must not start yet.
        #expect(Self.takeAll(&scheduler, at: 150 * Self.ms).isEmpty)
        scheduler.finished(vu: 0, phase: 0, at: 200 * Self.ms)
        let burst = Self.takeAll(&scheduler, at: 200 * Self.ms)
        #expect(burst.map(\.phase) == [1])
        #expect(burst.map(\.readyAt) == [200 * Self.ms])
    }
}
