import GauntletJSON

/// A schema's numeric keyword read as a 64-bit integer, whatever number the document wrote.
///
/// JSON Schema lets any number bound an integer; FastAPI writes `Field(le=2**63 - 1)` as
/// `"maximum": 9.223372036854776e+18` (2^63, one past `Int64.max`). Converting such a bound
/// with `Int64(_:)` traps, and OpenAPIKit refuses the document ("Expected an Integer literal but
/// found a floating point value"), so a deployment's valid document ended fuzzing before its first
/// request. Every integer the fuzzer sends fits in `Int64`, so a bound beyond it is clamped.
enum IntegerBounds {
    /// `value` rounded by `rule` and clamped to `Int64`'s range.
    static func clamped(_ value: Double, rounded rule: FloatingPointRoundingRule) -> Int64 {
        let whole = value.rounded(rule)
        // Double(Int64.max) is 2^63, itself out of range: compare with it, not convert to it.
        if whole >= 0x1p63 { return Int64.max }
        if whole < -0x1p63 || whole.isNaN { return Int64.min }
        return Int64(whole)
    }

    /// `document` with the bounds of every `integer` schema written as integers (a minimum
    /// rounded up, a maximum down, clamped), which is how OpenAPIKit reads them; the same
    /// integers a bound allows. Only the copy OpenAPIKit checks is rewritten: fuzzing reads the
    /// document as written.
    static func integral(_ document: JSONValue) -> JSONValue {
        switch document {
        case .array(let items):
            return .array(items.map(integral))
        case .object(let object):
            var members = object.mapValues(integral)
            guard members["type"]?.stringValue == "integer" else { return .object(members) }
            for (key, rule) in [("minimum", .up), ("exclusiveMinimum", .down), ("maximum", .down), ("exclusiveMaximum", .up), ("multipleOf", .up)] as [(String, FloatingPointRoundingRule)] {
                if case .double(let bound)? = members[key] {
                    _ = members.updateValue(.integer(clamped(bound, rounded: rule)), forKey: key)
                }
            }
            return .object(members)
        default:
            return document
        }
    }
}
