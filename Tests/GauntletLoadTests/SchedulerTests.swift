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

/// An overloaded loop drops the arrivals due by now at once.
struct OpenModelSkipTests {
    @Test("skip consumes exactly the arrivals peek would have given by then, this share only")
    func skipMatchesPeek() {
        for (rate, stride, offset) in [(1_000.0, 1, 0), (7_919.0, 3, 2), (1e9, 2, 1)] {
            var skipping = OpenModelScheduler(rate: rate, duration: .seconds(5), offset: offset, stride: stride)
            var stepping = skipping
            let until: UInt64 = 1_234_567
            let skipped = skipping.skip(through: until)
            var stepped = 0
            while stepped < skipped, let due = stepping.next() {
                #expect(due <= until)
                stepped += 1
            }
            #expect(stepped == skipped)
            #expect(skipping.peek() == stepping.peek(), "rate \(rate): both go on from the same arrival")
            var leftDue = 0
            while let due = skipping.next(), due <= until { leftDue += 1 }
            #expect(leftDue <= 2, "rate \(rate): at most the boundary arrivals are left for peek to settle")
        }
    }

    @Test("skip stops at the duration and at a limit, and is cheap at any rate")
    func skipBounds() {
        var huge = OpenModelScheduler(rate: 1e9, duration: .seconds(5))
        let skipped = huge.skip(through: 60_000_000_000)
        #expect(skipped > 4_999_999_000 && skipped <= 5_000_000_000)
        var limited = OpenModelScheduler(rate: 1_000, duration: .seconds(5))
        #expect(limited.skip(through: 1_000_000_000, limit: 10) == 10)
        #expect(limited.peek() == 10_000_000)
    }
}
