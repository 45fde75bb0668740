extension JSONValue {
    /// Structural equality: same case and same contents. Strings and object keys are compared by Unicode
    /// scalars (RFC 8259 §8.3), so `"\u{F1}"` and `"n\u{303}"` differ; objects ignore member order;
    /// `.integer(1)` and `.double(1)` differ (use ``isEquivalent(to:)`` to compare numbers by value).
    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): ScalarExactString.equal(a, b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    /// Hashes consistently with `==`: strings by their scalars, objects independently of member order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0)
        case .bool(let bool):
            hasher.combine(1)
            hasher.combine(bool)
        case .integer(let integer):
            hasher.combine(2)
            hasher.combine(integer)
        case .double(let double):
            hasher.combine(3)
            hasher.combine(double)
        case .string(let string):
            hasher.combine(4)
            ScalarExactString.hash(string, into: &hasher)
        case .array(let elements):
            hasher.combine(5)
            hasher.combine(elements)
        case .object(let members):
            hasher.combine(6)
            hasher.combine(members)
        }
    }
}
