/// A JSON value that keeps integers and non-integers apart (`500` vs `500.0`), which contract checks need.
///
/// Parse one with ``init(parsing:)-(Collection<UInt8>)``, write one with ``serialized(pretty:sortedKeys:)``,
/// compare two with ``isEquivalent(to:)`` or ``firstMismatch(against:path:)``. Equality is structural and
/// compares strings and keys by Unicode scalars, as JSON does, not by Swift's canonical equivalence.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or an exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number: written with a fraction or an exponent, or an integer beyond `Int64`.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object: its members in written order, keys compared by Unicode scalars.
    case object(JSONObject)
}

// MARK: - Accessors

extension JSONValue {
    /// The JSON Schema name of the value's type: `null`, `boolean`, `integer`, `number`, `string`, `array`
    /// or `object`. A `.double` is always `number`, even when its value is integral.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Whether the value is of the JSON Schema type named `type`, as JSON Schema tests it: a
    /// number with an integral value (`500.0`) is an `integer`, and every integer a `number`.
    /// (``typeName`` tells how the value was written; this tells what it is.)
    public func hasType(_ type: String) -> Bool {
        switch (type, self) {
        case ("integer", .double(let double)): double.isFinite && double == double.rounded()
        case ("number", .integer), ("number", .double): true
        default: typeName == type
        }
    }

    /// The member named `key` when the value is an object holding it, else `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The element at `index` when the value is an array long enough, else `nil`.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, when the value is one.
    public var stringValue: String? {
        if case .string(let string) = self { string } else { nil }
    }

    /// The integer, when the value is an `.integer`.
    public var intValue: Int64? {
        if case .integer(let integer) = self { integer } else { nil }
    }

    /// The number as a `Double`, when the value is an `.integer` or a `.double`.
    public var doubleValue: Double? {
        switch self {
        case .integer(let integer): Double(integer)
        case .double(let double): double
        default: nil
        }
    }

    /// The Boolean, when the value is one.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { bool } else { nil }
    }

    /// The elements, when the value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The members, when the value is an object.
    public var objectValue: JSONObject? {
        if case .object(let members) = self { members } else { nil }
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        self == .null
    }
}
