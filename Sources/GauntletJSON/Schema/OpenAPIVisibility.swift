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
    /// of its `$ref`s, in one of its `allOf` members or in every `anyOf`/`oneOf` alternative but
    /// `null`.
    public static func hides(_ schema: JSONValue, in document: JSONValue, for direction: Direction) -> Bool {
        hides(schema, in: document, for: direction, depth: 0)
    }

    private static func hides(_ schema: JSONValue, in document: JSONValue, for direction: Direction, depth: Int) -> Bool {
        guard depth < depthLimit, case .object(let members) = schema else { return false }
        if members[direction.hidingKeyword] == .bool(true) { return true }
        if let target = resolve(members["$ref"], in: document), hides(target, in: document, for: direction, depth: depth + 1) { return true }
        if (members["allOf"]?.arrayValue ?? []).contains(where: { hides($0, in: document, for: direction, depth: depth + 1) }) { return true }
        // pydantic writes an `Optional` field as `anyOf: [{$ref: …}, {type: null}]`: hidden when
        // every alternative but `null` is.
        return ["anyOf", "oneOf"].contains { keyword in
            let alternatives = (members[keyword]?.arrayValue ?? []).filter { !allowsNullOnly($0, in: document, depth: depth + 1) }
            return !alternatives.isEmpty && alternatives.allSatisfy { hides($0, in: document, for: direction, depth: depth + 1) }
        }
    }

    /// Whether `schema` admits `null` and nothing else, itself or at the end of its `$ref`s: the
    /// second alternative of an `Optional`.
    private static func allowsNullOnly(_ schema: JSONValue, in document: JSONValue, depth: Int) -> Bool {
        guard depth < depthLimit, case .object(let members) = schema else { return false }
        if let target = resolve(members["$ref"], in: document) { return allowsNullOnly(target, in: document, depth: depth + 1) }
        switch members["type"] {
        case .string("null")?, .array([.string("null")])?: return true
        default: return members["const"] == .null || members["enum"] == .array([.null])
        }
    }

    static func resolve(_ reference: JSONValue?, in document: JSONValue) -> JSONValue? {
        guard let reference = reference?.stringValue, reference.hasPrefix("#"), let pointer = try? JSONPointer(reference) else { return nil }
        return pointer.resolve(in: document)
    }

    private static func view(of value: JSONValue, root: JSONValue, for direction: Direction) -> JSONValue {
        switch value {
        case .object(let members):
            var object = members.mapValues { view(of: $0, root: root, for: direction) }
            // Only a `required` list is changed: a node without one, and without members holding
            // one, needs no reading of its properties.
            let parts = ["allOf", "anyOf", "oneOf"].flatMap { members[$0]?.arrayValue ?? [] }
            guard members["required"] != nil || parts.contains(where: { $0["required"] != nil }) else { return .object(object) }
            let properties = propertySchemas(of: value, in: root)
            var undecided = freeRequired(&object, properties: properties, root: root, for: direction)
            // An inline member's `required` may name properties its siblings hold.
            for keyword in ["allOf", "anyOf", "oneOf"] {
                guard case .array(let parts)? = object[keyword] else { continue }
                object[keyword] = .array(parts.map { part in
                    guard case .object(var member) = part, member["required"] != nil else { return part }
                    let named = properties.overlaid(by: propertySchemas(of: part, in: root))
                    let freed = freeRequired(&member, properties: named, root: root, for: direction)
                    if keyword == "allOf" { undecided.formUnion(freed) }
                    return .object(member)
                })
            }
            requireInAlternatives(undecided, of: &object, root: root, for: direction)
            return .object(object)
        case .array(let elements):
            return .array(elements.map { view(of: $0, root: root, for: direction) })
        default:
            return value
        }
    }

    /// `object`'s `anyOf`/`oneOf` alternatives each made to require those of `names` no schema of
    /// it leaves out: a `required` beside `oneOf: [PasswordLogin, ApiLogin]` names a `secret` that
    /// is writeOnly in one alternative only. Requiring it beside the alternatives or in each is
    /// the same to JSON Schema. Where the alternatives are not `object`'s own (behind a `$ref`, in
    /// an `allOf` member), or an alternative's own alternatives differ, the names stay freed there:
    /// the lenient reading, which a correct deployment passes.
    private static func requireInAlternatives(_ names: Set<String>, of object: inout JSONObject, root: JSONValue, for direction: Direction) {
        guard !names.isEmpty else { return }
        for keyword in ["anyOf", "oneOf"] {
            guard case .array(let parts)? = object[keyword] else { continue }
            object[keyword] = .array(parts.map { part in
                guard case .object(var member) = part else { return part }
                let named = propertySchemas(of: part, in: root)
                let kept = names.sorted().filter { name in !named.all(name).contains { hides($0, in: root, for: direction) } }
                var required = member["required"]?.arrayValue ?? []
                for name in kept where !required.contains(.string(name)) { required.append(.string(name)) }
                if !required.isEmpty { member["required"] = .array(required) }
                return .object(member)
            })
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

    /// `object` freed (``freeing(_:in:)``) of the required names a message going `direction` leaves
    /// out: those a schema that holds for every instance hides, and those some alternative hides,
    /// which it returns (``requireInAlternatives(_:of:root:for:)``).
    private static func freeRequired(_ object: inout JSONObject, properties: PropertySchemas, root: JSONValue, for direction: Direction) -> Set<String> {
        guard case .array(let required)? = object["required"] else { return [] }
        var hidden: Set<String> = []
        var undecided: Set<String> = []
        for name in required.compactMap(\.stringValue) {
            if (properties.direct[name] ?? []).contains(where: { hides($0, in: root, for: direction) }) {
                hidden.insert(name)
            } else if (properties.alternative[name] ?? []).contains(where: { hides($0, in: root, for: direction) }) {
                hidden.insert(name)
                undecided.insert(name)
            }
        }
        object = freeing(hidden, in: object)
        return undecided
    }
}
