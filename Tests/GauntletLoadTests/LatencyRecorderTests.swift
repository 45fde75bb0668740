import GauntletLoad
import Testing

/// Recorders share one empty histogram until their first value and take each other's counts
/// when they are empty; each must still behave as a value of its own.
@Suite struct LatencyRecorderTests {
    private static func recorder(_ values: [UInt64]) -> LatencyRecorder {
        var recorder = LatencyRecorder()
        for value in values { recorder.record(micros: value) }
        return recorder
    }

    @Test func aResetRecorderIsEmptyAndItsCopyKeepsItsValues() {
        var recorder = Self.recorder([100, 200, 300, 90_000_000])
        let handedOver = recorder
        recorder.reset()
        #expect(recorder.count == 0)
        #expect(recorder.maxMicros == 0)
        #expect(recorder.micros(atPercentile: 99) == 0)

        recorder.record(micros: 5)
        #expect(recorder.count == 1)
        #expect(recorder.maxMicros == 5)
        #expect(handedOver.count == 4)
        #expect(handedOver.outOfRange == 1)
        #expect(handedOver.minMicros == 100)
        #expect(handedOver.micros(atPercentile: 50) == 200)
    }

    @Test func newRecordersDoNotSeeEachOthersValues() {
        var first = LatencyRecorder()
        var second = LatencyRecorder()
        first.record(micros: 1_000)
        second.record(micros: 7)
        #expect(first.count == 1 && first.minMicros == 1_000)
        #expect(second.count == 1 && second.maxMicros == 7)
        #expect(LatencyRecorder().count == 0)
    }

    @Test func addingToAnEmptyRecorderGivesTheOthersValuesAndLeavesItAlone() {
        let other = Self.recorder([10, 20, 30, 40, 5_000, 90_000_000])
        var empty = LatencyRecorder()
        empty.add(other)
        #expect(empty.count == other.count)
        #expect(empty.outOfRange == other.outOfRange)
        #expect(empty.micros(atPercentiles: [0, 50, 90, 100]) == other.micros(atPercentiles: [0, 50, 90, 100]))

        empty.record(micros: 1)
        empty.add(Self.recorder([60]))
        #expect(empty.count == other.count + 2)
        #expect(empty.minMicros == 1)
        #expect(other.count == 6)
        #expect(other.minMicros == 10)
    }

    @Test func addingToARecorderWithValuesSumsTheCounts() {
        var recorder = Self.recorder([1, 2, 3])
        recorder.add(Self.recorder([4, 5, 90_000_000]))
        #expect(recorder.count == 6)
        #expect(recorder.outOfRange == 1)
        #expect(recorder.minMicros == 1)
        #expect(recorder.micros(atPercentile: 50) == 3)
    }

    @Test func addingAnEmptyRecorderChangesNothing() {
        var recorder = Self.recorder([42])
        recorder.add(LatencyRecorder())
        #expect(recorder.count == 1)
        #expect(recorder.minMicros == 42 && recorder.maxMicros == 42)
    }
}
