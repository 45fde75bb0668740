import GauntletHTTP
import Testing

@Suite("LoadInstant is the load loop's clock as plain nanoseconds")
struct LoadInstantTests {
    @Test("Adding a duration moves the instant by its nanoseconds, either way")
    func addingDurations() {
        let instant = LoadInstant(nanoseconds: 5_000)
        #expect((instant + .microseconds(2)).nanoseconds == 7_000)
        #expect((instant + .nanoseconds(-2_000)).nanoseconds == 3_000)
        #expect((instant + .seconds(1)).nanoseconds == 1_000_005_000)
    }

    @Test("Adding saturates at the clock's range instead of wrapping")
    func addingSaturates() {
        #expect((LoadInstant(nanoseconds: 5_000) + .seconds(-1)).nanoseconds == 0)
        #expect((LoadInstant(nanoseconds: .max - 1) + .seconds(1)).nanoseconds == .max)
    }

    @Test("The difference of two instants is signed")
    func differences() {
        let earlier = LoadInstant(nanoseconds: 1_000)
        let later = LoadInstant(nanoseconds: 3_500)
        #expect(later - earlier == .nanoseconds(2_500))
        #expect(earlier - later == .nanoseconds(-2_500))
        #expect(earlier < later && !(later < earlier))
    }

    @Test("Now moves forward with the time that passed")
    func nowAdvances() async throws {
        let before = LoadInstant.now
        try await Task.sleep(for: .milliseconds(20))
        let after = LoadInstant.now
        #expect(after - before >= .milliseconds(20))
        #expect(after - before < .seconds(10))  // gross: shared, busy machines
    }
}
