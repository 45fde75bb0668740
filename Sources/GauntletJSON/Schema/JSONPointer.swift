import Foundation

/// An RFC 6901 JSON Pointer, written plainly (`/components/schemas/Event`) or as a URI fragment
/// (`#/components/schemas/Event`, percent-decoded).
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, unescaped (`~1` is `/`, `~0` is `~`).
    public let tokens: [String]

    /// Parses a pointer.
    /// - Throws: ``JSONSchemaError`` when the text is neither empty nor starts with `/` (after an optional `#`),
    ///   or has a `~` not followed by `0` or `1`, or a bad percent escape in fragment form.
    public init(_ text: String) throws(JSONSchemaError) {
        var body = text
        if body.hasPrefix("#") {
            body.removeFirst()
            guard let decoded = body.removingPercentEncodingStrictly() else {
                throw JSONSchemaError("invalid percent-encoding in JSON Pointer '\(text)'")
            }
            body = decoded
        }
        guard !body.isEmpty else {
            tokens = []
            return
        }
        guard body.hasPrefix("/") else {
            throw JSONSchemaError("JSON Pointer '\(text)' must be empty or start with '/'")
        }
        var tokens: [String] = []
        for rawToken in body.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = rawToken.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else { token.append(character); continue }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONSchemaError("JSON Pointer '\(text)' has '~' not followed by '0' or '1'")
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// Creates a pointer from unescaped tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// The value the pointer designates in `document`, or `nil` when a token does not resolve.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let member = members[token] else { return nil }
                current = member
            case .array(let elements):
                guard token == "0" || (!token.hasPrefix("0") && token.allSatisfy(\.isASCIIDigitCharacter)),
                    let index = Int(token), elements.indices.contains(index)
                else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The fragment form: `#/components/schemas/Event`.
    public var description: String {
        "#" + tokens.map { "/" + Self.escape($0) }.joined()
    }

    /// A pointer one token deeper.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// Escapes `~` and `/` in a token.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool {
        isASCII && isNumber
    }
}

extension String {
    /// Decodes `%XX` escapes; `nil` when an escape is malformed or the result is not UTF-8.
    fileprivate func removingPercentEncodingStrictly() -> String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
            utf8 = utf8.dropFirst(2)
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
