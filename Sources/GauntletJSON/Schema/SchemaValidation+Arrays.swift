extension SchemaValidation {
    /// `prefixItems`, `items`, `contains` (with `minContains`/`maxContains`), `minItems`, `maxItems`, `uniqueItems`.
    /// - Returns: the indexes `prefixItems`, `items` and `contains` evaluated.
    mutating func validateArray(
        _ elements: [JSONValue], _ context: Keywords, at instancePath: String, base: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        var annotations = SchemaAnnotations()
        var prefixCount = 0
        if let prefix = context["prefixItems"] {
            guard case .array(let schemas) = prefix else { throw context.malformed("prefixItems", "must be an array of schemas") }
            prefixCount = schemas.count
            for (index, schema) in schemas.enumerated() where index < elements.count {
                try validate(elements[index], schema, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("prefixItems").appending(String(index)), base: base)
                annotations.items.insert(index)
            }
        }
        if let items = context["items"] {
            if case .array(let schemas) = items {
                // Draft 2019 and earlier: an array of `items` is what 2020-12 calls `prefixItems`.
                for (index, schema) in schemas.enumerated() where index < elements.count {
                    try validate(elements[index], schema, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("items").appending(String(index)), base: base)
                    annotations.items.insert(index)
                }
            } else {
                for index in elements.indices.dropFirst(prefixCount) {
                    try validate(elements[index], items, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("items"), base: base)
                    annotations.items.insert(index)
                }
            }
        }
        if let contains = context["contains"] {
            let minimum = try context.count("minContains") ?? 1
            var matching = 0
            for (index, element) in elements.enumerated() {
                let found = try trial(element, contains, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("contains"), base: base)
                if found.violations.isEmpty {
                    matching += 1
                    annotations.items.insert(index)
                }
            }
            if matching < minimum {
                report(instancePath, context.path.appending("contains"), "expected at least \(minimum) items matching contains, got \(matching)")
            }
            if let maximum = try context.count("maxContains"), matching > maximum {
                report(instancePath, context.path.appending("maxContains"), "expected at most \(maximum) items matching contains, got \(matching)")
            }
        }
        if let minimum = try context.count("minItems"), elements.count < minimum {
            report(instancePath, context.path.appending("minItems"), "expected at least \(minimum) items, got \(elements.count)")
        }
        if let maximum = try context.count("maxItems"), elements.count > maximum {
            report(instancePath, context.path.appending("maxItems"), "expected at most \(maximum) items, got \(elements.count)")
        }
        if try context.bool("uniqueItems") == true {
            duplicateSearch: for first in elements.indices {
                for second in elements.indices where second > first && elements[first].isEquivalent(to: elements[second]) {
                    report(instancePath, context.path.appending("uniqueItems"), "expected unique items, but items \(first) and \(second) are equal")
                    break duplicateSearch
                }
            }
        }
        return annotations
    }

    /// `unevaluatedItems`: applies to the elements no other keyword of this schema (or of its valid
    /// subschemas) evaluated, and then counts all as evaluated.
    mutating func validateUnevaluatedItems(
        _ elements: [JSONValue], _ context: Keywords, _ annotations: inout SchemaAnnotations, at instancePath: String, base: String
    ) throws(JSONSchemaError) {
        guard let unevaluated = context["unevaluatedItems"] else { return }
        for index in elements.indices where !annotations.items.contains(index) {
            let elementPath = "\(instancePath)[\(index)]"
            if unevaluated == .bool(false) {
                report(elementPath, context.path.appending("unevaluatedItems"), "item \(index) is not allowed (no other keyword evaluated it)")
            } else {
                try validate(elements[index], unevaluated, at: elementPath, schemaPath: context.path.appending("unevaluatedItems"), base: base)
            }
        }
        annotations.items.formUnion(elements.indices)
    }
}
