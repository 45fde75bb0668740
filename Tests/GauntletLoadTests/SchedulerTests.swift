import GauntletLoad
import Testing

@Suite struct OpenModelSchedulerTests {
    @Test func aConstantRateSpacesArrivalsEvenly() {
        var scheduler = OpenModelScheduler(rate: 1_000, duration: .seconds(1))
        var times: [UInt64] = []
        while let time = scheduler.next() { times.append(time) }
        #expect(times.count == 1_000)
        #expect(times.first == 0)
        #expect(times[1] == 1_000_000)
        #expect(times.last == 999_000_000)
    }

    @Test func aLinearRampDeliversTheAreaUnderTheRate() {
        var bounded = OpenModelScheduler(
            rate: 0, stages: [LoadStage(duration: .seconds(10), target: 100)], duration: .seconds(10))
        var inRamp = 0
        while bounded.next() != nil { inRamp += 1 }
        #expect((499...501).contains(inRamp))
        #expect(bounded.rate(at: 5) == 50)
        #expect(bounded.expectedArrivals(until: 10) == 500)
    }

    @Test func loopsSplitOneRateWithoutGapsOrOverlap() {
        var whole = OpenModelScheduler(rate: 300, duration: .seconds(1))
        var all: [UInt64] = []
        while let time = whole.next() { all.append(time) }
        var shares: [UInt64] = []
        for loop in 0..<3 {
            var share = OpenModelScheduler(rate: 300, duration: .seconds(1), offset: loop, stride: 3)
            while let time = share.next() { shares.append(time) }
        }
        #expect(shares.sorted() == all)
    }
}

@Suite struct ClosedModelSchedulerTests {
    @Test func aUserIsReadyAgainAfterItsThinkTime() {
        var scheduler = ClosedModelScheduler(users: [0, 1], thinkTime: .milliseconds(5))
        #expect(scheduler.takeReady(now: 0)?.vu == 0)
        #expect(scheduler.takeReady(now: 0)?.vu == 1)
        #expect(scheduler.takeReady(now: 0) == nil)
        scheduler.finished(vu: 1, at: 10_000_000)
        #expect(scheduler.nextReadyTime == 15_000_000)
        #expect(scheduler.takeReady(now: 14_999_999) == nil)
        let user = scheduler.takeReady(now: 15_000_000)
        #expect(user?.vu == 1)
        #expect(user?.readyAt == 15_000_000)
    }
}

@Suite struct WeightedPickerTests {
    @Test func weightsThreeToOneInterleaveEvenly() {
        var picker = WeightedPicker(weights: [3, 1])
        let picks = (0..<8).map { _ in picker.next() }
        #expect(picks.filter { $0 == 0 }.count == 6)
        #expect(picks == [0, 0, 1, 0, 0, 0, 1, 0])
    }
}
