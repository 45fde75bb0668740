import Foundation
import GauntletHTTP
import Testing

@Suite("Timings: libcurl's microseconds, read as durations and written as before")
struct TimingsTests {
    @Test("each phase reads as the duration of its microsecond count")
    func durationsFromMicroseconds() {
        let timings = Timings(
            nameLookupMicros: 12, connectMicros: 150, appConnectMicros: 0, preTransferMicros: 160,
            startTransferMicros: 2_500, totalMicros: 2_750)
        #expect(timings.nameLookup == .microseconds(12))
        #expect(timings.connect == .microseconds(150))
        #expect(timings.appConnect == .zero)
        #expect(timings.preTransfer == .microseconds(160))
        #expect(timings.startTransfer == .microseconds(2_500))
        #expect(timings.total == .microseconds(2_750))
    }

    @Test("a duration is kept to the microsecond, truncated, as libcurl measures")
    func durationsToMicroseconds() {
        var timings = Timings(connect: .milliseconds(2), total: .nanoseconds(3_999))
        #expect(timings.connectMicros == 2_000)
        #expect(timings.totalMicros == 3)
        timings.startTransfer = .seconds(90)
        #expect(timings.startTransferMicros == 90_000_000)
        #expect(Timings() == Timings(nameLookupMicros: 0))
    }

    @Test("encoded under the same keys and in the same form as when the phases were durations")
    func encodedForm() throws {
        struct DurationForm: Codable, Equatable {
            var nameLookup, connect, appConnect, preTransfer, startTransfer, total: Duration
        }
        let timings = Timings(nameLookupMicros: 5, connectMicros: 90, preTransferMicros: 95, startTransferMicros: 1_200, totalMicros: 1_300)
        let encoded = try JSONEncoder().encode(timings)
        let asDurations = try JSONDecoder().decode(DurationForm.self, from: encoded)
        #expect(asDurations == DurationForm(
            nameLookup: .microseconds(5), connect: .microseconds(90), appConnect: .zero, preTransfer: .microseconds(95),
            startTransfer: .microseconds(1_200), total: .microseconds(1_300)))
        let written = try JSONEncoder().encode(asDurations)
        #expect(try JSONDecoder().decode(Timings.self, from: written) == timings)
    }
}
