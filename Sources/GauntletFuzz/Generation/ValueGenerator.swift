import Foundation
import GauntletJSON

/// Generates JSON values from schemas: the smallest, the largest, alternative spellings and
/// random ones in between, from a seeded generator so that a seed always gives the same values.
///
/// What it makes is a candidate: ``CaseGenerator`` keeps it only when the validator accepts it,
/// since a pattern or a `not` can rule out what the keywords read here allow.
struct ValueGenerator {
    /// Which values to prefer.
    enum Style: Sendable {
        /// Lower bounds: shortest strings, smallest numbers, only required properties.
        case minimal
        /// Upper bounds: longest strings, largest numbers, every property.
        case maximal
        /// Valid spellings a strict parser may refuse: integers as `500.0`, non-ASCII text, a
        /// property the schema does not name where it allows others.
        case alternative
        /// Anything in between; for an integer without a maximum, now and then a width where
        /// stores overflow (``ValueGenerator/overflowBoundaries(from:format:)``).
        case random
    }

    let document: JSONValue
    var random: SeededGenerator
    var style: Style

    mutating func value(for schema: JSONValue, depth: Int = 0) -> JSONValue {
        var random = self.random
        let style = self.style
        let view = SchemaView(schema, in: document, branch: { count in
            style == .minimal ? 0 : Int.random(in: 0..<count, using: &random)
        })
        self.random = random
        if let constant = view["const"] { return constant }
        if let choices = view["enum"]?.arrayValue, !choices.isEmpty {
            return style == .minimal ? choices[0] : choices[Int.random(in: 0..<choices.count, using: &self.random)]
        }
        var types = view.types.filter { $0 != "null" }
        if types.isEmpty { types = view.types.isEmpty ? ["string"] : ["null"] }
        let type = style == .random ? types[Int.random(in: 0..<types.count, using: &self.random)] : types[0]
        switch type {
        case "object": return object(view, depth: depth)
        case "array": return array(view, depth: depth)
        case "integer": return integer(view)
        case "number": return number(view)
        case "boolean": return .bool(style == .minimal ? false : Bool.random(using: &self.random))
        case "null": return .null
        default: return .string(string(view))
        }
    }

    private mutating func object(_ view: SchemaView, depth: Int) -> JSONValue {
        var members = JSONObject()
        let required = Set(view.required)
        let minimum = view.count("minProperties", atMost: SchemaView.largestItemCount) ?? 0
        for (name, schema) in view.properties {
            if schema == .bool(false) { continue }
            let include: Bool = switch style {
            case .minimal: required.contains(name)
            case .maximal, .alternative: true
            case .random: required.contains(name) || Bool.random(using: &random)
            }
            if include || members.count < minimum, depth < 8 {
                _ = members.updateValue(value(for: schema, depth: depth + 1), forKey: name)
            }
        }
        for name in view.required where members[name] == nil {
            _ = members.updateValue(.string(letters(3)), forKey: name)
        }
        // A property the schema does not name, where it allows one: ignoring unknown fields
        // is what such a schema promises.
        if style == .alternative, view["additionalProperties"] == nil || view["additionalProperties"] == .bool(true),
            view["unevaluatedProperties"] == nil, members["fuzzExtra"] == nil {
            _ = members.updateValue(.string("extra"), forKey: "fuzzExtra")
        }
        return .object(members)
    }

    private mutating func array(_ view: SchemaView, depth: Int) -> JSONValue {
        let low = view.count("minItems", atMost: SchemaView.largestItemCount) ?? 0
        let high = min(view.count("maxItems", atMost: SchemaView.largestItemCount) ?? low + 3, low + 5)
        let count = switch style {
        case .minimal: low
        case .maximal, .alternative: high
        case .random: Int.random(in: low...max(low, high), using: &random)
        }
        guard depth < 8, count > 0 else { return .array([]) }
        let items = view["items"] ?? .object([:])
        var elements: [JSONValue] = []
        for _ in 0..<count {
            let element = value(for: items, depth: depth + 1)
            if view["uniqueItems"]?.boolValue == true, elements.contains(element) { continue }
            elements.append(element)
        }
        return .array(elements)
    }

    private mutating func integer(_ view: SchemaView) -> JSONValue {
        // Bounds beyond 64 bits (FastAPI writes `le=2**63 - 1` as 2^63) are clamped, and so is
        // the arithmetic on them.
        var low = view.bound("minimum", rounded: .up)
            ?? view.bound("exclusiveMinimum", rounded: .down).map { $0.addingClamped(1) } ?? 0
        var high = view.bound("maximum", rounded: .down)
            ?? view.bound("exclusiveMaximum", rounded: .up).map { $0.addingClamped(-1) } ?? low.addingClamped(100_000)
        if view["minimum"] == nil, view["exclusiveMinimum"] == nil, view["maximum"] != nil { low = high.addingClamped(-100_000) }
        high = max(low, high)
        var chosen = switch style {
        case .minimal: low
        case .maximal: high
        case .alternative, .random: Int64.random(in: low...high, using: &random)
        }
        if style == .random, view["maximum"] == nil, view["exclusiveMaximum"] == nil, Int.random(in: 0..<4, using: &random) == 0 {
            let widths = Self.overflowBoundaries(from: low, format: view["format"]?.stringValue)
            if !widths.isEmpty { chosen = widths[Int.random(in: 0..<widths.count, using: &random)] }
        }
        if let multiple = view.bound("multipleOf", rounded: .towardZero), multiple >= 1 {
            chosen = (chosen / multiple) * multiple
            if chosen < low { chosen = chosen.addingClamped(multiple) }
        }
        // An integer written with a zero fraction is still an integer to JSON Schema (and to
        // pydantic); a deployment that refuses it rejects valid data.
        // Only where the double is exact: 2^63 - 1 as a double is 2^63, another integer.
        return style == .alternative && chosen.magnitude <= 1 << 53 ? .double(Double(chosen)) : .integer(chosen)
    }

    /// Values where stores overflow: 32-bit integers (2^31 - 1, 2^31, 2^32), doubles' exact
    /// integers (2^53, 2^53 + 1) and 64-bit integers (2^63 - 1), from `low` up to the largest
    /// `format` allows (`int32`: 2^31 - 1). An integer without a maximum otherwise never went
    /// above its minimum + 100 000, so a deployment answering 500 to a large valid value was
    /// never found; a value the schema allows must be accepted, so none goes beyond the format.
    static func overflowBoundaries(from low: Int64, format: String?) -> [Int64] {
        let largest = format == "int32" ? Int64(Int32.max) : Int64.max
        let widths: [Int64] = [(1 << 31) - 1, 1 << 31, 1 << 32, 1 << 53, (1 << 53) + 1, Int64.max]
        return widths.filter { $0 >= low && $0 <= largest }
    }

    private mutating func number(_ view: SchemaView) -> JSONValue {
        let low = view.number("minimum") ?? view.number("exclusiveMinimum").map { $0 + 0.5 } ?? 0
        let high = max(low, view.number("maximum") ?? view.number("exclusiveMaximum").map { $0 - 0.5 } ?? low + 1000)
        return switch style {
        case .minimal: .double(low)
        case .maximal: .double(high)
        // Bounds as far apart as ±1e308 span more than a double holds: halves never overflow.
        case .alternative, .random: .double((Double.random(in: (low / 2)...(high / 2), using: &random) * 2 * 100).rounded() / 100)
        }
    }

    private mutating func string(_ view: SchemaView) -> String {
        switch view["format"]?.stringValue {
        case "date": return date()
        case "date-time": return date() + "T10:30:00Z"
        case "email": return letters(6).lowercased() + "@example.com"
        case "uuid": return uuid()
        default: break
        }
        if let pattern = view["pattern"]?.stringValue, let generator = PatternGenerator(pattern), !SchemaView.matches(letters(1), pattern) || Bool.random(using: &random) {
            // A pattern that plain letters do not match (a date, a code) is followed; one they
            // match (`\S`) is followed half of the time, for variety.
            let text = generator.string(short: style == .minimal, using: &random)
            if style != .maximal || view["maxLength"] == nil { return text }
        }
        let low = view.count("minLength") ?? 0
        let high = min(view.count("maxLength") ?? low + 24, 4096)
        var length = switch style {
        case .minimal: low
        case .maximal: high
        case .alternative, .random: Int.random(in: low...max(low, min(high, low + 24)), using: &random)
        }
        if view["pattern"] != nil { length = max(length, 1) }
        if style == .alternative, view["pattern"] == nil, length >= 2 {
            return String(letters(length - 1)) + "é"
        }
        return letters(length)
    }

    private mutating func letters(_ count: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }

    private mutating func date() -> String {
        let year = style == .minimal ? 2000 : Int.random(in: 2000...2030, using: &random)
        let month = style == .minimal ? 1 : Int.random(in: 1...12, using: &random)
        let day = style == .minimal ? 1 : Int.random(in: 1...28, using: &random)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        let digits = (0..<32).map { _ in hex[Int.random(in: 0..<16, using: &random)] }
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
        return groups.joined(separator: "-")
    }
}
