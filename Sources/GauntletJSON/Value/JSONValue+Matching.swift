extension JSONValue {
    /// Numeric-aware equality: `.integer(500)` and `.double(500.0)` are equal here; everything else is
    /// compared structurally (arrays element by element, objects by key set and member), strings and keys
    /// by Unicode scalars (`"\u{F1}"` is not `"n\u{303}"`).
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer(let left), .integer(let right)):
            return left == right
        case (.integer, .double), (.double, .integer), (.double, .double):
            return Self.numbersEqual(self, other)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            return left.allSatisfy { key, value in right[key].map { value.isEquivalent(to: $0) } ?? false }
        default:
            return self == other
        }
    }

    /// Subset match: every key of `expected` (recursively for objects) is present in `self` with an equivalent
    /// value; arrays match element-wise and must have equal length; numbers match numerically.
    /// - Parameters:
    ///   - expected: the pattern to match.
    ///   - path: the JSONPath of `self`, used as the prefix of mismatch paths.
    /// - Returns: `nil` when `self` matches, else the first mismatch in key order.
    public func firstMismatch(against expected: JSONValue, path: String = "$") -> JSONMismatch? {
        switch (expected, self) {
        case (.object(let expectedMembers), .object(let actualMembers)):
            for key in expectedMembers.keys.sorted(by: ScalarExactString.precedes) {
                let memberPath = Self.appending(key: key, to: path)
                guard let actual = actualMembers[key] else {
                    return JSONMismatch(
                        path: memberPath, expected: expectedMembers[key]!, actual: nil,
                        message: "missing; expected \(expectedMembers[key]!.preview(limit: 80))")
                }
                if let mismatch = actual.firstMismatch(against: expectedMembers[key]!, path: memberPath) {
                    return mismatch
                }
            }
            return nil
        case (.array(let expectedElements), .array(let actualElements)):
            guard expectedElements.count == actualElements.count else {
                return JSONMismatch(
                    path: path, expected: expected, actual: self,
                    message: "expected an array of \(expectedElements.count) elements, got \(actualElements.count)")
            }
            for (index, pair) in zip(expectedElements, actualElements).enumerated() {
                if let mismatch = pair.1.firstMismatch(against: pair.0, path: "\(path)[\(index)]") {
                    return mismatch
                }
            }
            return nil
        default:
            guard !isEquivalent(to: expected) else { return nil }
            return JSONMismatch(
                path: path, expected: expected, actual: self,
                message: "expected \(expected.typedPreview), got \(typedPreview)")
        }
    }

    /// Containment, as a `contains` assertion means it: a string holds `needle` (a string) as a run of
    /// Unicode scalars, an array holds an element equivalent to `needle`, an object has a member whose key
    /// is exactly `needle` (a string). Anything else contains nothing.
    public func contains(_ needle: JSONValue) -> Bool {
        switch (self, needle) {
        case (.string(let text), .string(let part)): ScalarExactString.contains(text, part)
        case (.array(let elements), _): elements.contains { $0.isEquivalent(to: needle) }
        case (.object(let members), .string(let key)): members[key] != nil
        default: false
        }
    }

    /// The type name and a short preview: `string "500"`, `integer 500`, `null`.
    var typedPreview: String {
        switch self {
        case .null: "null"
        case .array(let elements): "array of \(elements.count) elements"
        case .object(let members): "object with \(members.count) members"
        default: "\(typeName) \(preview(limit: 80))"
        }
    }

    /// `path.key` for identifier-like keys, else `path['key']` with the key escaped.
    static func appending(key: String, to path: String) -> String {
        if let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
            key.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        {
            return "\(path).\(key)"
        }
        return "\(path)[\(JSONPath.stringLiteral(key))]"
    }

    /// Compares two numbers exactly: two integers as integers, otherwise through `Double` only when the
    /// integer converts without loss (so 2^53+1 is not equal to 2^53 as a double).
    static func numbersEqual(_ left: JSONValue, _ right: JSONValue) -> Bool {
        compareNumbers(left, right) == 0
    }

    /// -1, 0 or 1 for two numbers; `nil` when either is not a number.
    static func compareNumbers(_ left: JSONValue, _ right: JSONValue) -> Int? {
        switch (left, right) {
        case (.integer(let a), .integer(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.double(let a), .double(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let a), .double(let b)):
            return compare(integer: a, double: b)
        case (.double(let a), .integer(let b)):
            return -compare(integer: b, double: a)
        default:
            return nil
        }
    }

    private static func compare(integer: Int64, double: Double) -> Int {
        if double.isNaN { return 1 }
        // Outside Int64's range the double decides; inside, compare exactly through the integer part.
        if double >= 9_223_372_036_854_775_808.0 { return -1 }
        if double < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = Int64(double.rounded(.down))
        if integer != whole { return integer < whole ? -1 : 1 }
        return double == double.rounded(.down) ? 0 : -1
    }
}
