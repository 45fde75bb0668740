extension SchemaValidation {
    /// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
    /// - Returns: the annotations of the subschemas that passed and count (`not` never passes any on).
    mutating func validateCombinators(
        _ instance: JSONValue, _ context: Keywords, at instancePath: String, base: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        var annotations = SchemaAnnotations()
        if let schemas = try context.schemaArray("allOf") {
            for (index, schema) in schemas.enumerated() {
                annotations.merge(try validate(instance, schema, at: instancePath, schemaPath: context.path.appending("allOf").appending(String(index)), base: base))
            }
        }
        if let schemas = try context.schemaArray("anyOf") {
            // Every branch is tried, not only up to the first that passes: each passing branch's annotations count.
            var failures: [[SchemaViolation]] = []
            for (index, schema) in schemas.enumerated() {
                let found = try trial(instance, schema, at: instancePath, schemaPath: context.path.appending("anyOf").appending(String(index)), base: base)
                if found.violations.isEmpty {
                    annotations.merge(found.annotations)
                } else {
                    failures.append(found.violations)
                }
            }
            if failures.count == schemas.count {
                report(instancePath, context.path.appending("anyOf"), "expected a value matching at least one of \(schemas.count) schemas\(Self.closest(failures))")
            }
        }
        if let schemas = try context.schemaArray("oneOf") {
            var passing: [Int] = []
            var branches: [[SchemaViolation]] = []
            var passingAnnotations = SchemaAnnotations()
            for (index, schema) in schemas.enumerated() {
                let found = try trial(instance, schema, at: instancePath, schemaPath: context.path.appending("oneOf").appending(String(index)), base: base)
                if found.violations.isEmpty {
                    passing.append(index)
                    passingAnnotations = found.annotations
                }
                branches.append(found.violations)
            }
            if passing.isEmpty {
                report(instancePath, context.path.appending("oneOf"), "expected a value matching exactly one of \(schemas.count) schemas, it matches none\(Self.closest(branches))")
            } else if passing.count > 1 {
                let list = passing.map(String.init).joined(separator: ", ")
                report(instancePath, context.path.appending("oneOf"), "expected a value matching exactly one of \(schemas.count) schemas, it matches \(passing.count) (\(list))")
            } else {
                annotations.merge(passingAnnotations)
            }
        }
        if let negated = context["not"] {
            if try trial(instance, negated, at: instancePath, schemaPath: context.path.appending("not"), base: base).violations.isEmpty {
                report(instancePath, context.path.appending("not"), "expected a value not matching the schema in not, got \(instance.typedPreview)")
            }
        }
        if let condition = context["if"] {
            let found = try trial(instance, condition, at: instancePath, schemaPath: context.path.appending("if"), base: base)
            if found.violations.isEmpty {
                annotations.merge(found.annotations)
                if let then = context["then"] {
                    annotations.merge(try validate(instance, then, at: instancePath, schemaPath: context.path.appending("then"), base: base))
                }
            } else if let otherwise = context["else"] {
                annotations.merge(try validate(instance, otherwise, at: instancePath, schemaPath: context.path.appending("else"), base: base))
            }
        }
        return annotations
    }

    /// ` (closest: <path>: <message>)` for the branch with the fewest violations.
    static func closest(_ branches: [[SchemaViolation]]) -> String {
        guard let best = branches.filter({ !$0.isEmpty }).min(by: { $0.count < $1.count }), let first = best.first else { return "" }
        return " (closest: \(first.instancePath): \(first.message))"
    }
}
