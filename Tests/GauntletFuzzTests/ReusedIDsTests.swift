import Foundation
import GauntletFuzz
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A deployment that numbers its items as SQLite numbers rows without AUTOINCREMENT (the highest
/// id in use plus one), with another team writing to it: the id of a note the run deleted is
/// the next one Team C's create gets. What the run proved its own before it deleted it is
/// another's afterwards, and never deleted on that proof.
@Suite(.timeLimit(.minutes(1))) struct ReusedIDsTests {
    /// Notes by id, and Team C's.
    final class Deployment: Sendable {
        let notes = Mutex<[Int: String]>([:])
        let teamC = Mutex<Set<Int>>([])
    }

    /// Notes made from a text, read and deleted by the id the deployment names: the document
    /// ``SlashInIDsTests`` serves too.
    static let document = SlashInIDsTests.document

    static func note(_ status: HTTPResponse.Status, id: Int, text: String) -> Response {
        let body = JSONValue.object(["noteId": .string(String(id)), "text": .string(text)]).serialized()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Numbers each valid create the highest id in use plus one; after each delete that removed a
    /// note, Team C creates one, which gets the freed id when it was the highest.
    static func application(_ deployment: Deployment) -> some ApplicationProtocol {
        let router = Router()
        router.post("notes") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            guard case .object(let body)? = try? JSONValue(parsing: Array(buffer: bytes)), body.count == 1,
                case .string(let text)? = body["text"], (8...30).contains(text.count)
            else { return Response(status: .unprocessableContent) }
            let id = deployment.notes.withLock { notes in
                let id = (notes.keys.max() ?? 0) + 1
                notes[id] = text
                return id
            }
            return Self.note(.created, id: id, text: text)
        }
        router.get("notes/:id") { _, context -> Response in
            let id = Int(try context.parameters.require("id")) ?? -1
            guard let text = deployment.notes.withLock({ $0[id] }) else { return Response(status: .notFound) }
            return Self.note(.ok, id: id, text: text)
        }
        router.delete("notes/:id") { _, context -> Response in
            let id = Int(try context.parameters.require("id")) ?? -1
            let removed = deployment.notes.withLock { notes -> Bool in
                guard notes.removeValue(forKey: id) != nil else { return false }
                let theirs = (notes.keys.max() ?? 0) + 1
                notes[theirs] = "Team C's note"
                deployment.teamC.withLock { _ = $0.insert(theirs) }
                return true
            }
            return Response(status: removed ? .noContent : .notFound)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("An id the run deleted and another team's create then got: that team's note is never deleted")
    func aFreedIdIsProvedAgain() async throws {
        let deployment = Deployment()
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "notes.json")
        _ = try await Self.application(deployment).test(.live) { client in
            let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5, timeLimit: .seconds(40), runID: "reuse")
            return await Fuzzer(document: document, settings: settings).run()
        }
        let teamC = deployment.teamC.withLock { $0 }
        let kept = deployment.notes.withLock { notes in Set(notes.filter { $0.value == "Team C's note" }.keys) }
        #expect(teamC.count >= 3, "the run deleted notes, and Team C created as many")
        #expect(kept == teamC, "every note of Team C's is there")
    }
}
