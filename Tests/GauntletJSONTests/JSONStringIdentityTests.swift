import GauntletJSON
import Testing

/// Issue 18: JSON compares strings and keys code point by code point (RFC 8259 §8.3), never by Swift's
/// canonical equivalence, under which precomposed "ñ" (U+00F1) equals "n" + combining tilde (U+0303).
@Suite("Strings and keys compare by Unicode scalars")
struct JSONStringIdentityTests {
    static let precomposed = "\u{F1}"
    static let decomposed = "n\u{303}"

    @Test("the two spellings of ñ are equal Swift strings but different JSON strings")
    func premise() {
        #expect(Self.precomposed == Self.decomposed)
        #expect(JSONValue.string(Self.precomposed) != .string(Self.decomposed))
        #expect(!JSONValue.string(Self.precomposed).isEquivalent(to: .string(Self.decomposed)))
        #expect(Set<JSONValue>([.string(Self.precomposed), .string(Self.decomposed)]).count == 2)
    }

    @Test("scalar-exact equality compares every byte, in short and long strings alike")
    func scalarExactEquality() {
        let long = String(repeating: "0123456789", count: 4)
        #expect(ScalarExactString.equal("event-1", "event-1"))
        #expect(ScalarExactString.equal(long + "x", long + "x"))
        #expect(ScalarExactString.equal(String(long.dropFirst(30)), "0123456789"))
        #expect(!ScalarExactString.equal("event-1", "event-2"))
        #expect(!ScalarExactString.equal(long + "x", long + "y"))
        #expect(!ScalarExactString.equal("x" + long, "y" + long))
        #expect(!ScalarExactString.equal("event", "event-1"))
        #expect(!ScalarExactString.equal("caf\u{E9}", "cafe\u{301}"))
        #expect(!ScalarExactString.equal(Self.precomposed + "ab", "ab" + Self.precomposed))
        #expect(ScalarExactString.equal("", ""))
    }

    // MARK: - Parsing

    @Test("keys that differ only by normalization are two members, kept in order")
    func distinctKeys() throws {
        let value = try JSONValue(parsing: #"{"\u00f1":1,"n\u0303":2}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 2)
        #expect(object.keys.map { Array($0.unicodeScalars) } == [["\u{F1}"], ["n", "\u{303}"]])
        #expect(object[Self.precomposed] == 1)
        #expect(object[Self.decomposed] == 2)
        #expect(value.serialized(sortedKeys: false) == "{\"\u{F1}\":1,\"n\u{303}\":2}")
    }

    @Test("a key written twice is a parse error naming both places", arguments: [
        (#"{"x":1,"x":2}"#, #"duplicate key "x" (first at line 1, column 2)"#, 1, 8),
        ("{\"a\": 1,\n \"\\u0061\": 2}", #"duplicate key "a" (first at line 1, column 2)"#, 2, 2),
        (#"[{"ok":1},{"k":{"k":1},"k":2}]"#, #"duplicate key "k" (first at line 1, column 12)"#, 1, 24),
    ])
    func duplicateKeys(text: String, start: String, line: Int, column: Int) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(error?.message.hasPrefix(start) == true, "\(String(describing: error))")
        #expect(error?.line == line)
        #expect(error?.column == column)
    }

    @Test("equal keys in different objects are fine")
    func sameKeyInNestedObjects() throws {
        let value = try JSONValue(parsing: #"{"k":{"k":{"k":1}}}"#)
        #expect(value["k"]?["k"]?["k"] == 1)
    }

    @Test("a surrogate pair escape is one scalar")
    func surrogatePair() throws {
        let value = try JSONValue(parsing: #""\ud83d\ude00""#)
        #expect(value.stringValue.map { Array($0.unicodeScalars) } == ["\u{1F600}"])
        #expect(value == .string("😀"))
    }

    @Test("a lone or mismatched surrogate escape is a parse error", arguments: [
        (#""\ud83d""#, "unpaired high surrogate"),
        (#""\ud83dx""#, "unpaired high surrogate"),
        (#""\ude00""#, "unpaired low surrogate"),
        (#""\ud83d\u0041""#, "high surrogate not followed by a low surrogate"),
    ])
    func loneSurrogates(text: String, message: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("NUL inside a string is kept and round-trips")
    func nulInString() throws {
        let value = try JSONValue(parsing: #"{"a\u0000b":"a\u0000b"}"#)
        let key = try #require(value.objectValue?.keys.first)
        #expect(key.unicodeScalars.count == 3)
        #expect(value["a\u{0}b"]?.stringValue?.unicodeScalars.map(\.value) == [0x61, 0, 0x62])
        #expect(value["a"] == nil)
        #expect(value.serialized() == #"{"a\u0000b":"a\u0000b"}"#)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    // MARK: - JSON Schema

    static let validator = JSONSchemaValidator(document: [:])

    @Test("const and enum do not accept the other spelling")
    func constAndEnum() throws {
        for schema: JSONValue in [["const": .string(Self.precomposed)], ["enum": [.string(Self.precomposed)]]] {
            #expect(try Self.validator.validate(.string(Self.precomposed), schema: schema) == [])
            #expect(try Self.validator.validate(.string(Self.decomposed), schema: schema).count == 1)
        }
    }

    @Test("uniqueItems counts the two spellings as different")
    func uniqueItems() throws {
        let schema: JSONValue = ["uniqueItems": true]
        #expect(try Self.validator.validate([.string(Self.precomposed), .string(Self.decomposed)], schema: schema) == [])
        #expect(try Self.validator.validate([.string(Self.precomposed), .string(Self.precomposed)], schema: schema).count == 1)
    }

    @Test("required, properties, patternProperties and additionalProperties look keys up exactly")
    func objectKeywords() throws {
        let decomposedMember = JSONValue.object([Self.decomposed: 1])
        let required = try Self.validator.validate(decomposedMember, schema: ["required": [.string(Self.precomposed)]])
        #expect(required.map(\.message) == ["missing required property \"\u{F1}\""])

        let closed: JSONValue = ["properties": [Self.precomposed: ["type": "integer"]], "additionalProperties": false]
        #expect(try Self.validator.validate([Self.precomposed: 1], schema: closed) == [])
        #expect(try Self.validator.validate(decomposedMember, schema: closed).map(\.schemaPath) == ["#/additionalProperties"])

        let typed: JSONValue = ["properties": [Self.precomposed: ["type": "string"]]]
        #expect(try Self.validator.validate(decomposedMember, schema: typed) == [])

        let patterned: JSONValue = ["patternProperties": ["^n": ["type": "string"]]]
        #expect(try Self.validator.validate(decomposedMember, schema: patterned).map(\.schemaPath) == ["#/patternProperties/^n/type"])
        #expect(try Self.validator.validate([Self.precomposed: 1], schema: patterned) == [])
    }

    // MARK: - JSONPath

    @Test("filter comparisons and name selectors compare scalars")
    func jsonPath() throws {
        let document: JSONValue = [.string(Self.precomposed), .string(Self.decomposed)]
        #expect(try JSONPath("$[?@ == 'n\\u0303']").evaluate(document) == [.string(Self.decomposed)])
        #expect(try JSONPath("$[?@ == '\\u00f1']").evaluate(document) == [.string(Self.precomposed)])
        #expect(try JSONPath("$[?@ != '\\u00f1']").evaluate(document) == [.string(Self.decomposed)])
        let object = try JSONValue(parsing: #"{"\u00f1":1,"n\u0303":2}"#)
        #expect(try JSONPath("$['n\\u0303']").evaluate(object) == [2])
        #expect(try JSONPath("$['\\u00f1']").evaluate(object) == [1])
        #expect(try JSONPath("$.*").evaluate(object) == [1, 2])
    }

    // MARK: - Matching

    @Test("equivalence, subset matching and contains compare scalars")
    func matching() throws {
        let actual = try JSONValue(parsing: #"{"\u00f1":"se\u00f1or","list":["\u00f1"]}"#)
        let mismatch = actual.firstMismatch(against: [Self.decomposed: "se\u{F1}or"])
        #expect(mismatch?.message.hasPrefix("missing") == true)
        #expect(mismatch?.actual == nil)
        #expect(actual.firstMismatch(against: ["\u{F1}": "sen\u{303}or"])?.message == "expected string \"sen\u{303}or\", got string \"se\u{F1}or\"")
        #expect(actual.firstMismatch(against: ["\u{F1}": "se\u{F1}or"]) == nil)

        #expect(JSONValue.string("sen\u{303}or").contains("n"))
        #expect(!JSONValue.string("se\u{F1}or").contains(.string(Self.decomposed)))
        #expect(JSONValue.string("se\u{F1}or").contains(.string(Self.precomposed)))
        #expect(actual["list"]?.contains(.string(Self.precomposed)) == true)
        #expect(actual["list"]?.contains(.string(Self.decomposed)) == false)
        #expect(actual.contains(.string(Self.precomposed)))
        #expect(!actual.contains(.string(Self.decomposed)))
        #expect(!JSONValue.integer(1).contains(1))
    }
}
