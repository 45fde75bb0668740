import Foundation
import GauntletFuzz
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A deployment that makes its own ids, base64 ones holding `/` and `+`: each is one path
/// segment, sent `%2F`, so the run reads, writes and deletes the item its create made.
@Suite(.timeLimit(.minutes(1))) struct SlashInIDsTests {
    /// Notes by id, and every id a create was answered with.
    final class Deployment: Sendable {
        let notes = Mutex<[String: String]>([:])
        let made = Mutex<[String]>([])
    }

    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Notes", "version": "1"},
          "paths": {
            "/notes": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/New"}}}},
                "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}},
                              "422": {"description": "Invalid"}}
              }
            },
            "/notes/{noteId}": {
              "parameters": [{"name": "noteId", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {"responses": {"200": {"description": "The note", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}},
                                    "404": {"description": "Not found"}}},
              "delete": {"responses": {"204": {"description": "Deleted"}, "404": {"description": "Not found"}}}
            }
          },
          "components": {"schemas": {
            "New": {"type": "object", "additionalProperties": false, "required": ["text"],
                    "properties": {"text": {"type": "string", "minLength": 8, "maxLength": 30}}},
            "Note": {"type": "object", "required": ["noteId", "text"],
                     "properties": {"noteId": {"type": "string"}, "text": {"type": "string"}}}
          }}
        }
        """#

    /// The id in `request`'s last path segment, percent-decoded.
    static func id(_ request: Request) -> String {
        let segment = request.uri.path.split(separator: "/").last.map(String.init) ?? ""
        return segment.removingPercentEncoding ?? segment
    }

    static func note(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Stores each valid create under a base64 id of its own (`…/…+…=`), reads and deletes by it.
    static func application(_ deployment: Deployment) -> some ApplicationProtocol {
        let router = Router()
        router.post("notes") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            guard case .object(let body)? = try? JSONValue(parsing: Array(buffer: bytes)), body.count == 1,
                case .string(let text)? = body["text"], (8...30).contains(text.count)
            else { return Response(status: .unprocessableContent) }
            let id = Data(UUID().uuidString.utf8.prefix(12)).base64EncodedString().replacingOccurrences(of: "M", with: "/")
                + "/" + String(deployment.made.withLock { $0.count }) + "+="
            let note = JSONValue.object(["noteId": .string(id), "text": .string(text)]).serialized()
            deployment.notes.withLock { $0[id] = note }
            deployment.made.withLock { $0.append(id) }
            return Self.note(.created, note)
        }
        router.get("notes/:id") { request, _ -> Response in
            guard let note = deployment.notes.withLock({ $0[Self.id(request)] }) else { return Response(status: .notFound) }
            return Self.note(.ok, note)
        }
        router.delete("notes/:id") { request, _ -> Response in
            Response(status: deployment.notes.withLock { $0.removeValue(forKey: Self.id(request)) } == nil ? .notFound : .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("Ids holding `/` are one segment each: every note is read back and deleted, and no item check finds anything")
    func idsHoldingSlashesAreOneSegment() async throws {
        let deployment = Deployment()
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "notes.json")
        let result = try await Self.application(deployment).test(.live) { client in
            let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5, timeLimit: .seconds(40), runID: "slash")
            return await Fuzzer(document: document, settings: settings).run()
        }
        #expect(deployment.made.withLock { $0.count } >= 3, "the run made notes")
        #expect(deployment.made.withLock { $0 }.allSatisfy { $0.contains("/") })
        // What the stub's router answers on its own (404 for a method, 413) is no matter here.
        let aboutItems = result.findings.filter { $0.check != .unsupportedMethod && $0.status != 413 }
        #expect(aboutItems.map(\.key) == [])
        #expect(result.cases > 20)
        #expect(result.leftBehind == [])
        #expect(deployment.notes.withLock { $0 }.isEmpty, "the cleanup deleted every note")
    }
}
