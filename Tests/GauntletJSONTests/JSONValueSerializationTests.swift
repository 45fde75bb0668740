import Foundation
import GauntletJSON
import Testing

@Suite("Serializing JSON")
struct JSONValueSerializationTests {
    static let samples: [JSONValue] = [
        .null, true, false, 0, -1, .integer(.max), .integer(.min),
        500.0, -0.0, 0.1, 1e100, .double(.leastNonzeroMagnitude), 1.7976931348623157e308, 123456.789,
        "", "plain", "quote \" backslash \\ slash / newline \n tab \t nul \u{00} esc \u{1B} del \u{7F}", "é😀\u{2028}",
        [], [:], [1, "two", [3.5, nil]],
        ["events": [["eventId": "e1", "eventCapacity": 500, "ratio": 0.5, "tags": []]], "weird key\n": ["": true]],
    ]

    @Test("serialized text parses back to the same value", arguments: JSONValueSerializationTests.samples)
    func roundTrip(value: JSONValue) throws {
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(try JSONValue(parsing: value.serialized(pretty: true)) == value)
        #expect(try JSONValue(parsing: value.serialized(sortedKeys: false)) == value)
    }

    @Test("compact text with sorted keys")
    func compact() {
        let value: JSONValue = ["b": [1, 2.5, "x"], "a": nil, "c": ["z": true, "y": false]]
        #expect(value.serialized() == #"{"a":null,"b":[1,2.5,"x"],"c":{"y":false,"z":true}}"#)
    }

    @Test("integral doubles keep their fraction so they stay numbers")
    func integralDoubles() {
        #expect(JSONValue.double(500).serialized() == "500.0")
        #expect(JSONValue.integer(500).serialized() == "500")
    }

    @Test("pretty text indents by two spaces")
    func pretty() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.serialized(pretty: true) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test("control characters are escaped")
    func escapes() {
        #expect(JSONValue.string("a\u{01}\n\"").serialized() == #""a\u0001\n\"""#)
    }

    @Test("non-finite doubles are written as null")
    func nonFinite() {
        #expect(JSONValue.double(.infinity).serialized() == "null")
        #expect(JSONValue.double(.nan).serialized() == "null")
    }

    @Test("preview is JSON text cut to the limit with an ellipsis")
    func preview() {
        #expect(JSONValue.string("abc").preview() == "\"abc\"")
        let long = JSONValue.string(String(repeating: "x", count: 50))
        let preview = long.preview(limit: 10)
        #expect(preview == "\"xxxxxxxx…")
        #expect(preview.count == 10)
    }

    @Test("Codable encodes plain JSON and decodes it back")
    func codable() throws {
        let value: JSONValue = ["id": "e1", "n": 5, "x": 2.5, "ok": true, "none": nil, "list": [1, "a"]]
        let data = try JSONEncoder().encode(value)
        let reparsed = try JSONValue(parsing: Array(data))
        #expect(reparsed == value)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(decoded.isEquivalent(to: value))
        #expect(decoded["ok"] == true)
        #expect(decoded["id"] == "e1")
    }

    @Test("accessors read the matching case only")
    func accessors() {
        let value: JSONValue = ["s": "x", "i": 3, "d": 2.5, "b": true, "a": [1], "o": ["k": nil]]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.intValue == 3)
        #expect(value["i"]?.doubleValue == 3)
        #expect(value["d"]?.doubleValue == 2.5)
        #expect(value["d"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["a"]?[-1] == nil)
        #expect(value["o"]?["k"] == .null)
        #expect(value["missing"] == nil)
        #expect(value["s"]?.arrayValue == nil)
        #expect(value.objectValue?.count == 6)
    }
}
