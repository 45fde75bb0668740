import Foundation
import GauntletFuzz
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A list filter whose schema puts its `enum` inside `anyOf` (FastAPI's `Optional[Status]`,
/// inline or through `$ref`) is still checked: a deployment that ignores it is found, one that
/// filters is not.
@Suite(.timeLimit(.minutes(1))) struct FilterInAnyOfTests {
    /// The two ways FastAPI renders an optional enum query parameter.
    static let filterSchemas = [
        #"{"anyOf": [{"enum": ["active", "cancelled", "completed"], "type": "string"}, {"type": "null"}], "title": "Status"}"#,
        ##"{"anyOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}], "title": "Status"}"##,
    ]

    static func document(filter: String) -> String {
        #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Items", "version": "1"},
          "paths": {
            "/items": {
              "get": {
                "parameters": [{"name": "status", "in": "query", "required": false, "schema": \#(filter)}],
                "responses": {"200": {"description": "The items", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}}}
              },
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}, "422": {"description": "Invalid"}}
              }
            },
            "/items/{id}": {
              "get": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}, "404": {"description": "Not found"}}
              },
              "delete": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"204": {"description": "Deleted"}, "404": {"description": "Not found"}}
              }
            }
          },
          "components": {
            "schemas": {
              "Status": {"enum": ["active", "cancelled", "completed"], "type": "string", "title": "Status"},
              "Item": {
                "type": "object", "required": ["id", "status"], "additionalProperties": false,
                "properties": {"id": {"type": "string", "minLength": 1, "maxLength": 64}, "status": {"$ref": "#/components/schemas/Status"}}
              }
            }
          }
        }
        """#
    }

    static func json(_ id: String, _ status: String) -> String { #"{"id": "\#(id)", "status": "\#(status)"}"# }

    /// An in-memory store of `{id, status}` items; `filters: false` lists every item whatever
    /// `?status=` says.
    static func application(filters: Bool) -> some ApplicationProtocol {
        let items = Mutex<[String: String]>([:])
        let statuses: Set = ["active", "cancelled", "completed"]
        let router = Router()
        router.post("items") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            guard let object = try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any], object.count == 2,
                let id = object["id"] as? String, !id.isEmpty, id.count <= 64, let status = object["status"] as? String, statuses.contains(status)
            else { return Response(status: .unprocessableContent) }
            items.withLock { $0[id] = status }
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: Self.json(id, status))))
        }
        router.get("items") { request, _ -> Response in
            let wanted = request.uri.queryParameters.get("status")
            if let wanted, !statuses.contains(wanted) { return Response(status: .unprocessableContent) }
            let listed = items.withLock { $0 }.filter { !filters || wanted == nil || $0.value == wanted }.sorted { $0.key < $1.key }
            let body = "[" + listed.map { Self.json($0.key, $0.value) }.joined(separator: ", ") + "]"
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("items/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let status = items.withLock({ $0[id] }) else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: Self.json(id, status))))
        }
        router.delete("items/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return items.withLock { $0.removeValue(forKey: id) } == nil ? Response(status: .notFound) : Response(status: .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func run(filter: String, filters: Bool) async throws -> FuzzResult {
        let document = try APIDocument(bytes: Array(Self.document(filter: filter).utf8), source: "items.json")
        return try await Self.application(filters: filters).test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 3, checks: [.filterMatchesItems], runID: "anyof")
            return await Fuzzer(document: document, settings: settings).run()
        }
    }

    @Test("A deployment that ignores a filter whose enum is inside anyOf is found", arguments: filterSchemas)
    func ignoredFilterIsFound(filter: String) async throws {
        let result = try await Self.run(filter: filter, filters: false)
        #expect(result.findings.map(\.key) == ["filter_matches_items GET /items 200"], "\(result.findings.map(\.message))")
        #expect(result.leftBehind == [])
    }

    @Test("A deployment that applies a filter whose enum is inside anyOf passes the check", arguments: filterSchemas)
    func appliedFilterPasses(filter: String) async throws {
        let result = try await Self.run(filter: filter, filters: true)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let tally = result.tallies[.filterMatchesItems]?["GET /items"]
        #expect(tally?.passed ?? 0 > 0, "the filter check did not run")
    }
}
