import GauntletJSON
import Foundation
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// Atomic creates, large lists and the stores' own contract.
@Suite struct StoreTests {
    @Test("50 concurrent creates of one id: exactly one 201 and 49 409", arguments: StoreUnderTest.allCases)
    func concurrentCreates(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let body = eventJSON("contested", ["title": "\"Writer \(index)\""])
                        return try await client.send(.post, "/events", json: body).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 49)
            #expect(try await client.send(.get, "/events").json["events"]?.array?.count == 1)
        }
    }

    @Test("50 concurrent creates over real connections: exactly one wins", .timeLimit(.minutes(1)), arguments: StoreUnderTest.allCases)
    func concurrentCreatesLive(_ store: StoreUnderTest) async throws {
        try await store.withStore { eventStore in
            let app = try await buildApplication(.testing, store: eventStore)
            try await app.test(.live) { client in
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await client.send(.post, "/events", json: eventJSON("contested")).status.code }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(statuses.sorted() == [201] + Array(repeating: 409, count: 49))
            }
        }
    }

    // Not on DynamoDB: 1,000 transactions into moto and 100,000 items scanned by Python would
    // measure moto; DynamoDBStoreTests lists over many Scan pages instead.
    @Test("The list is correct with 100,000 events stored", arguments: StoreUnderTest.local)
    func hundredThousandEvents(_ store: StoreUnderTest) async throws {
        try await store.withStore { eventStore in
            let count = 100_000
            // Ids in reverse order, so that the sort is exercised; every tenth one cancelled.
            let events = (0..<count).reversed().map { index in
                sampleEvent(String(format: "evt-%06d", index), status: index % 10 == 0 ? .cancelled : .active)
            }
            try await eventStore.create(contentsOf: events)
            let app = try await buildApplication(.testing, store: eventStore)
            try await app.test(.router) { client in
                let all = try await client.send(.get, "/events")
                #expect(all.status == .ok)
                let ids = Self.eventIds(in: all.body)
                #expect(ids.count == count)
                #expect(ids.first == "evt-000000" && ids.last == "evt-099999")
                #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
                let cancelled = Self.eventIds(in: try await client.send(.get, "/events?status=cancelled").body)
                #expect(cancelled.count == count / 10)
                #expect(cancelled.allSatisfy { Int($0.dropFirst(4))! % 10 == 0 })
            }
        }
    }

    /// The `eventId` values of a list body, in order, by a byte scan (parsing 25 MB of JSON in a
    /// debug build would dominate the test).
    static func eventIds(in body: ByteBuffer) -> [String] {
        let bytes = Array(body.readableBytesView)
        let marker = Array(#"{"eventId":""#.utf8)
        var ids: [String] = []
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<index + marker.count]) == marker {
                let start = index + marker.count
                var end = start
                while bytes[end] != UInt8(ascii: "\"") { end += 1 }
                ids.append(String(decoding: bytes[start..<end], as: UTF8.self))
                index = end
            } else {
                index += 1
            }
        }
        return ids
    }

    @Test("Updates racing a delete: each update wins before it or is not found; none brings the event back", .timeLimit(.minutes(1)), arguments: StoreUnderTest.allCases)
    func updatesRacingDelete(_ store: StoreUnderTest) async throws {
        try await store.withStore { eventStore in
            for round in 0..<3 {
                let id = "race-\(round)"
                try await eventStore.create(sampleEvent(id))
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for writer in 0..<10 {
                        group.addTask {
                            do {
                                _ = try await eventStore.update(id: id) { event in
                                    var event = event
                                    event.title = "writer \(writer)"
                                    return event
                                }
                                return "updated"
                            } catch let error as EventStoreError where error == .notFound {
                                return "not found"
                            }
                        }
                    }
                    group.addTask {
                        try await eventStore.delete(id: id)
                        return "deleted"
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == "deleted" }.count == 1)
                #expect(outcomes.count == 11)
                await #expect(throws: EventStoreError.notFound) { try await eventStore.event(id: id) }
            }
            #expect(try await eventStore.events(status: nil).isEmpty)
        }
    }

    @Test("Stores report not found and conflict as EventStoreError", arguments: StoreUnderTest.allCases)
    func storeErrors(_ store: StoreUnderTest) async throws {
        try await store.withStore { eventStore in
            try await eventStore.create(sampleEvent("a"))
            await #expect(throws: EventStoreError.conflict) { try await eventStore.create(sampleEvent("a")) }
            await #expect(throws: EventStoreError.conflict) { try await eventStore.create(contentsOf: [sampleEvent("b"), sampleEvent("a")]) }
            await #expect(throws: EventStoreError.notFound) { try await eventStore.event(id: "b") }
            await #expect(throws: EventStoreError.notFound) { try await eventStore.delete(id: "zzz") }
            await #expect(throws: EventStoreError.notFound) { try await eventStore.update(id: "zzz") { $0 } }
            let updated = try await eventStore.update(id: "a") { event in
                var event = event
                event.title = "changed"
                return event
            }
            #expect(try await eventStore.event(id: "a") == updated)
            try await eventStore.save(sampleEvent("a"))
            #expect(try await eventStore.event(id: "a").title == "Event a")
            try await eventStore.delete(id: "a")
            #expect(try await eventStore.events(status: nil).isEmpty)
        }
    }
}

/// Issue 18: event ids compare by code points, never by canonical equivalence.
@Suite struct EventIdCodePointTests {
    /// `café` with a composed `é` (U+00E9).
    static let composed = "caf\u{E9}"
    /// `café` with `e` and a combining acute accent (U+0301).
    static let decomposed = "cafe\u{301}"

    @Test("Composed and decomposed café are two events in the store", arguments: StoreUnderTest.allCases)
    func twoIdsInStore(_ store: StoreUnderTest) async throws {
        #expect(Self.composed == Self.decomposed, "Swift calls them equal; the stores must not")
        try await store.withStore { eventStore in
            try await eventStore.create(sampleEvent(Self.composed))
            try await eventStore.create(sampleEvent(Self.decomposed))
            let first = try await eventStore.event(id: Self.composed)
            let second = try await eventStore.event(id: Self.decomposed)
            #expect(Array(first.eventId.unicodeScalars) == Array(Self.composed.unicodeScalars))
            #expect(Array(second.eventId.unicodeScalars) == Array(Self.decomposed.unicodeScalars))
            #expect(first != second)
            let listed = try await eventStore.events(status: nil).map { Array($0.eventId.utf8) }
            #expect(listed.count == 2)
            #expect(Set(listed) == [Array(Self.composed.utf8), Array(Self.decomposed.utf8)])
            try await eventStore.delete(id: Self.decomposed)
            #expect(try await eventStore.event(id: Self.composed).eventId.utf8.elementsEqual(Self.composed.utf8))
            await #expect(throws: EventStoreError.notFound) { try await eventStore.event(id: Self.decomposed) }
        }
    }

    @Test("Over HTTP (the FastAPI profile takes any id), both are created, read back and listed", arguments: StoreUnderTest.allCases)
    func twoIdsOverHTTP(_ store: StoreUnderTest) async throws {
        try await withAPI(store, profile: .fastapi) { client in
            try await client.create(eventJSON(Self.composed, ["title": "\"composed\""]))
            try await client.create(eventJSON(Self.decomposed, ["title": "\"decomposed\""]))
            #expect(try await client.send(.get, "/events/caf%C3%A9").json["title"] == .string("composed"))
            #expect(try await client.send(.get, "/events/cafe%CC%81").json["title"] == .string("decomposed"))
            #expect(try await client.send(.get, "/events").json["events"]?.array?.count == 2)
        }
    }
}
