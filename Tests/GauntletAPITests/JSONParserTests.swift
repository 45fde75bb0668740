import Foundation
import GauntletAPI
import Testing

/// The strict parser keeps integers, floats and booleans apart and rejects what is not JSON.
@Suite struct JSONParserTests {
    @Test(
        "Numbers, booleans and null keep their JSON types",
        arguments: [
            ("500", JSONValue.integer(500)), ("-0", .integer(0)), ("500.0", .number(500)), ("5e2", .number(500)),
            ("true", .bool(true)), ("false", .bool(false)), ("null", .null), ("\"500\"", .string("500")),
            ("9223372036854775807", .integer(.max)), ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ]
    )
    func scalarTypes(_ text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test("Escapes and surrogate pairs decode")
    func escapes() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test("Objects and arrays nest; a repeated key keeps the last value")
    func containers() throws {
        let value = try JSONParser.parse(#" { "a" : [1, {"b": null}], "a2": {}, "c": 1, "c": 2 } "#)
        #expect(value == .object(["a": .array([.integer(1), .object(["b": .null])]), "a2": .object([:]), "c": .integer(2)]))
    }

    @Test(
        "Text that is not exactly one JSON document is rejected",
        arguments: [
            "", " ", "{", "}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "-", "1e", "NaN", "Infinity", "'a'",
            "\"\u{1}\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\x\"", "tru", "nul", "{} {}", "[1] x", "{\"a\" 1}", "{1: 2}",
        ]
    )
    func rejects(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test("Invalid UTF-8 is rejected")
    func invalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22] as [UInt8]) }
    }

    @Test("Nesting deeper than the limit is rejected, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test("Event encodes with Codable in the contract's response names")
    func eventCodable() throws {
        let data = try JSONEncoder().encode(sampleEvent("a"))
        let value = try JSONParser.parse(Array(data))
        #expect(value["eventStatus"] == .string("active"))
        #expect(value["eventCapacity"] == .integer(10))
        #expect(try JSONDecoder().decode(Event.self, from: data) == sampleEvent("a"))
        #expect(try JSONParser.parse(sampleEvent("a").json)["eventDate"] == .string("2025-01-01"))
    }

    @Test("Timestamps are UTC ISO-8601 to the second", arguments: [(0.0, "1970-01-01T00:00:00"), (1_730_975_400.9, "2024-11-07T10:30:00"), (951_782_400, "2000-02-29T00:00:00"), (-1, "1969-12-31T23:59:59")])
    func timestamps(_ seconds: Double, expected: String) {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: seconds)) == expected)
    }
}
