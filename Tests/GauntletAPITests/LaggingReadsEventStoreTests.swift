import GauntletAPI
import NIOCore
import Testing

/// `events-api --read-lag`: reads see a write only after the lag, as DynamoDB's eventually
/// consistent reads may; writes themselves are immediate. On a ``ManualClock``: exact, and no
/// sleeping through the lag.
@Suite struct LaggingReadsEventStoreTests {
    static let lag = Duration.seconds(1)

    static func event(_ id: String, title: String = "First", status: EventStatus = .active) -> Event {
        Event(
            eventId: id, title: title, description: "D", eventDate: "2025-06-01", location: "L", eventCapacity: 5,
            organizer: "O", eventStatus: status, createdAt: "2025-01-01T00:00:00")
    }

    @Test("A created event is read, alone or listed, only after the lag; a second create conflicts at once")
    func createsShowAfterTheLag() async throws {
        let clock = ManualClock()
        let store = LaggingReadsEventStore(MemoryEventStore(), lag: Self.lag, now: { clock.now })
        try await store.create(Self.event("a"))
        await #expect(throws: EventStoreError.notFound) { try await store.event(id: "a") }
        #expect(try await store.events(status: nil).isEmpty)
        await #expect(throws: EventStoreError.conflict) { try await store.create(Self.event("a")) }
        clock.advance(by: Self.lag)
        #expect(try await store.event(id: "a").title == "First")
        #expect(try await store.events(status: .active).map(\.eventId) == ["a"])
    }

    @Test("An update and a delete show after the lag: until then reads see the event as it was")
    func updatesAndDeletesShowAfterTheLag() async throws {
        let base = MemoryEventStore()
        try await base.create(contentsOf: [Self.event("a"), Self.event("b")])
        let clock = ManualClock()
        let store = LaggingReadsEventStore(base, lag: Self.lag, now: { clock.now })
        _ = try await store.update(id: "a") { event in
            var changed = event
            changed.title = "Second"
            changed.eventStatus = .cancelled
            return changed
        }
        try await store.delete(id: "b")
        #expect(try await store.event(id: "a").title == "First")
        #expect(try await store.events(status: .active).map(\.eventId) == ["a", "b"])
        #expect(try await store.events(status: .cancelled).isEmpty)
        #expect(try await store.event(id: "b").eventId == "b")
        clock.advance(by: Self.lag)
        #expect(try await store.event(id: "a").title == "Second")
        #expect(try await store.events(status: nil).map(\.eventId) == ["a"])
        await #expect(throws: EventStoreError.notFound) { try await store.event(id: "b") }
    }

    @Test("An event written more often than the lag is read at most the lag behind, as JSON too")
    func frequentWritesStayBoundedByTheLag() async throws {
        // A 2 s lag, an update 1 s after the create, a read 2.3 s after it (a lag counted from
        // the update would end at 3 s).
        let clock = ManualClock()
        let store = LaggingReadsEventStore(MemoryEventStore(), lag: .seconds(2), now: { clock.now })
        try await store.create(Self.event("a"))
        clock.advance(by: .seconds(1))
        _ = try await store.update(id: "a") { event in
            var changed = event
            changed.title = "Second"
            return changed
        }
        await #expect(throws: EventStoreError.notFound) { try await store.eventJSON(id: "a") }
        // The lag after the create: its write and the update after it both show.
        clock.advance(by: .milliseconds(1_300))
        #expect(try await store.event(id: "a").title == "Second")
        #expect(String(buffer: try await store.eventJSON(id: "a")).contains(#""title":"Second""#))
    }
}
