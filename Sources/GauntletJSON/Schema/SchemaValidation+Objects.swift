extension SchemaValidation {
    /// `properties`, `patternProperties`, `additionalProperties`, `required`, `dependentRequired`,
    /// `dependentSchemas`, `minProperties`, `maxProperties`, `propertyNames`. Keys compare by Unicode scalars.
    /// - Returns: the member names the applicators evaluated.
    mutating func validateObject(
        _ members: JSONObject, _ context: Keywords, at instancePath: String, base: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        var annotations = SchemaAnnotations()
        var evaluated: Set<ScalarExactString> = []
        if let properties = context["properties"] {
            guard case .object(let schemas) = properties else { throw context.malformed("properties", "must be an object of schemas") }
            for (key, schema) in schemas {
                guard let member = members[key] else { continue }
                evaluated.insert(ScalarExactString(key))
                try validate(member, schema, at: JSONValue.appending(key: key, to: instancePath), schemaPath: context.path.appending("properties").appending(key), base: base)
            }
        }
        if let patternProperties = context["patternProperties"] {
            guard case .object(let schemas) = patternProperties else { throw context.malformed("patternProperties", "must be an object of schemas") }
            for (pattern, schema) in schemas {
                let schemaPath = context.path.appending("patternProperties").appending(pattern)
                let regex = try compile(pattern, at: schemaPath)
                for (key, member) in members where Self.search(regex, in: key) {
                    evaluated.insert(ScalarExactString(key))
                    try validate(member, schema, at: JSONValue.appending(key: key, to: instancePath), schemaPath: schemaPath, base: base)
                }
            }
        }
        if let additional = context["additionalProperties"] {
            for (key, member) in members where !evaluated.contains(ScalarExactString(key)) {
                let memberPath = JSONValue.appending(key: key, to: instancePath)
                if additional == .bool(false) {
                    report(memberPath, context.path.appending("additionalProperties"), "property \(JSONValue.string(key).serialized()) is not allowed")
                } else {
                    try validate(member, additional, at: memberPath, schemaPath: context.path.appending("additionalProperties"), base: base)
                }
                evaluated.insert(ScalarExactString(key))
            }
        }
        annotations.properties = evaluated
        if let required = context["required"] {
            guard case .array(let names) = required, names.allSatisfy({ $0.stringValue != nil }) else {
                throw context.malformed("required", "must be an array of strings")
            }
            for name in names.compactMap(\.stringValue) where members[name] == nil {
                report(instancePath, context.path.appending("required"), "missing required property \(JSONValue.string(name).serialized())")
            }
        }
        if let dependentRequired = context["dependentRequired"] {
            guard case .object(let dependencies) = dependentRequired else {
                throw context.malformed("dependentRequired", "must be an object of string arrays")
            }
            for (key, names) in dependencies {
                guard case .array(let names) = names, names.allSatisfy({ $0.stringValue != nil }) else {
                    throw context.malformed("dependentRequired", "must be an object of string arrays")
                }
                guard members[key] != nil else { continue }
                for name in names.compactMap(\.stringValue) where members[name] == nil {
                    report(
                        instancePath, context.path.appending("dependentRequired").appending(key),
                        "missing property \(JSONValue.string(name).serialized()), required when \(JSONValue.string(key).serialized()) is present")
                }
            }
        }
        if let dependentSchemas = context["dependentSchemas"] {
            guard case .object(let schemas) = dependentSchemas else { throw context.malformed("dependentSchemas", "must be an object of schemas") }
            for (key, schema) in schemas where members[key] != nil {
                annotations.merge(try validate(.object(members), schema, at: instancePath, schemaPath: context.path.appending("dependentSchemas").appending(key), base: base))
            }
        }
        if let minimum = try context.count("minProperties"), members.count < minimum {
            report(instancePath, context.path.appending("minProperties"), "expected at least \(minimum) properties, got \(members.count)")
        }
        if let maximum = try context.count("maxProperties"), members.count > maximum {
            report(instancePath, context.path.appending("maxProperties"), "expected at most \(maximum) properties, got \(members.count)")
        }
        if let propertyNames = context["propertyNames"] {
            for key in members.keys {
                try validate(.string(key), propertyNames, at: JSONValue.appending(key: key, to: instancePath), schemaPath: context.path.appending("propertyNames"), base: base)
            }
        }
        return annotations
    }

    /// `unevaluatedProperties`: applies to the members no other keyword of this schema (or of its valid
    /// subschemas) evaluated, and then counts all as evaluated.
    mutating func validateUnevaluatedProperties(
        _ members: JSONObject, _ context: Keywords, _ annotations: inout SchemaAnnotations, at instancePath: String, base: String
    ) throws(JSONSchemaError) {
        guard let unevaluated = context["unevaluatedProperties"] else { return }
        for (key, member) in members where !annotations.properties.contains(ScalarExactString(key)) {
            let memberPath = JSONValue.appending(key: key, to: instancePath)
            if unevaluated == .bool(false) {
                report(memberPath, context.path.appending("unevaluatedProperties"), "property \(JSONValue.string(key).serialized()) is not allowed (no other keyword evaluated it)")
            } else {
                try validate(member, unevaluated, at: memberPath, schemaPath: context.path.appending("unevaluatedProperties"), base: base)
            }
            annotations.properties.insert(ScalarExactString(key))
        }
    }
}
