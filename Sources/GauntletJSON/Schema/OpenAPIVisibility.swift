/// OpenAPI's reading of `readOnly` and `writeOnly` on a property: one marked `readOnly` is sent in
/// responses only, so `required` asks for it in responses only; one marked `writeOnly` is sent in
/// requests only (a `password`), so `required` asks for it in requests only. OpenAPI 3.0 says so;
/// 3.1 leaves it to tools, and JSON Schema alone takes both keywords as annotations, under which a
/// correct deployment's user without its `password` would fail its schema, and a create without
/// the server's `id` would be invalid.
///
/// A property is found where documents put it: in `properties`, in an `allOf` member, an
/// `anyOf`/`oneOf` alternative or a `$ref` beside them (a `required` list apart from the
/// properties it names, `allOf: [{$ref: Base}, {required: […]}]`), and marked on itself, on its
/// `$ref`'s target, in an `allOf` wrapper (`{allOf: [{$ref: Password}], description: …}`, as
/// pydantic writes a described field) or in every alternative of an `anyOf`/`oneOf` but `null`
/// (`{anyOf: [{$ref: Password}, {type: null}]}`, as pydantic writes an `Optional` field).
public enum OpenAPIVisibility {
    /// Which way a message goes, and so which properties it leaves out.
    public enum Direction: Sendable {
        /// Sent by the client: `readOnly` properties are left out.
        case request
        /// Sent by the deployment: `writeOnly` properties are left out.
        case response

        /// The keyword that leaves a property out of messages going this way.
        var hidingKeyword: String { self == .request ? "readOnly" : "writeOnly" }
    }

    /// How deep references and `allOf`s are followed: a document's cycles end there.
    static let depthLimit = 16

    /// `document` with each `required` list freed of the properties a message going `direction`
    /// leaves out, and a `minProperties` that counted them (OpenAPIKit writes the number of
    /// required properties there when it converts a 3.0 document) lowered by as many. Nothing
    /// else changes, so every pointer into `document` resolves the same in what is returned.
    public static func document(_ document: JSONValue, for direction: Direction) -> JSONValue {
        view(of: document, root: document, for: direction)
    }

    /// Whether a message going `direction` leaves out a property with schema `schema` (one of
    /// `document`'s): marked `readOnly` (requests) or `writeOnly` (responses), itself, at the end
    /// of its `$ref`s or in one of its `allOf` members.
    public static func hides(_ schema: JSONValue, in document: JSONValue, for direction: Direction) -> Bool {
        hides(schema, in: document, for: direction, depth: 0)
    }

    /// What a deployment can give back of `value`, a request body valid against `schema`: its
    /// members at any depth but those marked `writeOnly` (a `password`) and, where the schema
    /// names properties, those it does not name, which a deployment may drop as unknown.
    public static func givenBack(of value: JSONValue, schema: JSONValue, document: JSONValue) -> JSONValue {
        stripping(value, schema: schema, document: document, depth: 0)
    }

    /// The schemas of the properties `schema` names: its own `properties`, and those of its
    /// `$ref`s, `allOf` members and `anyOf`/`oneOf` alternatives, the nearest first.
    public static func propertySchemas(of schema: JSONValue, in document: JSONValue) -> [String: JSONValue] {
        propertyCandidates(of: schema, in: document).compactMapValues(\.first)
    }

    /// Every schema `schema` gives each property it names, the nearest first: alternatives may
    /// each name a property of their own kind.
    private static func propertyCandidates(of schema: JSONValue, in document: JSONValue) -> [String: [JSONValue]] {
        var found: [String: [JSONValue]] = [:]
        collectProperties(of: schema, in: document, into: &found, depth: 0)
        return found
    }

    private static func hides(_ schema: JSONValue, in document: JSONValue, for direction: Direction, depth: Int) -> Bool {
        guard depth < depthLimit, case .object(let members) = schema else { return false }
        if members[direction.hidingKeyword] == .bool(true) { return true }
        if let target = resolve(members["$ref"], in: document), hides(target, in: document, for: direction, depth: depth + 1) { return true }
        if (members["allOf"]?.arrayValue ?? []).contains(where: { hides($0, in: document, for: direction, depth: depth + 1) }) { return true }
        // pydantic writes an `Optional` field as `anyOf: [{$ref: …}, {type: null}]`: hidden when
        // every alternative but `null` is.
        return ["anyOf", "oneOf"].contains { keyword in
            let alternatives = (members[keyword]?.arrayValue ?? []).filter { !allowsNullOnly($0) }
            return !alternatives.isEmpty && alternatives.allSatisfy { hides($0, in: document, for: direction, depth: depth + 1) }
        }
    }

    /// Whether `schema` admits `null` and nothing else: the second alternative of an `Optional`.
    private static func allowsNullOnly(_ schema: JSONValue) -> Bool {
        guard case .object(let members) = schema else { return false }
        switch members["type"] {
        case .string("null")?, .array([.string("null")])?: return true
        default: return members["const"] == .null || members["enum"] == .array([.null])
        }
    }

    private static func collectProperties(of schema: JSONValue, in document: JSONValue, into found: inout [String: [JSONValue]], depth: Int) {
        guard depth < depthLimit, case .object(let members) = schema else { return }
        if case .object(let properties)? = members["properties"] {
            for (name, property) in properties { found[name, default: []].append(property) }
        }
        if let target = resolve(members["$ref"], in: document) { collectProperties(of: target, in: document, into: &found, depth: depth + 1) }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for member in members[keyword]?.arrayValue ?? [] { collectProperties(of: member, in: document, into: &found, depth: depth + 1) }
        }
    }

    private static func resolve(_ reference: JSONValue?, in document: JSONValue) -> JSONValue? {
        guard let reference = reference?.stringValue, reference.hasPrefix("#"), let pointer = try? JSONPointer(reference) else { return nil }
        return pointer.resolve(in: document)
    }

    private static func view(of value: JSONValue, root: JSONValue, for direction: Direction) -> JSONValue {
        switch value {
        case .object(let members):
            var object = members.mapValues { view(of: $0, root: root, for: direction) }
            let properties = propertySchemas(of: value, in: root)
            freeRequired(&object, properties: properties, root: root, for: direction)
            // An inline member's `required` may name properties its siblings hold.
            for keyword in ["allOf", "anyOf", "oneOf"] {
                guard case .array(let parts)? = object[keyword] else { continue }
                object[keyword] = .array(parts.map { part in
                    guard case .object(var member) = part else { return part }
                    freeRequired(&member, properties: properties.merging(propertySchemas(of: part, in: root)) { _, own in own }, root: root, for: direction)
                    return .object(member)
                })
            }
            return .object(object)
        case .array(let elements):
            return .array(elements.map { view(of: $0, root: root, for: direction) })
        default:
            return value
        }
    }

    /// `object` with `names` gone from its `required`, and its `minProperties`, where it counted
    /// the required properties, lowered by as many as went.
    public static func freeing(_ names: Set<String>, in object: JSONObject) -> JSONObject {
        guard case .array(let required)? = object["required"] else { return object }
        let kept = required.filter { !names.contains($0.stringValue ?? "") }
        guard kept.count < required.count else { return object }
        var freed = object
        freed["required"] = .array(kept)
        if case .integer(let minimum)? = object["minProperties"], minimum >= Int64(required.count) {
            freed["minProperties"] = .integer(minimum - Int64(required.count - kept.count))
        }
        return freed
    }

    /// `object` freed (``freeing(_:in:)``) of the required names whose schema in `properties` a
    /// message going `direction` leaves out.
    private static func freeRequired(_ object: inout JSONObject, properties: [String: JSONValue], root: JSONValue, for direction: Direction) {
        guard case .array(let required)? = object["required"] else { return }
        let hidden = required.compactMap(\.stringValue).filter { properties[$0].map { hides($0, in: root, for: direction) } ?? false }
        object = freeing(Set(hidden), in: object)
    }

    private static func stripping(_ value: JSONValue, schema: JSONValue, document: JSONValue, depth: Int) -> JSONValue {
        guard depth < depthLimit else { return value }
        switch value {
        case .object(let members):
            let properties = propertyCandidates(of: schema, in: document)
            guard !properties.isEmpty else { return value }
            var kept = JSONObject()
            for (name, member) in members {
                // Which alternative a body took is not known here: a member any of them hides is left out.
                guard let candidates = properties[name], !candidates.contains(where: { hides($0, in: document, for: .response) }) else { continue }
                let property = candidates.count == 1 ? candidates[0] : .object(["anyOf": .array(candidates)])
                kept[name] = stripping(member, schema: property, document: document, depth: depth + 1)
            }
            return .object(kept)
        case .array(let elements):
            guard let items = itemSchema(of: schema, in: document, depth: depth) else { return value }
            return .array(elements.map { stripping($0, schema: items, document: document, depth: depth + 1) })
        default:
            return value
        }
    }

    /// The `items` schema of `schema`, found through its `$ref`s, `allOf` members and `anyOf`/`oneOf`
    /// alternatives (an `Optional` list).
    private static func itemSchema(of schema: JSONValue, in document: JSONValue, depth: Int) -> JSONValue? {
        guard depth < depthLimit, case .object(let members) = schema else { return nil }
        if let items = members["items"] { return items }
        if let target = resolve(members["$ref"], in: document), let items = itemSchema(of: target, in: document, depth: depth + 1) { return items }
        let parts = ["allOf", "anyOf", "oneOf"].flatMap { members[$0]?.arrayValue ?? [] }
        return parts.lazy.compactMap { itemSchema(of: $0, in: document, depth: depth + 1) }.first
    }
}
