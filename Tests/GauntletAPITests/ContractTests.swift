import GauntletJSON
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// One test per row of the contract's endpoint and error tables, on both stores.
@Suite struct ContractTests {
    @Test("GET /events on an empty store lists nothing", arguments: StoreUnderTest.allCases)
    func listEmpty(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            let response = try await client.send(.get, "/events")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.text == #"{"events":[]}"#)
        }
    }

    @Test("POST /events answers 201 with the id and the seed's message", arguments: StoreUnderTest.allCases)
    func createAnswers201(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            let response = try await client.send(.post, "/events", json: eventJSON("conf-1"))
            #expect(response.status == .created)
            #expect(response.headers[.contentType] == "application/json")
            #expect(try response.json == .object(["eventId": .string("conf-1"), "message": .string("Event created successfully")]))
        }
    }

    @Test("GET /events/{id} returns the item with renamed fields and createdAt", arguments: StoreUnderTest.allCases)
    func getReturnsRenamedItem(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.get, "/events/conf-1")
            #expect(response.status == .ok)
            let item = try response.json
            #expect(item["eventId"] == .string("conf-1"))
            #expect(item["title"] == .string("Tech Conference 2024"))
            #expect(item["description"] == .string("Annual technology conference"))
            #expect(item["eventDate"] == .string("2024-12-15"))
            #expect(item["location"] == .string("San Francisco, CA"))
            #expect(item["eventCapacity"] == .integer(500))
            #expect(item["organizer"] == .string("Tech Events Inc"))
            #expect(item["eventStatus"] == .string("active"))
            #expect(isTimestamp(item["createdAt"]?.string))
            #expect(item["date"] == nil && item["capacity"] == nil && item["status"] == nil)
        }
    }

    @Test("GET /events lists every event sorted by eventId", arguments: StoreUnderTest.allCases)
    func listSortedById(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            for id in ["charlie", "alpha", "bravo"] { try await client.create(eventJSON(id)) }
            let response = try await client.send(.get, "/events")
            let ids = try response.json["events"]?.array?.compactMap { $0["eventId"]?.string }
            #expect(ids == ["alpha", "bravo", "charlie"])
        }
    }

    @Test("GET /events?status=S lists only events with that status", arguments: StoreUnderTest.allCases)
    func filterByStatus(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            try await client.create(eventJSON("a", ["status": "\"active\""]))
            try await client.create(eventJSON("c1", ["status": "\"cancelled\""]))
            try await client.create(eventJSON("c2", ["status": "\"cancelled\""]))
            try await client.create(eventJSON("d", ["status": "\"completed\""]))
            for (status, expected) in [("active", ["a"]), ("cancelled", ["c1", "c2"]), ("completed", ["d"])] {
                let response = try await client.send(.get, "/events?status=\(status)")
                #expect(response.status == .ok)
                #expect(try response.json["events"]?.array?.compactMap { $0["eventId"]?.string } == expected)
            }
        }
    }

    @Test("GET /events?status= with an unknown value is a 400", arguments: ["bogus", "", "ACTIVE"])
    func badFilterIs400(_ value: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/events?status=\(value)")
            expectDetailError(response, .badRequest)
            let detail = try response.json["detail"]?[0]
            #expect(detail?["loc"] == .array([.string("query"), .string("status")]))
            #expect(detail?["type"] == .string("enum"))
        }
    }

    @Test("PUT is a partial update returning the whole item; createdAt never changes", arguments: StoreUnderTest.allCases)
    func partialUpdate(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            try await client.create(eventJSON("conf-1"))
            let before = try await client.send(.get, "/events/conf-1").json
            let response = try await client.send(.put, "/events/conf-1", json: #"{"capacity": 750, "status": "completed"}"#)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let item = try response.json
            #expect(item["eventCapacity"] == .integer(750))
            #expect(item["eventStatus"] == .string("completed"))
            #expect(item["title"] == before["title"])
            #expect(item["eventDate"] == before["eventDate"])
            #expect(item["createdAt"] == before["createdAt"])
            #expect(isTimestamp(item["updatedAt"]?.string))
            let stored = try await client.send(.get, "/events/conf-1").json
            #expect(stored == item)
        }
    }

    @Test("PUT accepts a body eventId equal to the path")
    func updateWithMatchingId() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.put, "/events/conf-1", json: #"{"eventId": "conf-1", "title": "New"}"#)
            #expect(response.status == .ok)
            #expect(try response.json["title"] == .string("New"))
        }
    }

    @Test(
        "PUT validates each field as on create",
        arguments: [
            (#"{"date": "2024-13-01"}"#, "date"), (#"{"capacity": "500"}"#, "capacity"), (#"{"capacity": 0}"#, "capacity"),
            (#"{"status": "bogus"}"#, "status"), (#"{"title": ""}"#, "title"), (#"{"title": null}"#, "title"),
        ]
    )
    func updateValidates(_ body: String, field: String) async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.put, "/events/conf-1", json: body)
            expectDetailError(response, .badRequest)
            #expect(try issues(response).map(\.field) == [field])
        }
    }

    @Test("PUT with no updatable field is a 400", arguments: ["{}", #"{"eventId": "conf-1"}"#, #"{"unknown": 1}"#])
    func emptyUpdateIs400(_ body: String) async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.put, "/events/conf-1", json: body)
            expectDetailError(response, .badRequest)
        }
    }

    @Test("PUT with a body eventId different from the path is a 400")
    func mismatchedIdIs400() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.put, "/events/conf-1", json: #"{"eventId": "other", "title": "X"}"#)
            expectDetailError(response, .badRequest)
            #expect(try issues(response).map(\.field) == ["eventId"])
            #expect(try await client.send(.get, "/events/conf-1").json["title"] == .string("Tech Conference 2024"))
        }
    }

    @Test("DELETE answers 200 with the seed's message and the event is gone", arguments: StoreUnderTest.allCases)
    func deleteRemoves(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.delete, "/events/conf-1")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(try response.json == .object(["message": .string("Event deleted successfully")]))
            expectDetailError(try await client.send(.get, "/events/conf-1"), .notFound)
            #expect(try await client.send(.get, "/events").text == #"{"events":[]}"#)
        }
    }

    @Test("GET, PUT and DELETE of a missing id are 404 with detail", arguments: StoreUnderTest.allCases)
    func missingIdIs404(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            for (method, body) in [(HTTPRequest.Method.get, nil), (.put, #"{"title": "X"}"#), (.delete, nil)] as [(HTTPRequest.Method, String?)] {
                let response = try await client.send(method, "/events/missing", json: body)
                expectDetailError(response, .notFound)
                #expect(try response.json["detail"] == .string("Event not found"))
            }
        }
    }

    @Test("POST of an existing id is a 409 and keeps the original", arguments: StoreUnderTest.allCases)
    func duplicateIs409(_ store: StoreUnderTest) async throws {
        try await withAPI(store) { client in
            try await client.create(eventJSON("conf-1"))
            let response = try await client.send(.post, "/events", json: eventJSON("conf-1", ["title": "\"Other\""]))
            expectDetailError(response, .conflict)
            #expect(try await client.send(.get, "/events/conf-1").json["title"] == .string("Tech Conference 2024"))
        }
    }

    @Test("Unknown request fields are ignored")
    func unknownFieldsIgnored() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1", ["extra": "{\"nested\": [1, 2]}", "tags": "[\"a\"]"]))
            let item = try await client.send(.get, "/events/conf-1").json
            #expect(item["extra"] == nil && item["tags"] == nil)
        }
    }

    @Test("Every missing required field is listed")
    func everyMissingFieldListed() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", json: "{}")
            expectDetailError(response, .badRequest)
            let found = try issues(response)
            #expect(found.map(\.field) == ["eventId", "title", "description", "date", "location", "capacity", "organizer", "status"])
            #expect(found.allSatisfy { $0.type == "missing" })
        }
    }

    @Test(
        "Strict field rules reject bad values, naming the field",
        arguments: [
            ("title", #""""#, "string_too_short"), ("title", #""   ""#, "string_too_short"),
            ("title", "null", "string_type"), ("title", "42", "string_type"),
            ("title", "\"\(String(repeating: "t", count: 201))\"", "string_too_long"),
            ("location", "\"\(String(repeating: "l", count: 201))\"", "string_too_long"),
            ("organizer", "\"\(String(repeating: "o", count: 201))\"", "string_too_long"),
            ("description", "\"\(String(repeating: "d", count: 2001))\"", "string_too_long"),
            ("description", #""\t\n""#, "string_too_short"), ("title", #""\u00a0\u3000\ufeff""#, "string_too_short"),
            ("eventId", #""a b""#, "string_pattern_mismatch"), ("eventId", #""é""#, "string_pattern_mismatch"),
            ("eventId", "\"\(String(repeating: "i", count: 129))\"", "string_pattern_mismatch"),
            ("eventId", "7", "string_type"), ("eventId", #""""#, "string_too_short"),
            ("date", #""2024/12/15""#, "string_pattern_mismatch"), ("date", #""15-12-2024""#, "string_pattern_mismatch"),
            ("date", #""2024-12-15T10:00:00""#, "string_pattern_mismatch"), ("date", #""2024-02-30""#, "value_error"),
            ("date", #""2023-02-29""#, "value_error"), ("date", #""2024-13-01""#, "value_error"),
            ("date", #""2024-00-10""#, "value_error"), ("date", #""0000-01-01""#, "value_error"),
            ("date", #""2025-6-1""#, "string_pattern_mismatch"), ("date", #""20250601""#, "string_pattern_mismatch"),
            ("date", #""2025-06-1""#, "string_pattern_mismatch"), ("date", #""25-06-01""#, "string_pattern_mismatch"),
            ("capacity", #""500""#, "int_type"), ("capacity", "500.5", "int_from_float"), ("capacity", "0.5", "int_from_float"),
            ("capacity", "true", "int_type"), ("capacity", "null", "int_type"), ("capacity", "[500]", "int_type"),
            ("capacity", "0", "greater_than"), ("capacity", "-5", "greater_than"),
            ("capacity", "99999999999999999999", "int_type"),
            ("status", #""bogus""#, "enum"), ("status", #""Active""#, "enum"), ("status", "null", "string_type"),
        ]
    )
    func strictRulesReject(field: String, value: String, type: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("conf-1", [field: value]))
            expectDetailError(response, .badRequest)
            let found = try issues(response)
            #expect(found.map(\.field) == [field])
            #expect(found.map(\.type) == [type])
        }
    }

    @Test(
        "Boundary values are accepted",
        arguments: [
            ("title", "\"\(String(repeating: "t", count: 200))\""),
            ("description", "\"\(String(repeating: "d", count: 2000))\""),
            ("eventId", "\"\(String(repeating: "i", count: 128))\""), ("eventId", #""A-z_0.9:x""#),
            ("date", #""2024-02-29""#), ("date", #""2000-02-29""#), ("capacity", "1"),
            ("capacity", "9223372036854775807"), ("status", #""cancelled""#), ("status", #""completed""#),
            ("title", #""Café ☕ \"quoted\" \\ \u00e9""#), ("capacity", "500.0"), ("capacity", "5e2"),
            // Not whitespace to JSON Schema's \S, though Swift's isWhitespace says so.
            ("location", #""\u0085""#), ("title", #""\u001c""#),
        ]
    )
    func boundaryValuesAccepted(field: String, value: String) async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", json: eventJSON("conf-1", [field: value]))
            #expect(response.status == .created, "\(response.text)")
        }
    }

    @Test("A capacity with a zero fraction is the integer it names", arguments: [("500.0", 500), ("5e2", 500), ("180508.0", 180_508)] as [(String, Int64)])
    func zeroFractionCapacity(value: String, stored: Int64) async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1", ["capacity": value]))
            #expect(try await client.send(.get, "/events/conf-1").json["eventCapacity"] == .integer(stored))
            let updated = try await client.send(.put, "/events/conf-1", json: #"{"capacity": 600.0}"#)
            #expect(try updated.json["eventCapacity"] == .integer(600))
        }
    }

    @Test("Text round-trips exactly, escapes included")
    func textRoundTrips() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1", ["title": #""Café ☕ \"q\" \\ \n end""#]))
            #expect(try await client.send(.get, "/events/conf-1").json["title"] == .string("Café ☕ \"q\" \\ \n end"))
        }
    }

    @Test(
        "A method a path does not serve is a 405 with Allow",
        arguments: [
            (HTTPRequest.Method.patch, "/events", "GET, HEAD, POST, OPTIONS"), (.delete, "/events", "GET, HEAD, POST, OPTIONS"),
            (.put, "/events", "GET, HEAD, POST, OPTIONS"), (.patch, "/events/x", "GET, HEAD, PUT, DELETE, OPTIONS"),
            (.post, "/events/x", "GET, HEAD, PUT, DELETE, OPTIONS"), (.post, "/health", "GET, HEAD, OPTIONS"),
        ]
    )
    func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allow: String) async throws {
        try await withAPI { client in
            let response = try await client.send(method, path)
            expectDetailError(response, .methodNotAllowed)
            #expect(response.headers[.allow] == allow)
        }
    }

    @Test("An unknown path is a JSON 404 with CORS", arguments: ["/nope", "/events/a/b", "/", "/event"])
    func unknownPathIs404(_ path: String) async throws {
        try await withAPI { client in
            expectDetailError(try await client.send(.get, path), .notFound)
        }
    }

    @Test("HEAD works where GET does")
    func headWorks() async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            #expect(try await client.send(.head, "/events/conf-1").status == .ok)
            #expect(try await client.send(.head, "/events").status == .ok)
        }
    }
}
