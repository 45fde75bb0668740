extension OpenAPIVisibility {
    /// What a deployment can give back of `value`, a request body valid against `schema`: its
    /// members at any depth but those marked `writeOnly` (a `password`) and, where the schema
    /// names properties, those it does not name, which a deployment may drop as unknown.
    ///
    /// `validator` judges requests, over the document's request view (``document(_:for:)``), in
    /// which `schema` is found: of an `anyOf`/`oneOf`, the alternatives `value` is valid against
    /// say which members it gives back (a `secret` writeOnly for one kind of login and not for
    /// another). A member any schema that applies marks writeOnly is left out.
    public static func givenBack(of value: JSONValue, schema: JSONValue, validator: JSONSchemaValidator) -> JSONValue {
        stripping(value, schema: schema, validator: validator, depth: 0)
    }

    private static func stripping(_ value: JSONValue, schema: JSONValue, validator: JSONSchemaValidator, depth: Int) -> JSONValue {
        guard depth < depthLimit else { return value }
        let document = validator.document
        switch value {
        case .object(let members):
            let properties = propertySchemas(of: schema, in: document, for: value, validator: validator)
            guard !properties.isEmpty else { return value }
            var kept = JSONObject()
            for (name, member) in members {
                let schemas = properties.all(name)
                guard let property = properties.schema(name), !schemas.contains(where: { hides($0, in: document, for: .response) }) else { continue }
                kept[name] = stripping(member, schema: property, validator: validator, depth: depth + 1)
            }
            return .object(kept)
        case .array(let elements):
            guard let items = itemSchema(of: schema, in: document, depth: depth) else { return value }
            return .array(elements.map { stripping($0, schema: items, validator: validator, depth: depth + 1) })
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
