import Foundation
import GauntletHTTP
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import GauntletScenario

/// A deployment that numbers what it stores (`{"eventId": 7}`) when a create names no id, or
/// whatever id it names, and accepts what it should refuse: the contract's cleanup deletes what
/// it stored under those numbers and checks each gone, as it does an id of text.
@Suite(.timeLimit(.minutes(2))) struct NumberedIdsTests {
    /// When the deployment stores a create under a number of its own.
    enum Numbering {
        /// Only when the create names no `eventId`.
        case whenNoIdIsGiven
        /// Always, whatever `eventId` the create names (broken: the contract's ids are the client's).
        case everyCreate
    }

    /// Runs `files` of the contract against a deployment that stores every POST, under its
    /// `eventId` or under the next number as `numbering` says; its DELETE removes the event only
    /// when `deletes`, and a read of a number answers 500 when `readsOfNumbersFail`. Returns the
    /// run and the numbers it still holds.
    func run(
        _ numbering: Numbering = .whenNoIdIsGiven, deletes: Bool, readsOfNumbersFail: Bool = false,
        files: [String] = ["validation.yaml", "cors.yaml"]
    ) async throws -> (RunResult, [Int]) {
        // Each id with the text fields it was stored with: the cleanup deletes what a deployment
        // names only once a read shows it holds the run's event.
        let stored = Mutex<(next: Int, ids: Set<String>, texts: [String: [String: String]])>((1, [], [:]))
        let router = Router()
        // It stores whatever object is posted or put where no route of the contract is, and reads
        // bytes that are not UTF-8 as a lax decoder does (U+FFFD for each).
        let create: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
            let body = try await request.body.collect(upTo: 1 << 20)
            let text = String(decoding: body.readableBytesView, as: UTF8.self)
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                return Self.json(.badRequest, #"{"detail": "not a JSON object"}"#)
            }
            let given = numbering == .everyCreate ? nil : object["eventId"] as? String
            let id = stored.withLock { state in
                let id = given.map { #""\#($0)""# } ?? String(state.next)
                if given == nil { state.next += 1 }
                state.ids.insert(given ?? id)
                state.texts[given ?? id] = object.compactMapValues { $0 as? String }
                return id
            }
            return Self.json(.created, #"{"eventId": \#(id), "message": "Event created successfully"}"#)
        }
        router.post("events", use: create)
        router.post("events/:id", use: create)
        router.put("events", use: create)
        router.get("events/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            if readsOfNumbersFail, Int(id) != nil { return Self.json(.internalServerError, #"{"message": "Internal server error"}"#) }
            guard stored.withLock({ $0.ids.contains(id) }) else { return Self.json(.notFound, #"{"detail": "Event not found"}"#) }
            var item: [String: Any] = stored.withLock { $0.texts[id] } ?? [:]
            item["eventId"] = Int(id).map { $0 as Any } ?? id
            return Self.json(.ok, String(decoding: try JSONSerialization.data(withJSONObject: item), as: UTF8.self))
        }
        router.delete("events/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard stored.withLock({ $0.ids.contains(id) }) else { return Self.json(.notFound, #"{"detail": "Event not found"}"#) }
            if deletes { _ = stored.withLock { $0.ids.remove(id) } }
            return Self.json(.ok, #"{"message": "Event deleted successfully"}"#)
        }
        router.get("events") { _, _ -> Response in
            let items = stored.withLock { $0.ids.sorted() }.map { Int($0).map { #"{"eventId": \#($0)}"# } ?? #"{"eventId": "\#($0)"}"# }
            return Self.json(.ok, #"{"events": [\#(items.joined(separator: ","))]}"#)
        }
        let files = try ScenarioLoader.load(paths: files.map { ContractSuite.path + "/" + $0 })
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let run = try await application.test(.live) { client in
            let options = RunOptions(baseURL: "http://127.0.0.1:\(client.port ?? 0)", parallelism: 8, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: files))
            return await runner.run(files)
        }
        // The probe of a body that is not UTF-8 (`{"title": "\xFFfe"}`, fixed bytes) cannot carry
        // the scenario's uid, by which the cleanup knows an item a deployment names as the run's:
        // what it stored is not deleted, lest an answered id name another team's item. Left out.
        let unmarked = stored.withLock { state in Set(state.texts.filter { $0.value["title"] == "\u{FFFD}fe" }.keys) }
        return (run, stored.withLock { $0.ids.subtracting(unmarked).compactMap { Int($0) }.sorted() })
    }

    /// A JSON answer, with the CORS header every answer carries (so that the CORS checks go on
    /// to their invalid bodies).
    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json", .accessControlAllowOrigin: "*"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The labels of the run's left-behind events whose id is a number.
    static func numbered(_ run: RunResult) -> Set<String> {
        Set(run.leftBehind.map(\.label).filter { Int($0.dropFirst("event ".count)) != nil })
    }

    @Test("Every event stored under a number that a DELETE does not remove is named left behind")
    func whatStaysIsNamed() async throws {
        let (run, remaining) = try await run(deletes: false)
        // One from validation.yaml (no eventId; the body not UTF-8 is left out, see run), two from
        // cors.yaml (the other scenarios' POSTs name their ids).
        #expect(remaining.count == 3)
        #expect(Self.numbered(run) == Set(remaining.map { "event \($0)" }))
    }

    @Test("Events stored under numbers and deleted leave none, and the run names none")
    func whatIsDeletedIsGone() async throws {
        let (run, remaining) = try await run(deletes: true)
        #expect(remaining == [])
        #expect(Self.numbered(run).isEmpty)
    }

    /// Every file of the contract that creates events.
    static let filesThatCreate = ["crud.yaml", "duplicates.yaml", "errors.yaml", "http.yaml", "list-and-filter.yaml", "validation.yaml", "cors.yaml"]

    @Test("A deployment that stores every create under a number of its own: each one its DELETE keeps is named left behind")
    func whatADeploymentStoredUnderItsOwnIdsIsNamed() async throws {
        let (run, remaining) = try await run(.everyCreate, deletes: false, files: Self.filesThatCreate)
        // Every create it answered (the duplicates' races among them) is one.
        #expect(remaining.count > 50)
        #expect(Self.numbered(run) == Set(remaining.map { "event \($0)" }))
    }

    @Test("A deployment that stores every create under a number of its own, and answers 500 when one is read: each is named not verified as deleted")
    func whatACleanupCannotReadIsNamedUnverified() async throws {
        let (run, remaining) = try await run(.everyCreate, deletes: true, readsOfNumbersFail: true, files: Self.filesThatCreate)
        // Nothing a read cannot show the run's is deleted, and nothing of it goes unsaid.
        #expect(remaining.count > 50)
        let unverified = Set(run.unverified.map(\.label).compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } })
        #expect(Set(remaining).isSubset(of: unverified), "\(run.unverified.map(\.label).prefix(3))")
        // Beside them, the event of the probe that is not UTF-8 (left out of `remaining`, see run).
        #expect(unverified.count - remaining.count <= 1)
        #expect(run.unverified.allSatisfy { !$0.label.hasPrefix("event ") || $0.label.hasSuffix(" answered HTTP 500)") })
    }

    @Test("A deployment that stores every create under a number of its own and deletes: none is left, and the run names none")
    func whatADeploymentStoredUnderItsOwnIdsIsDeleted() async throws {
        let (run, remaining) = try await run(.everyCreate, deletes: true, files: Self.filesThatCreate)
        #expect(remaining == [])
        #expect(Self.numbered(run).isEmpty)
    }
}
