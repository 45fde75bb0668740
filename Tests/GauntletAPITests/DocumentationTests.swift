import Foundation
import GauntletJSON
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// `/openapi.json`, `/docs`, `/redoc`, `/health` and the stage prefix.
@Suite struct DocumentationTests {
    @Test("The OpenAPI document is valid JSON, version 3.1, with the contract's schemas")
    func documentShape() throws {
        let document = try JSONValue(parsing: EventAPIDocument.json)
        #expect(document["openapi"] == .string("3.1.0"))
        let schemas = try #require(document["components"]?["schemas"]?.keys)
        for name in ["EventCreate", "EventUpdate", "Event", "EventList", "CreateResult", "DeleteResult", "HTTPError", "ValidationError"] {
            #expect(schemas.contains(name), "missing schema \(name)")
        }
        let required = document["components"]?["schemas"]?["Event"]?["required"]?.array?.compactMap(\.string)
        #expect(
            required == ["eventId", "title", "description", "eventDate", "location", "eventCapacity", "organizer", "eventStatus", "createdAt"]
        )
        #expect(document["components"]?["schemas"]?["Event"]?["additionalProperties"] == .bool(true))
        let post = document["paths"]?["/events"]?["post"]?["responses"]?.keys
        #expect(post == ["201", "400", "409", "413", "415", "500"])
        let put = document["paths"]?["/events/{eventId}"]?["put"]?["responses"]?.keys
        #expect(put == ["200", "400", "404", "413", "415", "500"])
        let capacity = document["components"]?["schemas"]?["EventCreate"]?["properties"]?["capacity"]
        #expect(capacity?["type"] == .string("integer") && capacity?["minimum"] == .integer(1))
        let eventId = document["components"]?["schemas"]?["EventCreate"]?["properties"]?["eventId"]
        #expect(eventId?["pattern"] == .string("^[A-Za-z0-9._:-]{1,128}$"))
    }

    @Test("The document is the same bytes every time, and names the stage prefix as its server")
    func documentDeterministic() throws {
        #expect(EventAPIDocument.json == EventAPIDocument.json)
        #expect(try JSONValue(parsing: EventAPIDocument.json)["servers"]?[0]?["url"] == .string("/"))
        #expect(try JSONValue(parsing: EventAPIDocument.json(basePath: "/prod"))["servers"]?[0]?["url"] == .string("/prod"))
    }

    @Test("/openapi.json serves the document as JSON")
    func servesDocument() async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.text == EventAPIDocument.json)
        }
    }

    @Test("/openapi.json serves exactly the bytes of the suite's Scenarios/contract/openapi.json")
    func servesTheSuitesDocument() async throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try Data(contentsOf: packageRoot.appendingPathComponent("Scenarios/contract/openapi.json"))
        try await withAPI { client in
            let served = Data(try await client.send(.get, "/openapi.json").body.readableBytesView)
            #expect(
                served == file,
                "the served document and Scenarios/contract/openapi.json differ: edit EventAPIDocument+Text.swift, then run `swift run events-api --print-openapi > Scenarios/contract/openapi.json`"
            )
        }
    }

    @Test("The document lists no OPTIONS operations and forbids eventId in an update's schema")
    func documentLeavesPreflightOutAndForbidsUpdateId() throws {
        let document = try JSONValue(parsing: EventAPIDocument.json)
        for path in ["/events", "/events/{eventId}"] {
            #expect(document["paths"]?[path]?["options"] == nil, "\(path)")
        }
        let update = document["components"]?["schemas"]?["EventUpdate"]
        #expect(update?["properties"]?["eventId"] == .bool(false))
        #expect(update?["description"]?.string?.contains("equal to the eventId in the path") == true)
    }

    @Test("/docs is Swagger UI and /redoc is ReDoc, both reading /openapi.json")
    func servesPages() async throws {
        try await withAPI { client in
            let docs = try await client.send(.get, "/docs")
            #expect(docs.status == .ok)
            #expect(docs.headers[.contentType] == "text/html; charset=utf-8")
            #expect(docs.text.contains("swagger-ui-bundle.js") && docs.text.contains("url: '/openapi.json'"))
            let redoc = try await client.send(.get, "/redoc")
            #expect(redoc.status == .ok)
            #expect(redoc.text.contains("redoc.standalone.js") && redoc.text.contains(#"spec-url="/openapi.json""#))
        }
    }

    @Test("/health answers ok")
    func health() async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/health")
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test("With a stage prefix everything, docs included, is served under it", arguments: ["/prod", "prod/"])
    func stagePrefix(_ basePath: String) async throws {
        try await withAPI(basePath: basePath) { client in
            let created = try await client.send(.post, "/prod/events", json: eventJSON("conf-1"))
            #expect(created.status == .created)
            #expect(try await client.send(.get, "/prod/events/conf-1").status == .ok)
            #expect(try await client.send(.delete, "/prod/events/conf-1").status == .ok)
            #expect(try await client.send(.get, "/prod/health").status == .ok)
            #expect(try await client.send(.get, "/prod/docs").text.contains("url: '/prod/openapi.json'"))
            #expect(try await client.send(.get, "/prod/openapi.json").text == EventAPIDocument.json(basePath: "/prod"))
            #expect(try await client.send(.options, "/prod/events").status == .noContent)
            expectDetailError(try await client.send(.patch, "/prod/events"), .methodNotAllowed)
            expectDetailError(try await client.send(.get, "/events"), .notFound)
        }
    }
}
