import Foundation
import GauntletFuzz
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The unsupported-method check never sends DELETE to a collection: a deployment that serves it
/// undocumented most often empties the collection, every other team's items with it.
@Suite(.timeLimit(.minutes(1))) struct CollectionDeleteTests {
    /// What the deployment holds (another team's item to begin with) and the requests it got,
    /// as `METHOD /path`.
    final class Deployment: Sendable {
        let items = Mutex(["team-b-1": "active"])
        let requests = Mutex<[String]>([])
    }

    /// Lists `{id, status}` items and serves an undocumented `DELETE /items` that empties them.
    static func application(_ deployment: Deployment) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(RequestNoting(deployment: deployment))
        router.get("items") { _, _ -> Response in
            let items = deployment.items.withLock { $0 }.sorted { $0.key < $1.key }
            let body = "[" + items.map { FilterInAnyOfTests.json($0.key, $0.value) }.joined(separator: ", ") + "]"
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.delete("items") { _, _ -> Response in
            deployment.items.withLock { $0.removeAll() }
            return Response(status: .noContent)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    struct RequestNoting<Context: RequestContext>: RouterMiddleware {
        let deployment: Deployment
        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            deployment.requests.withLock { $0.append("\(request.method) \(request.uri.path)") }
            return try await next(request, context)
        }
    }

    @Test("A collection's undocumented methods are checked, but DELETE is never sent to it; another team's item stays")
    func noDeleteOnACollection() async throws {
        let deployment = Deployment()
        let document = try APIDocument(bytes: Array(FilterInAnyOfTests.document(filter: #"{"type": "string"}"#).utf8), source: "items.json")
        let result = try await Self.application(deployment).test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 1, checks: [.unsupportedMethod], runID: "nodelete")
            return await Fuzzer(document: document, settings: settings).run()
        }
        let sent = deployment.requests.withLock { $0 }
        #expect(!sent.contains("DELETE /items"), "\(sent)")
        #expect(sent.contains("PUT /items") && sent.contains("PATCH /items"), "the collection's other undocumented methods are sent: \(sent)")
        #expect(deployment.items.withLock { $0 } == ["team-b-1": "active"])
        #expect(result.tallies[.unsupportedMethod]?["PUT /items"] != nil, "\(result.tallies)")
    }
}
