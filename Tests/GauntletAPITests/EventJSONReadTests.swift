import Foundation
import GauntletAPI
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /events/{id}` answers the bytes a store keeps (``EventStore/eventJSON(id:)``): the same
/// JSON as encoding the event, never stale after an update, gone after a delete.
@Suite struct EventJSONReadTests {
    @Test("eventJSON is the event's JSON after create, update and save; notFound after delete", arguments: StoreUnderTest.local)
    func storeBytesFollowWrites(_ kind: StoreUnderTest) async throws {
        try await kind.withStore { store in
            try await store.create(sampleEvent("cached"))
            #expect(String(buffer: try await store.eventJSON(id: "cached")) == sampleEvent("cached").json)
            let updated = try await store.update(id: "cached") { event in
                var changed = event
                changed.title = "Changed"
                changed.updatedAt = "2026-01-01T00:00:00"
                return changed
            }
            #expect(String(buffer: try await store.eventJSON(id: "cached")) == updated.json)
            #expect(String(buffer: try await store.eventJSON(id: "cached")).contains(#""title":"Changed""#))
            var saved = sampleEvent("cached", status: .cancelled)
            saved.title = "Saved"
            try await store.save(saved)
            #expect(String(buffer: try await store.eventJSON(id: "cached")) == saved.json)
            try await store.delete(id: "cached")
            await #expect(throws: EventStoreError.notFound) { try await store.eventJSON(id: "cached") }
        }
    }

    @Test("A read after PUT serves the updated bytes; ids with escapes are still decoded")
    func readsFollowUpdatesOverHTTP() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("a-b"))
            let first = try await client.send(.get, "/events/%61-b")
            #expect(first.status == .ok)
            #expect(try first.json["eventId"] == .string("a-b"))
            #expect(first.headers[.contentType] == "application/json")
            #expect(first.headers[.accessControlAllowOrigin] == "*")
            let put = try await client.send(.put, "/events/%61-b", json: #"{"title": "Renamed"}"#)
            #expect(put.status == .ok)
            let second = try await client.send(.get, "/events/%61-b")
            #expect(try second.json["title"] == .string("Renamed"))
        }
    }

    @Test("With the fields-not-renamed defect a read still writes the request names")
    func defectStyleIsNotTheCachedBytes() async throws {
        try await withAPI(defects: [.fieldsNotRenamed]) { client in
            try await client.create(eventJSON("styled"))
            let read = try await client.send(.get, "/events/styled")
            #expect(try read.json["capacity"] == .integer(500))
            #expect(try read.json["eventCapacity"] == nil)
        }
    }
}
