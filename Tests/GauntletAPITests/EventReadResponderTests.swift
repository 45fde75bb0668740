import GauntletAPI
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /events/{id}` goes past the router's trie (``EventReadResponder``); a read answers the
/// same whichever way it went: the plain target that skips the trie, or one with a query, an
/// escape or a HEAD that the router resolves.
@Suite struct EventReadResponderTests {
    @Test("A read answers alike with and without the trie, under a base path")
    func readsAnswerAlike() async throws {
        try await withAPI(basePath: "/prod") { client in
            #expect(try await client.send(.post, "/prod/events", json: eventJSON("r-1")).status == .created)
            var bodies: [String] = []
            for target in ["/prod/events/r-1", "/prod/events/r-1?x=1", "/prod/events/r%2D1"] {
                let read = try await client.send(.get, target)
                #expect(read.status == .ok, "\(target)")
                #expect(read.headers[.contentType] == "application/json", "\(target)")
                #expect(read.headers[.accessControlAllowOrigin] == "*", "\(target)")
                bodies.append(String(buffer: read.body))
            }
            #expect(Set(bodies).count == 1)
            #expect(try await client.send(.head, "/prod/events/r-1").status == .ok)
        }
    }

    @Test("A missing id, a path outside the base path and a method the route lacks answer as before")
    func errorsAnswerAlike() async throws {
        try await withAPI(basePath: "/prod") { client in
            let missing = try await client.send(.get, "/prod/events/missing")
            #expect(missing.status == .notFound)
            #expect(try missing.json["detail"] == .string("Event not found"))
            #expect(missing.headers[.accessControlAllowOrigin] == "*")
            #expect(try await client.send(.get, "/events/missing").status == .notFound)
            #expect(try await client.send(.get, "/prod/events/a/b").status == .notFound)
            #expect(try await client.send(.patch, "/prod/events/missing").status == .methodNotAllowed)
        }
    }

    @Test("A long id is read past the trie; a bare prefix or a near miss of it goes to the router")
    func prefixEdges() async throws {
        let long = String(repeating: "long-id-", count: 6)
        try await withAPI(basePath: "/prod") { client in
            #expect(try await client.send(.post, "/prod/events", json: eventJSON(long)).status == .created)
            let read = try await client.send(.get, "/prod/events/\(long)")
            #expect(read.status == .ok)
            #expect(try read.json["eventId"] == .string(long))
            let truncated = try await client.send(.get, "/prod/events/\(long.dropLast())")
            #expect(truncated.status == .notFound)
            #expect(try truncated.json["detail"] == .string("Event not found"))
            let bare = try await client.send(.get, "/prod/events/")
            let list = try await client.send(.get, "/prod/events")
            #expect(bare.status == list.status)
            #expect(String(buffer: bare.body) == String(buffer: list.body))
            for nearMiss in ["/prod/eventsX/\(long)", "/prod/event/\(long)", "/prod/Events/\(long)"] {
                let answer = try await client.send(.get, nearMiss)
                #expect(answer.status == .notFound, "\(nearMiss)")
                #expect(try answer.json["detail"] == .string("Not Found"), "\(nearMiss)")
            }
        }
    }

    @Test("Defects still shape a read that skips the trie")
    func defectsStillApply() async throws {
        try await withAPI(defects: [.notFound500, .textContentType]) { client in
            let missing = try await client.send(.get, "/events/missing")
            #expect(missing.status == .internalServerError)
            #expect(missing.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }
}
