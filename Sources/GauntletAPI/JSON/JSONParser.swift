/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// It rejects invalid UTF-8, trailing garbage, control characters in strings, lone surrogates,
/// leading zeros and nesting deeper than ``maximumDepth``.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Why a document could not be parsed.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A human-readable reason.
        public let reason: String
        /// The byte offset where parsing stopped.
        public let offset: Int
        /// The reason and the offset.
        public var description: String { "\(self.reason) at byte \(self.offset)" }
    }

    /// Parses one JSON document.
    /// - Parameter bytes: The document's bytes, which must be valid UTF-8.
    /// - Throws: ``Failure`` when the bytes are not one valid JSON document.
    public static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSONValue {
        let array = Array(bytes)
        guard String(validating: array, as: UTF8.self) != nil else {
            throw Failure(reason: "invalid UTF-8", offset: 0)
        }
        var cursor = Cursor(bytes: array)
        cursor.skipWhitespace()
        let value = try cursor.parseValue(depth: 0)
        cursor.skipWhitespace()
        guard cursor.index == array.count else {
            throw Failure(reason: "unexpected data after the document", offset: cursor.index)
        }
        return value
    }

    /// Parses one JSON document from a string.
    /// - Throws: ``Failure`` when the text is not one valid JSON document.
    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

// MARK: - Cursor

private struct Cursor {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ reason: String) -> JSONParser.Failure {
        JSONParser.Failure(reason: reason, offset: self.index)
    }

    var current: UInt8? { self.index < self.bytes.count ? self.bytes[self.index] : nil }

    mutating func skipWhitespace() {
        while let byte = self.current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            self.index += 1
        }
    }

    mutating func expectLiteral(_ literal: StaticString, value: JSONValue) throws(JSONParser.Failure) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw self.fail("unexpected end of input") }
        let matches = literal.withUTF8Buffer { buffer in
            buffer.elementsEqual(self.bytes[self.index..<self.index + count])
        }
        guard matches else { throw self.fail("invalid literal") }
        self.index += count
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONParser.Failure) -> JSONValue {
        guard depth < JSONParser.maximumDepth else { throw self.fail("nesting too deep") }
        guard let byte = self.current else { throw self.fail("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject(depth: depth)
        case UInt8(ascii: "["): return try self.parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): return try self.expectLiteral("true", value: .bool(true))
        case UInt8(ascii: "f"): return try self.expectLiteral("false", value: .bool(false))
        case UInt8(ascii: "n"): return try self.expectLiteral("null", value: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.parseNumber()
        default: throw self.fail("unexpected character")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParser.Failure) -> JSONValue {
        self.index += 1
        var members: [String: JSONValue] = [:]
        self.skipWhitespace()
        if self.current == UInt8(ascii: "}") {
            self.index += 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.current == UInt8(ascii: "\"") else { throw self.fail("expected a string key") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.current == UInt8(ascii: ":") else { throw self.fail("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            members[key] = try self.parseValue(depth: depth + 1)
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "}"):
                self.index += 1
                return .object(members)
            default: throw self.fail("expected ',' or '}'")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParser.Failure) -> JSONValue {
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "]") {
            self.index += 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.parseValue(depth: depth + 1))
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "]"):
                self.index += 1
                return .array(elements)
            default: throw self.fail("expected ',' or ']'")
            }
        }
    }

    mutating func parseHex4() throws(JSONParser.Failure) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    mutating func parseString() throws(JSONParser.Failure) -> String {
        self.index += 1
        var scalars: [UInt8] = []
        while true {
            guard let byte = self.current else { throw self.fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                self.index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                self.index += 1
                guard let escape = self.current else { throw self.fail("unterminated escape") }
                self.index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try self.parseHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard self.current == UInt8(ascii: "\\"),
                            self.index + 1 < self.bytes.count,
                            self.bytes[self.index + 1] == UInt8(ascii: "u")
                        else { throw self.fail("lone high surrogate") }
                        self.index += 2
                        let low = try self.parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw self.fail("invalid low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw self.fail("lone low surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw self.fail("invalid code point") }
                    scalars.append(contentsOf: UTF8.encode(scalar)!)
                default: throw self.fail("invalid escape")
                }
            case 0x00..<0x20:
                throw self.fail("control character in string")
            default:
                scalars.append(byte)
                self.index += 1
            }
        }
    }

    mutating func parseNumber() throws(JSONParser.Failure) -> JSONValue {
        let start = self.index
        var isInteger = true
        if self.current == UInt8(ascii: "-") { self.index += 1 }
        guard let first = self.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw self.fail("invalid number")
        }
        if first == UInt8(ascii: "0") {
            self.index += 1
        } else {
            self.skipDigits()
        }
        if self.current == UInt8(ascii: ".") {
            isInteger = false
            self.index += 1
            guard self.skipDigits() > 0 else { throw self.fail("invalid number") }
        }
        if self.current == UInt8(ascii: "e") || self.current == UInt8(ascii: "E") {
            isInteger = false
            self.index += 1
            if self.current == UInt8(ascii: "+") || self.current == UInt8(ascii: "-") { self.index += 1 }
            guard self.skipDigits() > 0 else { throw self.fail("invalid number") }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if isInteger, let integer = Int64(text) {
            return .integer(integer)
        }
        guard let double = Double(text) else { throw self.fail("invalid number") }
        return .number(double)
    }

    @discardableResult
    mutating func skipDigits() -> Int {
        var count = 0
        while let byte = self.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            self.index += 1
            count += 1
        }
        return count
    }
}
