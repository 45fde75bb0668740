import Foundation
import GauntletFuzz
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

/// An integer without a maximum is tried at the widths where stores overflow (2^31, 2^53 + 1,
/// 2^63 - 1), within its format: a deployment that answers 500 to a large valid value is found,
/// and an `int32` is never sent beyond 2^31 - 1 (a value its schema does not allow).
@Suite(.timeLimit(.minutes(1))) struct LargeIntegerTests {
    static func document(format: String?) -> String {
        FuzzTarget.roomsDocument(capacity: #"{"type": "integer", "minimum": 0\#(format.map { #", "format": "\#($0)""# } ?? "")}"#)
    }

    /// Stores capacity in 32 bits: a valid capacity above 2^31 - 1 overflows into a 500.
    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("rooms") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            guard let value = try? JSONValue(parsing: Array(body.readableBytesView)), let capacity = value["capacity"]?.doubleValue,
                capacity >= 0, capacity == capacity.rounded()
            else { return Response(status: .unprocessableContent) }
            return Response(status: capacity > Double(Int32.max) ? .internalServerError : .created)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func run(format: String?) async throws -> FuzzResult {
        let document = try APIDocument(bytes: Array(Self.document(format: format).utf8), source: "rooms.json")
        return try await Self.application().test(.live) { client in
            let settings = FuzzSettings(baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, checks: [.notAServerError], runID: "large")
            return await Fuzzer(document: document, settings: settings).run()
        }
    }

    @Test("An integer without a maximum is tried above 2^31, so a 32-bit overflow 500 is found", arguments: [nil, "int64"])
    func overflowIsFound(format: String?) async throws {
        let result = try await Self.run(format: format)
        #expect(result.findings.map(\.key) == ["not_a_server_error POST /rooms 500"])
    }

    @Test("An int32 integer is never sent beyond 2^31 - 1")
    func int32StaysInt32() async throws {
        let result = try await Self.run(format: "int32")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }
}
