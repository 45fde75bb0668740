import GauntletLoad
import Testing

@Suite("Duration.nanosecondsUInt64: whole nanoseconds, clamped")
struct DurationNanosecondsTests {
    static let cases: [(Duration, UInt64)] = [
        (.zero, 0),
        (.nanoseconds(1), 1),
        (.microseconds(250), 250_000),
        (.seconds(3) + .nanoseconds(7), 3_000_000_007),
        (.seconds(86_400 * 365), 31_536_000_000_000_000),
        (Duration(secondsComponent: 0, attosecondsComponent: 1_999_999_999), 1),
    ]

    @Test("whole nanoseconds, the fraction dropped", arguments: cases)
    func wholeNanoseconds(duration: Duration, expected: UInt64) {
        #expect(duration.nanosecondsUInt64 == expected)
    }

    @Test("a negative duration is 0, one beyond UInt64 is UInt64.max")
    func clamped() {
        #expect(Duration.nanoseconds(-5).nanosecondsUInt64 == 0)
        #expect(Duration(secondsComponent: -1, attosecondsComponent: 999_999_999_999_999_999).nanosecondsUInt64 == 0)
        #expect(Duration.seconds(Int64.max / 2).nanosecondsUInt64 == .max)
    }
}
