import Foundation
import GauntletHTTP
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import GauntletScenario

/// A deployment whose create answers an `eventId` that is no text or number (`null`, `true`), or
/// one that names another team's item (a stub answering the seed's example id, `event-123`) or
/// the collection (`""`, `"."`): the contract's cleanup deletes nothing by it. `DELETE
/// /events/null` would remove another team's item called "null", `DELETE /events/` a table.
@Suite(.timeLimit(.minutes(2))) struct IdsThatNameNoPathTests {
    /// Runs every file of the contract that creates events against a deployment that stores each
    /// create under the `eventId` it names (refusing one that names none, or one no path reaches)
    /// and answers `answeredId` as its id; its table starts with another team's items called "null" and "true". Returns the
    /// run, the paths of the DELETEs it received, and the ids it holds at the end.
    func run(answering answeredId: String) async throws -> (RunResult, deletes: [String], held: Set<String>) {
        let othersItems: Set<String> = ["null", "true", "event-123"]
        let state = Mutex<(ids: Set<String>, deletes: [String])>((othersItems, []))
        let router = Router()
        let create: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
                return NumberedIdsTests.json(.badRequest, #"{"detail": "not a JSON object"}"#)
            }
            // It refuses an id no path reaches (the contract's other checks are not what this
            // suite is about), and stores the others under the id they name.
            guard let given = object["eventId"] as? String, given.wholeMatch(of: /[A-Za-z0-9-]{1,128}/) != nil else {
                return NumberedIdsTests.json(.badRequest, #"{"detail": "bad eventId"}"#)
            }
            _ = state.withLock { $0.ids.insert(given) }
            return NumberedIdsTests.json(.created, #"{"eventId": \#(answeredId), "message": "Event created successfully"}"#)
        }
        router.post("events", use: create)
        router.get("events/:id") { _, context -> Response in
            let id = context.parameters.get("id")?.removingPercentEncoding ?? ""
            guard state.withLock({ $0.ids.contains(id) }) else { return NumberedIdsTests.json(.notFound, #"{"detail": "Event not found"}"#) }
            return NumberedIdsTests.json(.ok, #"{"eventId": "\#(id)"}"#)
        }
        router.delete("events") { request, _ -> Response in
            state.withLock { $0.deletes.append(request.uri.path) }
            return NumberedIdsTests.json(.methodNotAllowed, #"{"detail": "Method Not Allowed"}"#)
        }
        router.delete("events/:id") { request, context -> Response in
            let id = context.parameters.get("id")?.removingPercentEncoding ?? ""
            let found = state.withLock { state in
                state.deletes.append(request.uri.path)
                return state.ids.remove(id) != nil
            }
            guard found else { return NumberedIdsTests.json(.notFound, #"{"detail": "Event not found"}"#) }
            return NumberedIdsTests.json(.ok, #"{"message": "Event deleted successfully"}"#)
        }
        router.get("events") { _, _ -> Response in
            let items = state.withLock { $0.ids.sorted() }.map { #"{"eventId": "\#($0)"}"# }
            return NumberedIdsTests.json(.ok, #"{"events": [\#(items.joined(separator: ","))]}"#)
        }
        let files = try ScenarioLoader.load(paths: NumberedIdsTests.filesThatCreate.map { ContractSuite.path + "/" + $0 })
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let run = try await application.test(.live) { client in
            let options = RunOptions(baseURL: "http://127.0.0.1:\(client.port ?? 0)", parallelism: 8, runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: files))
            return await runner.run(files)
        }
        let (deletes, held) = state.withLock { ($0.deletes, $0.ids) }
        return (run, deletes, held)
    }

    @Test("A create answering \"eventId\": null or true deletes no item of that name", arguments: ["null", "true", "false"])
    func anIdThatIsNoTextOrNumberDeletesNothing(answeredId: String) async throws {
        let (run, deletes, held) = try await run(answering: answeredId)
        #expect(!deletes.isEmpty, "the run's own events are deleted by the ids it sent")
        #expect(!deletes.contains("/events/\(answeredId)"))
        #expect(held == ["null", "true", "event-123"], "another team's items stay; the run's own are gone")
        #expect(run.leftBehind.isEmpty)
        // The answer's id is a failure of the create checks, not a silent pass.
        #expect(!run.succeeded)
    }

    @Test(
        "A create answering another team's id, or one that names the collection, deletes nothing by it: what it names is read first and is not the run's",
        arguments: [#""event-123""#, #""""#, #"".""#])
    func anIdThatNamesNoneOfTheRunsEventsDeletesNothing(answeredId: String) async throws {
        let (run, deletes, held) = try await run(answering: answeredId)
        #expect(!deletes.isEmpty, "the run's own events are deleted by the ids it sent")
        #expect(!deletes.contains("/events/event-123") && !deletes.contains("/events/") && !deletes.contains("/events"), "\(Set(deletes).sorted())")
        #expect(held == ["null", "true", "event-123"], "another team's items stay; the run's own are gone")
        #expect(run.leftBehind.isEmpty, "\(run.leftBehind.map(\.label))")
        #expect(!run.succeeded)
    }
}
