extension OpenAPIVisibility {
    /// The schemas a schema gives each property it names, as JSON Schema applies them: every one
    /// of its own `properties`, `$ref`s and `allOf` members holds for every instance, and an
    /// `anyOf`/`oneOf` alternative for the instances valid against it. A property any schema that
    /// applies marks `writeOnly` is writeOnly there (annotations add up).
    struct PropertySchemas {
        /// The schemas that hold for every instance, the nearest first.
        var direct: [String: [JSONValue]] = [:]
        /// The schemas of the alternatives that may hold (those taken, where that is known).
        var alternative: [String: [JSONValue]] = [:]

        var isEmpty: Bool { direct.isEmpty && alternative.isEmpty }

        /// Every schema given to `name`.
        func all(_ name: String) -> [JSONValue] { (direct[name] ?? []) + (alternative[name] ?? []) }

        /// One schema for `name`'s value: every direct schema, and one of the alternatives'.
        func schema(_ name: String) -> JSONValue? {
            let direct = direct[name] ?? [], alternative = alternative[name] ?? []
            if direct.count == 1, alternative.isEmpty { return direct[0] }
            var combined = JSONObject()
            if !direct.isEmpty { combined["allOf"] = .array(direct) }
            if !alternative.isEmpty { combined["anyOf"] = .array(alternative) }
            return combined.isEmpty ? nil : .object(combined)
        }

        /// These schemas, but for the properties `nearer` names, which it gives.
        func overlaid(by nearer: PropertySchemas) -> PropertySchemas {
            var merged = self
            for name in Set(nearer.direct.keys).union(nearer.alternative.keys) {
                merged.direct[name] = nearer.direct[name]
                merged.alternative[name] = nearer.alternative[name]
            }
            return merged
        }
    }

    /// How many schemas one reading of a property's schemas visits at most. A `$ref` is followed
    /// once on each path, so a document whose alternatives refer back to the schema holding them
    /// (springdoc's `Pet` with `oneOf` its subtypes, each `allOf: [{$ref: Pet}, …]`: five
    /// subtypes take about 60 visits) is read once round; the budget bounds the rest, alternatives
    /// of alternatives many levels deep, whose properties past it go unread.
    static let visitBudget = 512

    /// The schemas `schema` gives each property it names; of its alternatives, those `value` is
    /// valid against where a `value` and a `validator` are given and any is (a `discriminator`'s
    /// kind), else all.
    static func propertySchemas(
        of schema: JSONValue, in document: JSONValue, for value: JSONValue? = nil, validator: JSONSchemaValidator? = nil
    ) -> PropertySchemas {
        var budget = visitBudget
        return propertySchemas(of: schema, in: document, for: value, validator: validator, path: [], budget: &budget)
    }

    private static func propertySchemas(
        of schema: JSONValue, in document: JSONValue, for value: JSONValue?, validator: JSONSchemaValidator?, path: Set<String>, budget: inout Int
    ) -> PropertySchemas {
        var found = PropertySchemas()
        var groups: [[JSONValue]] = []
        var path = path
        gather(schema, in: document, into: &found.direct, alternatives: &groups, path: &path, budget: &budget)
        for group in groups {
            for alternative in chosen(group, for: value, validator: validator) {
                let named = propertySchemas(of: alternative, in: document, for: value, validator: validator, path: path, budget: &budget)
                for (name, schemas) in named.direct { found.alternative[name, default: []].append(contentsOf: schemas) }
                for (name, schemas) in named.alternative { found.alternative[name, default: []].append(contentsOf: schemas) }
            }
        }
        return found
    }

    /// The properties `schema`, its `$ref`s and `allOf` members name, the nearest first, and the
    /// `anyOf`/`oneOf` groups of alternatives among them. A `$ref` already on `path` (the
    /// references followed to get here) is not followed again.
    private static func gather(
        _ schema: JSONValue, in document: JSONValue, into direct: inout [String: [JSONValue]], alternatives: inout [[JSONValue]],
        path: inout Set<String>, budget: inout Int
    ) {
        guard budget > 0, case .object(let members) = schema else { return }
        budget -= 1
        if case .object(let properties)? = members["properties"] {
            for (name, property) in properties { direct[name, default: []].append(property) }
        }
        if let reference = members["$ref"]?.stringValue, !path.contains(reference), let target = resolve(members["$ref"], in: document) {
            path.insert(reference)
            gather(target, in: document, into: &direct, alternatives: &alternatives, path: &path, budget: &budget)
        }
        for member in members["allOf"]?.arrayValue ?? [] {
            gather(member, in: document, into: &direct, alternatives: &alternatives, path: &path, budget: &budget)
        }
        for keyword in ["anyOf", "oneOf"] {
            if let group = members[keyword]?.arrayValue, !group.isEmpty { alternatives.append(group) }
        }
    }

    /// The alternatives of `group` that `value` is valid against, or all of them where none is or
    /// nothing can tell.
    private static func chosen(_ group: [JSONValue], for value: JSONValue?, validator: JSONSchemaValidator?) -> [JSONValue] {
        guard let value, let validator else { return group }
        let valid = group.filter { (try? validator.validate(value, schema: $0).isEmpty) == true }
        return valid.isEmpty ? group : valid
    }
}
