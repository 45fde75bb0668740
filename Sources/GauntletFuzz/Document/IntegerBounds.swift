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

    /// `document` with every count (`minLength: 1e9`) and the bounds of every `integer` schema
    /// written as integers, which is how
    /// OpenAPIKit reads them: a minimum rounded up and a maximum down (an exclusive one the
    /// other way, 3.1's number or 3.0's `true` beside it), clamped to 64 bits, and a fractional
    /// `multipleOf` as the least integer it divides (2.5: 5). The integers each allows are the
    /// same. A 3.1 document is fuzzed as written (only this copy is checked); a 3.0 one is fuzzed
    /// as OpenAPIKit converts this copy.
    static func integral(_ document: JSONValue) -> JSONValue {
        switch document {
        case .array(let items):
            return .array(items.map(integral))
        case .object(let object):
            var members = object.mapValues(integral)
            // Counts are integers to JSON Schema however written (`1e9`); OpenAPIKit reads only a literal.
            for key in Self.counts {
                if case .double(let count)? = members[key], count == count.rounded() {
                    _ = members.updateValue(.integer(clamped(count, rounded: .down)), forKey: key)
                }
            }
            let types = members["type"].flatMap { $0.arrayValue ?? [$0] }?.compactMap(\.stringValue) ?? []
            guard types.contains("integer"), !types.contains("number") else { return .object(members) }
            let exclusiveMinimum = members["exclusiveMinimum"] == .bool(true)
            let exclusiveMaximum = members["exclusiveMaximum"] == .bool(true)
            let rules: [(String, FloatingPointRoundingRule)] = [
                ("minimum", exclusiveMinimum ? .down : .up), ("exclusiveMinimum", .down),
                ("maximum", exclusiveMaximum ? .up : .down), ("exclusiveMaximum", .up),
            ]
            for (key, rule) in rules {
                if case .double(let bound)? = members[key] {
                    _ = members.updateValue(.integer(clamped(bound, rounded: rule)), forKey: key)
                }
            }
            if case .double(let step)? = members["multipleOf"], let whole = leastIntegerMultiple(of: step) {
                _ = members.updateValue(.integer(whole), forKey: "multipleOf")
            }
            return .object(members)
        default:
            return document
        }
    }

    /// The keywords whose value is a count of characters, items or properties.
    static let counts = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"]

    /// The least integer that is a multiple of `step` (2.5: 5, 0.3: 3, 4.0: 4; a whole step past
    /// 64 bits clamped, as bounds are), `nil` when no small one is.
    static func leastIntegerMultiple(of step: Double) -> Int64? {
        guard step > 0 else { return nil }
        if step >= 0x1p53 { return clamped(step, rounded: .down) }  // every double this large is whole
        for factor in 1...1_000 {
            let product = step * Double(factor)
            let whole = product.rounded()
            if whole >= 1, abs(product - whole) <= 1e-9 * whole { return Int64(whole) }
        }
        return nil
    }
}

extension Int64 {
    /// `self + other`, or the nearest bound of `Int64` where the sum would overflow: arithmetic
    /// on a clamped bound stays clamped.
    func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
