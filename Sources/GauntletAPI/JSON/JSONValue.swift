/// A parsed JSON value that keeps integers, floating-point numbers and booleans apart.
///
/// `JSONSerialization` on Linux turns `true`, `500` and `500.0` into the same `NSNumber`, which
/// would let a boolean or a float pass as a capacity; this type never conflates them.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    /// Any other number (with a fraction or an exponent, or too large for 64 bits).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; when a key repeats, the last value wins.
    case object([String: JSONValue])

    /// The name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
