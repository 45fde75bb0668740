import Foundation
import GauntletFuzz
import Hummingbird
import HummingbirdTesting
import Testing

/// A deployment nobody here wrote, with an OpenAPI 3.0 document: server-made ids, a parameter
/// named `item_id` for a body field `id`, a `nullable` field, a required response header. It
/// answers 201 to a create, then forgets the item and never sends the header.
@Suite(.timeLimit(.minutes(1))) struct ForgetfulDeploymentTests {
    static let document = #"""
        {
          "openapi": "3.0.3",
          "info": {"title": "Items", "version": "1"},
          "paths": {
            "/items": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewItem"}}}},
                "responses": {
                  "201": {
                    "description": "Created",
                    "headers": {"X-Request-Id": {"required": true, "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}
                  },
                  "400": {"description": "Invalid"}
                }
              }
            },
            "/items/{item_id}": {
              "get": {
                "parameters": [{"name": "item_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                  "200": {"description": "The item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                  "404": {"description": "Not found"}
                }
              }
            }
          },
          "components": {
            "schemas": {
              "NewItem": {
                "type": "object", "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 20}, "note": {"type": "string", "nullable": true}}
              },
              "Item": {
                "type": "object", "required": ["id", "name"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "note": {"type": "string", "nullable": true}}
              }
            }
          }
        }
        """#

    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("openapi.json") { _, _ in Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: document))) }
        router.post("items") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            guard let object = try? JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any],
                let name = object["name"] as? String, !name.isEmpty, name.count <= 20, object["note"] == nil || object["note"] is String || object["note"] is NSNull
            else { return Response(status: .badRequest) }
            let item = #"{"id": "\#(UUID().uuidString)", "name": "x", "note": null}"#
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: item)))
        }
        router.get("items/:id") { _, _ in Response(status: .notFound) }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("A created item that cannot be read back, and a required header never sent, are found; its 3.0 nulls are valid")
    func forgetfulDeployment() async throws {
        try await Self.application().test(.live) { client in
            let baseURL = "http://127.0.0.1:\(client.port ?? 0)"
            let document = try APIDocument(bytes: Array(Self.document.utf8), source: "items.json")
            #expect(document.declaredVersion == "3.0.3")
            let settings = FuzzSettings(baseURL: baseURL, seed: 1, maxExamples: 5, runID: "forget")
            let result = await Fuzzer(document: document, settings: settings).run()
            let found = Set(result.findings.map(\.key))
            #expect(found.contains("ensure_resource_availability GET /items/{item_id} 404"))
            #expect(found.contains("response_headers_conformance POST /items 201"))
            // "note": null is valid once the 3.0 document's nullable is read as 3.1's null type.
            #expect(!result.findings.contains { $0.check == .responseSchemaConformance })
            // Forgotten, or stored where no read finds it (a deployment whose reads answer 404 for
            // everything): a 404 from such reads shows nothing gone, so nothing is called gone.
            #expect(!result.leftBehind.isEmpty)
            #expect(result.leftBehind.allSatisfy {
                $0.hasSuffix(" (unverified: the read answered 404, but no read of an item the run created there answered 2xx, so it does not show it gone)")
            }, "\(result.leftBehind)")
        }
    }
}
