import Foundation
import GauntletJSON

/// A schema with `$ref`, `allOf` and one chosen `anyOf`/`oneOf` branch merged into one object,
/// so that generators read `type`, `properties`, `required` and bounds in one place. It reads a
/// schema as a request does: without its `readOnly` properties (``OpenAPIVisibility``), which
/// are the server's to fill (an `id`), so that nothing generates, mutates or names them.
struct SchemaView {
    /// `false` for a schema that accepts nothing (`false`, `not: {}`).
    var acceptsAnything: Bool
    var members: JSONObject

    subscript(key: String) -> JSONValue? { members[key] }

    /// The types the schema allows, inferred from its keywords when it names none.
    var types: [String] {
        switch members["type"] {
        case .string(let type)?: return [type]
        case .array(let list)?: return list.compactMap(\.stringValue)
        default:
            if members["properties"] != nil || members["required"] != nil { return ["object"] }
            if members["items"] != nil || members["prefixItems"] != nil { return ["array"] }
            if members["minLength"] != nil || members["maxLength"] != nil || members["pattern"] != nil || members["format"] != nil { return ["string"] }
            if members["minimum"] != nil || members["maximum"] != nil || members["multipleOf"] != nil { return ["number"] }
            return []
        }
    }

    var properties: [(String, JSONValue)] {
        guard case .object(let object)? = members["properties"] else { return [] }
        return object.map { ($0.key, $0.value) }
    }

    var required: [String] {
        members["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    func number(_ key: String) -> Double? { members[key]?.doubleValue }
    /// `key`'s number as a 64-bit integer, rounded by `rule` and clamped (``IntegerBounds``).
    func bound(_ key: String, rounded rule: FloatingPointRoundingRule) -> Int64? {
        members[key]?.doubleValue.map { IntegerBounds.clamped($0, rounded: rule) }
    }

    /// `key`'s number as an integer, its fraction dropped, clamped to 64 bits.
    func integer(_ key: String) -> Int? { bound(key, rounded: .towardZero).map(Int.init) }

    /// The most characters the fuzzer puts in one string it builds.
    static let largestCount = 1 << 16
    /// The most items or properties it puts in one array or object: nested, they multiply.
    static let largestItemCount = 256

    /// `key` (`minLength`, `maxItems`, …) as a count the fuzzer builds: from 0 to `largest`, so
    /// that a document's `minLength: 1e9` cannot make it build gigabytes. A value that then falls
    /// short of its schema fails the check every value passes before it is sent, and is not sent.
    func count(_ key: String, atMost largest: Int = largestCount) -> Int? {
        integer(key).map { min(max($0, 0), largest) }
    }

    /// Whether `text` matches an ECMA-262-like `pattern` (searching, as JSON Schema does).
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return true }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Resolves `schema` in `document`; `branch` picks among `anyOf`/`oneOf` alternatives.
    init(_ schema: JSONValue, in document: JSONValue, branch: (Int) -> Int = { _ in 0 }, depth: Int = 0) {
        let resolved = APIDocument.followingReferences(schema, in: document).value
        switch resolved {
        case .bool(let accepts):
            self.init(acceptsAnything: accepts, members: JSONObject())
            return
        case .object(let object):
            var merged = object
            merged.removeValue(forKey: "$ref")
            merged.removeValue(forKey: "allOf")
            merged.removeValue(forKey: "anyOf")
            merged.removeValue(forKey: "oneOf")
            var parts: [JSONValue] = object["allOf"]?.arrayValue ?? []
            for key in ["anyOf", "oneOf"] {
                if let alternatives = object[key]?.arrayValue, !alternatives.isEmpty {
                    parts.append(alternatives[branch(alternatives.count) % alternatives.count])
                }
            }
            if let reference = object["$ref"], object.count > 1 { parts.append(.object(["$ref": reference])) }
            for part in parts where depth < 8 {
                let view = SchemaView(part, in: document, branch: branch, depth: depth + 1)
                guard view.acceptsAnything else { self.init(acceptsAnything: false, members: JSONObject()); return }
                merged = Self.merge(merged, view.members)
            }
            // Once every part is merged: a `required` in one `allOf` member may name another's property.
            self.init(acceptsAnything: true, members: depth == 0 ? Self.withoutReadOnlyProperties(merged, in: document) : merged)
        default:
            self.init(acceptsAnything: true, members: JSONObject())
        }
    }

    private init(acceptsAnything: Bool, members: JSONObject) {
        self.acceptsAnything = acceptsAnything
        self.members = members
    }

    /// `members` without the properties a request leaves out, in `properties` and in `required`,
    /// and a `minProperties` that counted them lowered as much (``OpenAPIVisibility``).
    private static func withoutReadOnlyProperties(_ members: JSONObject, in document: JSONValue) -> JSONObject {
        guard case .object(let properties)? = members["properties"] else { return members }
        let hidden = Set(properties.filter { OpenAPIVisibility.hides($0.value, in: document, for: .request) }.map(\.key))
        guard !hidden.isEmpty else { return members }
        var kept = OpenAPIVisibility.freeing(hidden, in: members)
        kept["properties"] = .object(JSONObject(properties.filter { !hidden.contains($0.key) }.map { ($0.key, $0.value) }))
        return kept
    }

    /// `base` with `extra`'s keywords: properties and required united, others kept from `base`.
    private static func merge(_ base: JSONObject, _ extra: JSONObject) -> JSONObject {
        var merged = base
        for (key, value) in extra {
            switch key {
            case "properties":
                var properties: JSONObject = if case .object(let existing)? = merged["properties"] { existing } else { JSONObject() }
                if case .object(let more) = value {
                    for (name, schema) in more where properties[name] == nil { _ = properties.updateValue(schema, forKey: name) }
                }
                _ = merged.updateValue(.object(properties), forKey: "properties")
            case "required":
                var names = merged["required"]?.arrayValue ?? []
                for name in value.arrayValue ?? [] where !names.contains(name) { names.append(name) }
                _ = merged.updateValue(.array(names), forKey: "required")
            default:
                if merged[key] == nil { _ = merged.updateValue(value, forKey: key) }
            }
        }
        return merged
    }
}
