import GauntletJSON
import Testing

@Suite("Parsing JSON")
struct JSONParserTests {
    @Test("valid documents parse to the expected values", arguments: [
        ("null", JSONValue.null),
        ("true", true),
        (" false ", false),
        ("500", .integer(500)),
        ("500.0", .double(500.0)),
        ("-12", .integer(-12)),
        ("-0", .integer(0)),
        ("-0.0", .double(-0.0)),
        ("1e2", .double(100)),
        ("1E+2", .double(100)),
        ("2.5e-3", .double(0.0025)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808.0)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", .string("a\"b\\c/d\u{08}\u{0C}\n\r\t")),
        ("\"\\u00e9\\u20AC\"", .string("é€")),
        ("\"\\ud83d\\ude00\"", .string("😀")),
        ("\"héllo 😀\"", .string("héllo 😀")),
        ("[]", []),
        ("{}", [:]),
        ("[1, [2, {\"a\": null}]]", [1, [2, ["a": nil]]]),
        ("{\"events\": [{\"eventId\": \"e1\", \"eventCapacity\": 500}]}", ["events": [["eventId": "e1", "eventCapacity": 500]]]),
        ("\n\t{ \"k\" : [ true , false ] }\r\n", ["k": [true, false]]),
    ] as [(String, JSONValue)])
    func parsesValid(text: String, expected: JSONValue) throws {
        let value = try JSONValue(parsing: text)
        #expect(value == expected)
    }

    @Test("integers and doubles stay apart")
    func integersAndDoublesStayApart() throws {
        #expect(try JSONValue(parsing: "500").typeName == "integer")
        #expect(try JSONValue(parsing: "500.0").typeName == "number")
        #expect(try JSONValue(parsing: "5e2").typeName == "number")
    }

    @Test("invalid documents report the problem with its line and column", arguments: [
        ("", 1, 1, "unexpected end of input, expected a value"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after object member"),
        ("[1 2]", 1, 4, "expected ',' or ']' after array element"),
        ("{\"a\" 1}", 1, 6, "expected ':' after object key"),
        ("{a: 1}", 1, 2, "expected a string as object key"),
        ("{\"a\": 1,}", 1, 9, "expected a string as object key"),
        ("[1,]", 1, 4, "unexpected ']', expected a value"),
        ("[1,\n  tru]", 2, 3, "invalid literal, expected 'true'"),
        ("nul", 1, 1, "invalid literal, expected 'null'"),
        ("01", 1, 1, "leading zeros are not allowed in numbers"),
        ("1.", 1, 3, "expected a digit after the decimal point"),
        (".5", 1, 1, "unexpected '.', expected a value"),
        ("1e", 1, 3, "expected a digit in the exponent"),
        ("-", 1, 2, "expected a digit in number"),
        ("+1", 1, 1, "unexpected '+', expected a value"),
        ("1e400", 1, 1, "number 1e400 is out of range"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\tb\"", 1, 3, "control character byte 0x9 must be escaped in a string"),
        ("\"\\x\"", 1, 2, "invalid escape '\\x' in string"),
        ("\"\\u12G4\"", 1, 6, "expected 4 hexadecimal digits in \\u escape"),
        ("\"\\ud800\"", 1, 2, "unpaired high surrogate in \\u escape"),
        ("\"\\udc00\"", 1, 2, "unpaired low surrogate in \\u escape"),
        ("\"é\" x", 1, 5, "unexpected 'x' after the JSON value"),
        ("{}\n\n  ]", 3, 3, "unexpected ']' after the JSON value"),
        ("NaN", 1, 1, "unexpected 'N', expected a value"),
        ("[1, {\"a\": [true,\n false,\n nope]}]", 3, 2, "invalid literal, expected 'null'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\" (first at line 1, column 2); a JSON object with repeated keys is ambiguous"),
    ] as [(String, Int, Int, String)])
    func rejectsInvalid(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column && error.message == message
        }
    }

    @Test("the error description names line and column")
    func errorDescription() {
        #expect(throws: JSONParseError(offset: 8, line: 1, column: 9, message: "expected ',' or '}' after object member")) {
            try JSONValue(parsing: "{\"a\": 1 \"b\": 2}")
        }
        let error = JSONParseError(offset: 6, line: 1, column: 7, message: "expected ',' or '}' after object member")
        #expect(error.description == "line 1, column 7: expected ',' or '}' after object member")
    }

    @Test("nesting up to the limit parses, one level deeper is reported, not a crash")
    func nestingLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue(parsing: deepest) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError(offset: 512, line: 1, column: 513, message: "nesting deeper than 512 levels")) {
            try JSONValue(parsing: tooDeep)
        }
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: hostile) }
    }

    @Test("invalid UTF-8 is rejected", arguments: [
        [0x22, 0xFF, 0x22] as [UInt8],
        [0x22, 0xC3, 0x22],
        [0x22, 0xED, 0xA0, 0x80, 0x22],
        [0x22, 0xC0, 0xAF, 0x22],
        [0xFF],
        [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],
    ])
    func rejectsInvalidUTF8(bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
    }

    @Test("valid UTF-8 bytes parse")
    func parsesUTF8Bytes() throws {
        let bytes: [UInt8] = [0x22, 0xC3, 0xA9, 0x22]
        #expect(try JSONValue(parsing: bytes) == "é")
    }
}
