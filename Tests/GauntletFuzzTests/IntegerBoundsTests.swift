import Foundation
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GauntletFuzz

/// A bound JSON Schema allows but 64 bits cannot hold: FastAPI writes `Field(le=2**63 - 1)` as
/// `"maximum": 9.223372036854776e+18` (2^63). Such a document is read, fuzzed, and never sent an
/// integer that does not fit in 64 bits.
@Suite(.timeLimit(.minutes(1))) struct IntegerBoundsTests {
    /// FastAPI's document for `capacity: StrictInt = Field(ge=1, le=2**63 - 1)`, as it serves it.
    static let document = FuzzTarget.roomsDocument(capacity: #"{"type": "integer", "minimum": 1.0, "maximum": 9.223372036854776e+18}"#)

    /// Accepts exactly the capacities its document allows: the integers from 1 to 2^63 - 1.
    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("rooms") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            // 500.0 is the integer 500 to JSON Schema: a whole double in range counts.
            let capacity: Double? = switch try? JSONValue(parsing: Array(body.readableBytesView))["capacity"] {
            case .integer(let value)?: Double(value)
            case .double(let value)? where value == value.rounded() && value < 0x1p63: value
            default: nil
            }
            guard let capacity, capacity >= 1 else { return Response(status: .unprocessableContent) }
            return Response(status: .created)
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("A document bounding an integer by 2^63 is read and fuzzed: valid capacities accepted, invalid ones rejected, nothing found")
    func fastAPIsInt64BoundIsFuzzed() async throws {
        let document = try APIDocument(bytes: Array(Self.document.utf8), source: "rooms.json")
        let result = try await Self.application().test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1,
                checks: [.notAServerError, .negativeDataRejection, .positiveDataAcceptance], runID: "bounds")
            return await Fuzzer(document: document, settings: settings).run()
        }
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.passed)
    }

    @Test("Bounds are clamped to 64 bits, rounded inward")
    func boundsAreClamped() {
        #expect(IntegerBounds.clamped(0x1p63, rounded: .down) == Int64.max)
        #expect(IntegerBounds.clamped(1e30, rounded: .up) == Int64.max)
        #expect(IntegerBounds.clamped(-0x1p63, rounded: .up) == Int64.min)
        #expect(IntegerBounds.clamped(-1e30, rounded: .down) == Int64.min)
        #expect(IntegerBounds.clamped(10.5, rounded: .down) == 10)
        #expect(IntegerBounds.clamped(0.5, rounded: .up) == 1)
    }

    @Test("OpenAPIKit's copy has an integer schema's bounds as integers; a number schema's stay as written")
    func integralCopy() throws {
        let schemas = try JSONValue(parsing: #"""
            {"a": {"type": "integer", "minimum": 0.5, "maximum": 9.223372036854776e+18, "exclusiveMaximum": 7.5},
             "b": {"type": "number", "maximum": 9.5},
             "c": {"type": ["integer", "null"], "maximum": 1e19},
             "d": {"type": "integer", "minimum": 0.5, "exclusiveMinimum": true, "maximum": 7.5, "exclusiveMaximum": true},
             "e": {"type": "integer", "multipleOf": 2.5}}
            """#)
        let copy = IntegerBounds.integral(schemas)
        #expect(copy["a"]?["minimum"] == .integer(1))
        #expect(copy["a"]?["maximum"] == .integer(Int64.max))
        #expect(copy["a"]?["exclusiveMaximum"] == .integer(8))
        #expect(copy["b"]?["maximum"] == .double(9.5))
        #expect(copy["c"]?["maximum"] == .integer(Int64.max))
        // OpenAPI 3.0's exclusive flags: > 0.5 is > 0, < 7.5 is < 8.
        #expect(copy["d"]?["minimum"] == .integer(0))
        #expect(copy["d"]?["maximum"] == .integer(8))
        // The integers that are multiples of 2.5 are the multiples of 5.
        #expect(copy["e"]?["multipleOf"] == .integer(5))
    }

    @Test("No integer past a bound at the edge of 64 bits is made up; one inside them is the next integer")
    func valuesPastABound() {
        #expect(Mutator.beyond(0x1p63, by: 1, integer: true) == nil)
        #expect(Mutator.beyond(-0x1p63, by: -1, integer: true) == nil)
        #expect(Mutator.beyond(100, by: 1, integer: true) == .integer(101))
        #expect(Mutator.beyond(0.5, by: -1, integer: true) == .integer(0))
        #expect(Mutator.beyond(9.5, by: 1, integer: false) == .double(10.5))
    }

    /// Valid, if unkind: bounds a double cannot span, lengths and counts no one could build.
    static let unkindDocument = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Unkind", "version": "1"},
          "paths": {
            "/things": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["wide", "long", "many", "code"],
                  "properties": {
                    "wide": {"type": "number", "minimum": -1e308, "maximum": 1e308},
                    "long": {"type": "string", "minLength": 1e9},
                    "many": {"type": "array", "minItems": 1e19, "items": {"type": "integer"}},
                    "code": {"type": "string", "pattern": "^a{9223372036854775807}$"},
                    "step": {"type": "integer", "multipleOf": 1e19}
                  }
                }}}},
                "responses": {"201": {"description": "Created"}, "422": {"description": "Invalid"}}
              }
            }
          }
        }
        """#

    @Test("A document of bounds past any value is fuzzed in bounded time and memory, nothing made up that it does not allow")
    func unkindBoundsEndTheRun() async throws {
        let document = try APIDocument(bytes: Array(Self.unkindDocument.utf8), source: "unkind.json")
        let router = Router()
        router.post("things") { _, _ -> Response in Response(status: .unprocessableContent) }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let result = try await application.test(.live) { client in
            let settings = FuzzSettings(
                baseURL: "http://127.0.0.1:\(client.port ?? 0)", seed: 1, maxExamples: 5,
                checks: [.notAServerError, .positiveDataAcceptance], runID: "unkind")
            return await Fuzzer(document: document, settings: settings).run()
        }
        // No valid body can be built (a billion characters): none is sent as valid, so a 422
        // to everything is no finding.
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.ending == .completed)
    }
}
