import Foundation
import GauntletFuzz
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A deployment that stores and deletes, and whose reads answer 404 for everything: a 404 from
/// such a read shows no item gone, so the cleanup calls none gone. Each item is listed
/// unverified, with why, never summed up as "nothing left behind".
@Suite(.timeLimit(.minutes(1))) struct UnreadableDeploymentTests {
    /// Things by id, every id it stored under, and the deletes it got.
    final class Deployment: Sendable {
        let things = Mutex<[String: String]>([:])
        let made = Mutex<Set<String>>([])
        let deletes = Mutex<[String]>([])
        /// Whether a create is stored under the `thingId` it names, or under an id of its own.
        let idsFromClient: Bool

        init(idsFromClient: Bool) { self.idsFromClient = idsFromClient }
    }

    static func document(idsFromClient: Bool) -> String {
        let required = idsFromClient ? #"["thingId", "name"]"# : #"["name"]"#
        return #"""
            {
              "openapi": "3.1.0",
              "info": {"title": "Things", "version": "1"},
              "paths": {
                "/things": {
                  "post": {
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/New"}}}},
                    "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                                  "422": {"description": "Invalid"}}
                  }
                },
                "/things/{thingId}": {
                  "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "string"}}],
                  "get": {"responses": {"200": {"description": "The thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                                        "404": {"description": "Not found"}}},
                  "delete": {"responses": {"204": {"description": "Deleted"}, "404": {"description": "Not found"}}}
                }
              },
              "components": {"schemas": {
                "New": {"type": "object", "additionalProperties": false, "required": \#(required),
                        "properties": {"thingId": {"type": "string", "pattern": "^[A-Za-z0-9-]{1,40}$"}, "name": {"type": "string", "minLength": 1, "maxLength": 20}}},
                "Thing": {"type": "object", "required": ["thingId", "name"],
                          "properties": {"thingId": {"type": "string"}, "name": {"type": "string"}}}
              }}
            }
            """#
    }

    /// Stores each valid create, deletes what it is asked to, and answers every read 404.
    static func application(_ deployment: Deployment) -> some ApplicationProtocol {
        let router = Router()
        router.post("things") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            guard case .object(let body)? = try? JSONValue(parsing: Array(buffer: bytes)),
                case .string(let name)? = body["name"], (1...20).contains(name.count)
            else { return Response(status: .unprocessableContent) }
            let id: String
            if deployment.idsFromClient {
                guard case .string(let sent)? = body["thingId"], !sent.isEmpty, sent.count <= 40,
                    sent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
                else { return Response(status: .unprocessableContent) }
                id = sent
            } else {
                id = UUID().uuidString.lowercased()
            }
            let thing = JSONValue.object(["thingId": .string(id), "name": .string(name)]).serialized()
            deployment.things.withLock { $0[id] = thing }
            deployment.made.withLock { _ = $0.insert(id) }
            return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: thing)))
        }
        router.get("things/:id") { _, _ in Response(status: .notFound) }
        router.delete("things/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            deployment.deletes.withLock { $0.append(id) }
            return Response(status: deployment.things.withLock { $0.removeValue(forKey: id) } == nil ? .notFound : .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("Reads that answer 404 for everything show nothing gone: each item the run made is listed unverified",
          arguments: [true, false])
    func unreadableItemsAreListedUnverified(idsFromClient: Bool) async throws {
        let deployment = Deployment(idsFromClient: idsFromClient)
        let document = try APIDocument(bytes: Array(Self.document(idsFromClient: idsFromClient).utf8), source: "things.json")
        let result = try await Self.application(deployment).test(.live) { client in
            let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5, timeLimit: .seconds(40), runID: "unread")
            return await Fuzzer(document: document, settings: settings).run()
        }
        let made = deployment.made.withLock { $0 }
        #expect(made.count >= 3, "the run made things")
        let why = "(unverified: the read answered 404, but no read of an item the run created there answered 2xx, so it does not show it gone)"
        #expect(!result.leftBehind.isEmpty)
        #expect(result.leftBehind.allSatisfy { $0.hasSuffix(why) }, "\(result.leftBehind)")
        // Every item still stored is among them: none is called gone.
        let listed = Set(result.leftBehind.map { String($0.prefix { $0 != " " }) })
        #expect(deployment.things.withLock { Set($0.keys) }.allSatisfy { listed.contains("/things/\($0)") })
        if !idsFromClient {
            // Ids only the creates' answers named, and no read to show the items the run's: none deleted.
            #expect(made.isDisjoint(with: deployment.deletes.withLock { $0 }))
        }
    }
}
