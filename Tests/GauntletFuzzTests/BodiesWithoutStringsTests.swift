import Foundation
import GauntletCLI
import GauntletHTTP
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import GauntletFuzz

/// Creates whose bodies hold no string (`{"count": 4, "enabled": false}`) cannot show by their
/// values whose an item is: any item may hold a `4` and a `false`. What a deployment names by ids
/// of its own is then listed as not deleted, with why; another team's item is never deleted.
@Suite(.timeLimit(.minutes(1))) struct BodiesWithoutStringsTests {
    /// Counters by id, and the deletes the deployment got.
    final class Deployment: Sendable {
        let counters: Mutex<[String: String]>
        let deletes = Mutex<[String]>([])
        /// The id every create is answered with, when the deployment answers one id for all.
        let answered: String?

        init(counters: [String: String] = [:], answered: String? = nil) {
            self.counters = Mutex(counters)
            self.answered = answered
        }
    }

    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Counters", "version": "1"},
          "paths": {
            "/counters": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/New"}}}},
                "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Counter"}}}},
                              "422": {"description": "Invalid"}}
              }
            },
            "/counters/{counterId}": {
              "parameters": [{"name": "counterId", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {"responses": {"200": {"description": "The counter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Counter"}}}},
                                    "404": {"description": "Not found"}}},
              "delete": {"responses": {"204": {"description": "Deleted"}, "404": {"description": "Not found"}}}
            }
          },
          "components": {"schemas": {
            "New": {"type": "object", "additionalProperties": false, "required": ["count", "enabled"],
                    "properties": {"count": {"type": "integer", "minimum": 0, "maximum": 3}, "enabled": {"type": "boolean"}}},
            "Counter": {"type": "object", "required": ["counterId", "count", "enabled"],
                        "properties": {"counterId": {"type": "string"}, "count": {"type": "integer"}, "enabled": {"type": "boolean"}}}
          }}
        }
        """#

    /// Stores each valid create under a new UUID, and answers that id (or `deployment.answered`).
    static func application(_ deployment: Deployment) -> some ApplicationProtocol {
        let router = Router()
        router.post("counters") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            guard case .object(let body)? = try? JSONValue(parsing: Array(buffer: bytes)), body.count == 2,
                case .integer(let count)? = body["count"], (0...3).contains(count), case .bool(let enabled)? = body["enabled"]
            else { return Response(status: .unprocessableContent) }
            let id = UUID().uuidString.lowercased()
            deployment.counters.withLock { $0[id] = #"{"count": \#(count), "enabled": \#(enabled)}"# }
            return json(.created, id: deployment.answered ?? id, #"{"count": \#(count), "enabled": \#(enabled)}"#)
        }
        router.get("counters/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let counter = deployment.counters.withLock({ $0[id] }) else { return Response(status: .notFound) }
            return json(.ok, id: id, counter)
        }
        router.delete("counters/:id") { _, context -> Response in
            let id = try context.parameters.require("id")
            deployment.deletes.withLock { $0.append(id) }
            return Response(status: deployment.counters.withLock { $0.removeValue(forKey: id) } == nil ? .notFound : .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// `counter` (`{"count": …, "enabled": …}`) with its id.
    static func json(_ status: HTTPResponse.Status, id: String, _ counter: String) -> Response {
        let body = #"{"counterId": "\#(id)", "# + counter.dropFirst()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func fuzz(_ deployment: Deployment) async throws -> FuzzResult {
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "counters.json")
        return try await Self.application(deployment).test(.live) { client in
            let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5, timeLimit: .seconds(40), runID: "counters")
            return await Fuzzer(document: document, settings: settings).run()
        }
    }

    @Test("A deployment that names each counter by an id of its own: nothing is deleted on a guess, and each counter is listed with why")
    func ownIdsAreListedNotDeleted() async throws {
        let deployment = Deployment()
        let result = try await Self.fuzz(deployment)
        let stored = deployment.counters.withLock { Set($0.keys) }
        #expect(stored.count >= 3, "the run made counters")
        // What a `{"count": 2, "enabled": true}` shows, another team's counter may hold too: a
        // deployment that answers the newest row's id would have the run delete that team's.
        #expect(Set(result.leftBehind) == Set(stored.map {
            "/counters/\($0) (not deleted: a create's answer named it, and what the run sent there is too little to show the item is the run's)"
        }))
    }

    @Test("A deployment that answers every create with another team's id: that counter is never deleted, though it holds what was sent")
    func anIdAnsweredForEveryCreateIsNotDeleted() async throws {
        // Team B's counter holds values the run sends too (count 0..3, a boolean).
        let deployment = Deployment(counters: ["team-b-1": #"{"count": 1, "enabled": true}"#], answered: "team-b-1")
        let result = try await Self.fuzz(deployment)
        #expect(deployment.counters.withLock { $0.count } >= 3, "the run made counters (under ids the deployment did not name)")
        #expect(deployment.counters.withLock { $0["team-b-1"] } != nil)
        #expect(!deployment.deletes.withLock { $0 }.contains("team-b-1"))
        #expect(result.leftBehind.contains { $0.hasPrefix("/counters/team-b-1 (not deleted: ") }, "\(result.leftBehind)")
    }

    @Test("A finding's replay on such a deployment lists what its create made there as not deleted, and deletes nothing")
    func aReplayListsWhatItCannotProveItsOwn() async throws {
        let deployment = Deployment()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-counters-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // As the run records one: the create, whose answer named an id of the deployment's, then
        // a read of it held to a rule it breaks.
        var create = FindingStep(
            name: "create", request: FuzzRequest(method: "POST", path: "/counters", body: .json(["count": 2, "enabled": true])),
            expectations: [.given("2xx")])
        create.captures = ["answered_counterId": "$['counterId']"]
        create.answeredIDs = ["0b5d6c1e": "answered_counterId"]
        create.madeItem = "/counters/0b5d6c1e"
        let read = FindingStep(name: "the request", request: FuzzRequest(method: "GET", path: "/counters/0b5d6c1e"), expectations: [.status(404)])
        let finding = Finding(
            check: .useAfterFree, operation: "GET /counters/{counterId}", status: 200, message: "answered 200", input: "a counter",
            steps: [create, read], resourceIDs: [], shrunkBy: 0)
        var run = FuzzResult(documentSource: "counters.json", baseURL: "http://127.0.0.1:1", seed: 1, runID: "counters", startedAt: Date())
        run.resources = [FindingFile.Resource(itemPath: "/counters/{counterId}", createPath: "/counters")]
        let file = folder + "/finding.yaml"
        try FindingFile(finding, of: run).text.write(toFile: file, atomically: true, encoding: .utf8)
        try await Self.application(deployment).test(.live) { client in
            let status = await Gauntlet.run(arguments: ["run", file, "--base-url", "http://127.0.0.1:\(client.port ?? 0)", "--report-dir", folder + "/replay"])
            #expect(status == 1, "the counter reads 200 where the finding's rule wants 404")
        }
        let stored = deployment.counters.withLock { Array($0.keys) }
        #expect(stored.count == 1 && deployment.deletes.withLock { $0 }.isEmpty, "nothing deleted on a guess")
        let results = try String(contentsOfFile: folder + "/replay/results.json", encoding: .utf8)
        let label = "/counters/\(stored.first ?? "") (not deleted: what the replay sent there is too little to show the item is the replay's)"
        #expect(results.contains(label), "\(results)")
    }
}
