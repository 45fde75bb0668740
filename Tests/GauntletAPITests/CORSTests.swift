import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// Every response carries `Access-Control-Allow-Origin: *`; preflights answer 204.
@Suite struct CORSTests {
    /// Requests that between them produce every kind of response.
    static let requests: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/events", nil), (.get, "/events/conf-1", nil), (.get, "/events/missing", nil),
        (.post, "/events", #"{"eventId": "x"}"#), (.post, "/events", "not json"), (.post, "/events", "{\"eventId\":\"conf-1\"}"),
        (.put, "/events/conf-1", #"{"title": "T"}"#), (.delete, "/events/missing", nil), (.patch, "/events", nil),
        (.get, "/unknown", nil), (.get, "/events?status=bogus", nil), (.get, "/openapi.json", nil), (.get, "/health", nil),
        (.get, "/docs", nil),
    ]

    @Test("Every response carries Allow-Origin *, with or without Origin", arguments: [nil, "https://app.example.com"] as [String?])
    func everyResponseHasAllowOrigin(origin: String?) async throws {
        try await withAPI { client in
            try await client.create(eventJSON("conf-1"))
            var headers = HTTPFields()
            if let origin { headers[.origin] = origin }
            for (method, path, body) in Self.requests {
                let response = try await client.send(method, path, json: body, headers: headers)
                #expect(response.headers[.accessControlAllowOrigin] == "*", "\(method) \(path) → \(response.status)")
            }
        }
    }

    @Test("A 413 carries Allow-Origin *")
    func payloadTooLargeHasAllowOrigin() async throws {
        try await withAPI { client in
            let response = try await client.send(.post, "/events", bytes: Array(repeating: UInt8(ascii: " "), count: 2 << 20))
            expectDetailError(response, .contentTooLarge)
        }
    }

    @Test("Preflight answers 204 with methods, requested headers and max age", arguments: ["/events", "/events/conf-1"])
    func preflight(_ path: String) async throws {
        try await withAPI { client in
            let response = try await client.send(
                .options,
                path,
                headers: [
                    .origin: "https://app.example.com", .accessControlRequestMethod: "PUT",
                    .accessControlRequestHeaders: "X-Api-Key, authorization, content-type",
                ]
            )
            #expect(response.status == .noContent)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.accessControlAllowMethods] == "GET, POST, PUT, DELETE, OPTIONS")
            #expect(response.headers[.accessControlAllowHeaders] == "Content-Type, X-Api-Key, authorization")
            #expect(response.headers[.accessControlMaxAge] == "600")
        }
    }

    @Test("Preflight without Origin or request headers still answers 204 with Content-Type allowed")
    func bareOptions() async throws {
        try await withAPI { client in
            let response = try await client.send(.options, "/events")
            #expect(response.status == .noContent)
            #expect(response.headers[.accessControlAllowHeaders] == "Content-Type")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
        }
    }

    @Test("OPTIONS on an unknown path is a JSON 404")
    func optionsUnknownPath() async throws {
        try await withAPI { client in
            expectDetailError(try await client.send(.options, "/nowhere"), .notFound)
        }
    }
}
