/// OpenAPI's reading of `readOnly` and `writeOnly` on a property: one marked `readOnly` is sent in
/// responses only, so `required` asks for it in responses only; one marked `writeOnly` is sent in
/// requests only (a `password`), so `required` asks for it in requests only. OpenAPI 3.0 says so;
/// 3.1 leaves it to tools, and JSON Schema alone takes both keywords as annotations, under which a
/// correct deployment's user without its `password` would fail its schema, and a create without
/// the server's `id` would be invalid.
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

    /// `document` with each `required` list freed of the properties a message going `direction`
    /// leaves out (those whose schema is marked so, through whole-schema `$ref`s). Nothing else
    /// changes, so every pointer into `document` resolves the same in what is returned.
    public static func document(_ document: JSONValue, for direction: Direction) -> JSONValue {
        view(of: document, root: document, for: direction)
    }

    /// Whether a message going `direction` leaves out a property with schema `schema` (one of
    /// `document`'s): marked `readOnly` (requests) or `writeOnly` (responses), itself or at the
    /// end of its whole-schema `$ref`s.
    public static func hides(_ schema: JSONValue, in document: JSONValue, for direction: Direction) -> Bool {
        var current = schema
        for _ in 0..<16 {
            guard case .object(let members) = current else { return false }
            if members[direction.hidingKeyword] == .bool(true) { return true }
            guard let reference = members["$ref"]?.stringValue, reference.hasPrefix("#"),
                let pointer = try? JSONPointer(reference), let target = pointer.resolve(in: document)
            else { return false }
            current = target
        }
        return false
    }

    /// The names of every property in `document` that a message going `direction` leaves out:
    /// for `.response`, what a create sends that no read gives back (a `password`), so that
    /// nothing takes its absence from an item as a sign the item is another's.
    public static func propertyNames(hiddenIn document: JSONValue, for direction: Direction) -> Set<String> {
        var names: Set<String> = []
        func visit(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if case .object(let properties)? = members["properties"] {
                    for (name, schema) in properties where hides(schema, in: document, for: direction) { names.insert(name) }
                }
                for (_, member) in members { visit(member) }
            case .array(let elements):
                elements.forEach(visit)
            default:
                break
            }
        }
        visit(document)
        return names
    }

    private static func view(of value: JSONValue, root: JSONValue, for direction: Direction) -> JSONValue {
        switch value {
        case .object(let members):
            var object = members.mapValues { view(of: $0, root: root, for: direction) }
            if case .array(let required)? = members["required"], case .object(let properties)? = members["properties"] {
                object["required"] = .array(required.filter { name in
                    guard let name = name.stringValue, let property = properties[name] else { return true }
                    return !hides(property, in: root, for: direction)
                })
            }
            return .object(object)
        case .array(let elements):
            return .array(elements.map { view(of: $0, root: root, for: direction) })
        default:
            return value
        }
    }
}
