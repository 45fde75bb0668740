import Foundation
import GauntletJSON
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `--profile fastapi`: the seed as a typical FastAPI + pydantic v2 + DynamoDB deployment serves
/// it. Each test pins one way it differs from the reference (or keeps to it).
@Suite struct FastAPIProfileTests {
    /// Runs `test` against the FastAPI profile's router on a fresh memory store.
    func withFastAPI(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withAPI(profile: .fastapi, test)
    }

    /// The `detail` entries of a 422 as (loc, type) pairs, loc joined with dots.
    func pydanticIssues(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(loc: String, type: String)] {
        #expect(response.status == .unprocessableContent, "\(response.text)", sourceLocation: sourceLocation)
        let detail = try #require(try response.json["detail"]?.array, "\(response.text)", sourceLocation: sourceLocation)
        return detail.map { issue in
            let loc = (issue["loc"]?.array ?? []).map { $0.string ?? String(describing: $0.intValue ?? -1) }
            return (loc.joined(separator: "."), issue["type"]?.string ?? "")
        }
    }

    // MARK: - Validation

    @Test("A missing field is 422 with pydantic's entry: type, loc, msg and the whole input")
    func missingField() async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["title": nil]))
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/json")
            let entry = try #require(try response.json["detail"]?[0])
            #expect(entry["type"] == .string("missing"))
            #expect(entry["loc"] == ["body", "title"])
            #expect(entry["msg"] == .string("Field required"))
            #expect(entry["input"]?["eventId"] == .string("x"))
        }
    }

    @Test(
        "Each bad value is 422 with pydantic's error type",
        arguments: [
            ("title", "42", "string_type"), ("title", "null", "string_type"), ("eventId", "7", "string_type"),
            ("capacity", #""many""#, "int_parsing"), ("capacity", "500.5", "int_from_float"),
            ("capacity", "null", "int_type"), ("capacity", "[500]", "int_type"),
            ("status", #""postponed""#, "literal_error"), ("status", #""ACTIVE""#, "literal_error"),
            ("date", #""2025/06/01""#, "string_pattern_mismatch"), ("date", #""2025-6-1""#, "string_pattern_mismatch"),
            ("date", #""20250601""#, "string_pattern_mismatch"),
        ]
    )
    func badValues(field: String, value: String, type: String) async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("x", [field: value]))
            let found = try pydanticIssues(response)
            #expect(found.map(\.loc) == ["body.\(field)"])
            #expect(found.map(\.type) == [type])
        }
    }

    @Test("Every bad field is listed, in the model's field order")
    func everyIssueListed() async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: #"{"eventId": 1, "capacity": "x", "status": "no"}"#)
            let found = try pydanticIssues(response)
            #expect(found.map(\.loc) == ["body.eventId", "body.title", "body.description", "body.date", "body.location", "body.capacity", "body.organizer", "body.status"])
        }
    }

    @Test(
        "The date is pydantic-core's pattern: any script's decimal digits pass, a trailing newline does not",
        arguments: [
            (#""٢٠٢٥-٠٦-٠١""#, true), (#""２０２５-０６-０１""#, true), (#""2025-06-1٠""#, true),
            (#""2025-06-01\n""#, false), (#""2025-06-Ⅻ1""#, false), (#""2025-06-01 ""#, false),
        ]
    )
    func datePattern(value: String, stored: Bool) async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["date": value]))
            #expect(response.status == (stored ? .created : .unprocessableContent))
            if !stored { #expect(try pydanticIssues(response).map(\.type) == ["string_pattern_mismatch"]) }
        }
    }

    @Test("capacity is lax: \"500\", true and 500.0 are integers; 0 and negatives pass", arguments: [(#""500""#, 500), ("true", 1), ("500.0", 500), (#"" 42 ""#, 42), ("0", 0), ("-5", -5)] as [(String, Int64)])
    func laxCapacity(value: String, stored: Int64) async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("x", ["capacity": value]))
            #expect(try await client.send(.get, "/events/x").json["eventCapacity"] == .integer(stored))
        }
    }

    @Test(
        "What only the strict rules forbid is stored",
        arguments: [
            ("date", #""2025-02-30""#), ("title", #""   ""#), ("title", #""""#),
            ("title", "\"\(String(repeating: "t", count: 5000))\""), ("eventId", #""a b""#), ("eventId", #""a/b""#),
            ("eventId", "\"\(String(repeating: "i", count: 500))\""),
        ]
    )
    func strictRulesNotEnforced(field: String, value: String) async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("x", [field: value]))
            #expect(response.status == .created, "\(response.text)")
        }
    }

    @Test("DynamoDB's own key limits answer 400 with its message, never 500", arguments: [#""""#, "\"\(String(repeating: "k", count: 2049))\""])
    func dynamoKeyLimits(id: String) async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["eventId": id]))
            #expect(response.status == .badRequest)
            #expect(try response.json["detail"]?.string?.contains("eventId") == true || response.text.contains("hashkey"))
        }
    }

    @Test("A body that is not JSON is 422 json_invalid, even over 1 MiB", arguments: [10, 2 << 20])
    func notJSON(size: Int) async throws {
        try await withFastAPI { client in
            let response = try await client.send(.post, "/events", bytes: Array(repeating: UInt8(ascii: "x"), count: size))
            let found = try pydanticIssues(response)
            #expect(found.map(\.type) == ["json_invalid"])
            #expect(found.map(\.loc) == ["body.0"])
        }
    }

    @Test("JSON that is not an object is 422 model_attributes_type; an empty body is 422 missing")
    func notAnObject() async throws {
        try await withFastAPI { client in
            for body in ["[1]", "\"event\"", "42", "null"] {
                let found = try pydanticIssues(try await client.send(.post, "/events", json: body))
                #expect(found.map(\.type) == ["model_attributes_type"], "\(body)")
            }
            let empty = try pydanticIssues(try await client.send(.post, "/events", bytes: []))
            #expect(empty.map(\.type) == ["missing"] && empty.map(\.loc) == ["body"])
        }
    }

    // MARK: - Calls

    @Test("The seed's messages: 201, 404, 405, DELETE; createdAt as Python's isoformat()")
    func messages() async throws {
        try await withFastAPI { client in
            let created = try await client.send(.post, "/events", json: eventJSON("x"))
            #expect(created.status == .created)
            #expect(created.text == #"{"eventId":"x","message":"Event created successfully"}"#)
            let createdAt = try await client.send(.get, "/events/x").json["createdAt"]?.string ?? ""
            #expect(createdAt.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?/) != nil, "\(createdAt)")
            let missing = try await client.send(.get, "/events/nope")
            #expect(missing.status == .notFound && missing.text == #"{"detail":"Event not found"}"#)
            let patch = try await client.send(.patch, "/events/x")
            #expect(patch.status == .methodNotAllowed && patch.text == #"{"detail":"Method Not Allowed"}"#)
            #expect(patch.headers[.allow] == "GET, HEAD")
            let conflict = try await client.send(.post, "/events", json: eventJSON("x"))
            #expect(conflict.status == .conflict && conflict.text == #"{"detail":"Event with ID x already exists"}"#)
            let deleted = try await client.send(.delete, "/events/x")
            #expect(deleted.status == .ok && deleted.text == #"{"message":"Event deleted successfully"}"#)
            let unknown = try await client.send(.get, "/nowhere")
            #expect(unknown.status == .notFound && unknown.text == #"{"detail":"Not Found"}"#)
        }
    }

    @Test("Any string id reads and deletes as it was created, a leading byte order mark and escapes included", arguments: ["\u{FEFF}bom", "café", "100%", "a b"])
    func anyIdRoundTrips(id: String) async throws {
        try await withFastAPI { client in
            let body = eventJSON("x", ["eventId": JSONValue.string(id).serialized()])
            #expect(try await client.send(.post, "/events", json: body).status == .created)
            let path = "/events/" + id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let read = try await client.send(.get, path)
            #expect(read.status == .ok, "\(read.text)")
            #expect(try await client.send(.delete, path).status == .ok)
            #expect(try await client.send(.get, path).status == .notFound)
        }
    }

    @Test("?status= is not validated: an unknown value is 200 with no events, a known one filters")
    func statusFilter() async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("a"))
            try await client.create(eventJSON("c", ["status": #""cancelled""#]))
            let bogus = try await client.send(.get, "/events?status=bogus")
            #expect(bogus.status == .ok && bogus.text == #"{"events":[]}"#)
            #expect(try await client.send(.get, "/events?status=cancelled").json["events"]?.array?.count == 1)
            #expect(try await client.send(.get, "/events?status=").json["events"]?.array?.count == 2)
        }
    }

    @Test("PUT updates the fields given, ignores a body eventId and nulls, and keeps createdAt")
    func partialUpdate() async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("x"))
            let before = try await client.send(.get, "/events/x").json
            let response = try await client.send(.put, "/events/x", json: #"{"eventId": "other", "title": "New", "location": null, "capacity": "600"}"#)
            #expect(response.status == .ok, "\(response.text)")
            let item = try response.json
            #expect(item["eventId"] == .string("x") && item["title"] == .string("New"))
            #expect(item["location"] == before["location"] && item["eventCapacity"] == .integer(600))
            #expect(item["createdAt"] == before["createdAt"] && item["updatedAt"] != nil)
            #expect(try await client.send(.get, "/events/other").status == .notFound)
        }
    }

    @Test("PUT with nothing to update is 400 No fields to update", arguments: ["{}", #"{"eventId": "x"}"#, #"{"title": null}"#])
    func emptyUpdate(body: String) async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("x"))
            let response = try await client.send(.put, "/events/x", json: body)
            #expect(response.status == .badRequest && response.text == #"{"detail":"No fields to update"}"#)
        }
    }

    @Test("PUT validates like the model: a bad value is 422, a missing id 404")
    func updateValidation() async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("x"))
            #expect(try pydanticIssues(try await client.send(.put, "/events/x", json: #"{"capacity": "many"}"#)).map(\.type) == ["int_parsing"])
            #expect(try await client.send(.put, "/events/nope", json: #"{"title": "T"}"#).status == .notFound)
        }
    }

    // MARK: - Routing

    @Test("%2F is decoded before routing: an id with a slash is created and listed but never reachable by id")
    func encodedSlash() async throws {
        try await withFastAPI { client in
            try await client.create(eventJSON("a/b"))
            for method in [HTTPRequest.Method.get, .delete] {
                let response = try await client.send(method, "/events/a%2Fb")
                #expect(response.status == .notFound && response.text == #"{"detail":"Not Found"}"#, "\(method)")
            }
            #expect(try await client.send(.put, "/events/a%2fb", json: #"{"title": "T"}"#).status == .notFound)
            #expect(try await client.send(.get, "/events").json["events"]?[0]?["eventId"] == .string("a/b"))
            try await client.create(eventJSON("a b"))
            #expect(try await client.send(.get, "/events/a%20b").status == .ok)
        }
    }

    @Test("The OpenAPI document is FastAPI's: /events/{event_id}, HTTPValidationError, 422s")
    func document() async throws {
        try await withFastAPI { client in
            let response = try await client.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json
            #expect(document["openapi"] == .string("3.1.0"))
            #expect(document["paths"]?["/events/{event_id}"] != nil && document["paths"]?["/events/{eventId}"] == nil)
            #expect(document["paths"]?["/events"]?["post"]?["responses"]?.keys == ["201", "422"])
            #expect(document["components"]?["schemas"]?.keys == ["Event", "EventUpdate", "HTTPValidationError", "ValidationError"])
            #expect(response.text == EventAPIDocument.json(profile: .fastapi, basePath: ""))
        }
    }

    // MARK: - CORS

    @Test("CORS as Starlette's: only requests with Origin get it, echoed")
    func corsEchoesOrigin() async throws {
        try await withFastAPI { client in
            let plain = try await client.send(.get, "/events")
            #expect(plain.headers[.accessControlAllowOrigin] == nil)
            let withOrigin = try await client.send(.get, "/events/missing", headers: [.origin: "https://a.example"])
            #expect(withOrigin.status == .notFound)
            #expect(withOrigin.headers[.accessControlAllowOrigin] == "https://a.example")
        }
    }

    @Test("A preflight answers 200 with the origin, every method and the requested headers echoed", arguments: ["/events", "/events/x"])
    func preflight(path: String) async throws {
        try await withFastAPI { client in
            let response = try await client.send(
                .options, path,
                headers: [.origin: "https://a.example", .accessControlRequestMethod: "PUT", .accessControlRequestHeaders: "content-type, x-requested-with"])
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == "https://a.example")
            #expect(response.headers[.accessControlAllowMethods] == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
            #expect(response.headers[.accessControlAllowHeaders] == "content-type, x-requested-with")
        }
    }

    @Test("OPTIONS without preflight headers reaches the app: 405")
    func bareOptions() async throws {
        try await withFastAPI { client in
            let response = try await client.send(.options, "/events")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    // MARK: - Races

    @Test("Creates of one id that both read before either writes both win: more than one 201", .timeLimit(.minutes(1)))
    func racingCreates() async throws {
        let configuration = APIConfiguration(port: 0, logLevel: .critical, profile: .fastapi)
        // The store holds every write until two reads have happened, so the race is certain
        // rather than left to how fast a loaded machine opens connections.
        let store = WritesAfterReadsStore(reads: 2)
        let app = try await buildApplication(configuration, store: store)
        try await app.test(.ahc(.http)) { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        try await client.send(.post, "/events", json: eventJSON("contested", ["title": "\"Writer \(index)\""])).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count > 1, "\(statuses.sorted())")
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(try await client.send(.get, "/events").json["events"]?.array?.count == 1)
        }
    }

    @Test("Bad requests are 4xx JSON, never 500")
    func neverServerError() async throws {
        try await withFastAPI { client in
            let bodies = ["{", "[]", "{}", #"{"eventId": {"a": 1}}"#, "\u{0}", #"{"capacity": 1e400}"#, #"{"capacity": 99999999999999999999}"#]
            for body in bodies {
                for (method, path) in [(HTTPRequest.Method.post, "/events"), (.put, "/events/x")] {
                    let response = try await client.send(method, path, json: body)
                    #expect((400..<500).contains(response.status.code), "\(method) \(body) → \(response.status)")
                    #expect(response.headers[.contentType] == "application/json")
                }
            }
        }
    }
}

/// A memory store whose writes wait (at most 5 s) until a number of reads have happened.
private actor WritesAfterReadsStore: EventStore {
    private let store = MemoryEventStore()
    private let reads: Int
    private var readCount = 0

    init(reads: Int) { self.reads = reads }

    func event(id: String) async throws -> Event {
        self.readCount += 1
        return try await self.store.event(id: id)
    }

    func save(_ event: Event) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while self.readCount < self.reads, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(1))
        }
        await self.store.save(event)
    }

    func create(_ event: Event) async throws { try await self.store.create(event) }
    func create(contentsOf events: [Event]) async throws { try await self.store.create(contentsOf: events) }
    func events(status: EventStatus?) async throws -> [Event] { try await self.store.events(status: status) }
    func update(id: String, _ change: @escaping @Sendable (Event) throws -> Event) async throws -> Event {
        try await self.store.update(id: id, change)
    }
    func delete(id: String) async throws { try await self.store.delete(id: id) }
}
