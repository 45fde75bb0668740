import Foundation

/// What a schema evaluated in an instance location, which `unevaluatedProperties` and `unevaluatedItems`
/// read. A schema that fails passes none on (JSON Schema 2020-12 drops a failing schema's annotations).
struct SchemaAnnotations {
    /// Member names some keyword evaluated.
    var properties: Set<ScalarExactString> = []
    /// Element indexes some keyword evaluated.
    var items: Set<Int> = []

    mutating func merge(_ other: SchemaAnnotations) {
        properties.formUnion(other.properties)
        items.formUnion(other.items)
    }
}

/// One validation run: walks schema and instance together and collects violations.
struct SchemaValidation {
    /// The resources references resolve in; remote documents are added as they are loaded.
    var registry: SchemaRegistry
    /// Whether `format` asserts the formats ``SchemaFormat`` knows, rather than only annotating.
    let assertsFormats: Bool
    /// The violations found so far.
    private(set) var violations: [SchemaViolation] = []
    /// `$ref` targets being applied, with the instance location, to detect cycles that never descend.
    private var activeReferences: Set<String> = []
    /// The base URIs of the schema resources entered so far, outermost first: `$dynamicRef`'s dynamic scope.
    private var dynamicScope: [String]
    /// The current depth of nested schemas, bounded to keep recursion safe.
    private var depth = 0
    private static let maximumDepth = 512
    /// Compiled `pattern` and `patternProperties` expressions.
    var regexCache: [ScalarExactString: NSRegularExpression] = [:]

    /// 2020-12 keywords (and older ones a 2020-12 validator would silently ignore) that are not implemented:
    /// meeting one stops validation with an "unsupported keyword" error rather than a pass it cannot vouch for.
    static let unsupportedKeywords: [String: String] = [
        "$vocabulary": "vocabularies are not read (every 2020-12 vocabulary is always on), so a metaschema that turns one off is not honoured",
        "$recursiveRef": "a draft 2019-09 keyword; 2020-12 uses $dynamicRef",
        "$recursiveAnchor": "a draft 2019-09 keyword; 2020-12 uses $dynamicAnchor",
        "dependencies": "a draft 7 keyword; 2020-12 splits it into dependentRequired and dependentSchemas",
        "additionalItems": "a draft 2019-09 keyword; 2020-12 uses prefixItems and items",
    ]

    /// `$schema` values naming the dialect implemented: JSON Schema 2020-12 and OpenAPI 3.1's base dialect.
    static func isSupportedDialect(_ uri: String) -> Bool {
        let trimmed = uri.hasSuffix("#") ? String(uri.dropLast()) : uri
        return trimmed == "https://json-schema.org/draft/2020-12/schema" || trimmed == "http://json-schema.org/draft/2020-12/schema"
            || trimmed.hasPrefix("https://spec.openapis.org/oas/3.1/dialect/")
    }

    init(registry: SchemaRegistry, assertsFormats: Bool, base: String) {
        self.registry = registry
        self.assertsFormats = assertsFormats
        self.dynamicScope = [base]
    }

    // MARK: - Schemas

    /// Applies `schema` (at `schemaPath`) to `instance` (at `instancePath`), recording violations.
    /// - Parameter parentBase: the base URI around the schema; its own `$id`, if any, applies on top.
    /// - Returns: what the schema evaluated, or nothing when it found a violation.
    @discardableResult
    mutating func validate(
        _ instance: JSONValue, _ schema: JSONValue, at instancePath: String, schemaPath: SchemaLocation, base parentBase: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        switch schema {
        case .bool(true):
            return SchemaAnnotations()
        case .bool(false):
            report(instancePath, schemaPath, "no value is allowed here (the schema is false)")
            return SchemaAnnotations()
        case .object(let keywords):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw JSONSchemaError("schema nesting deeper than \(Self.maximumDepth) levels at \(schemaPath)")
            }
            let context = Keywords(keywords: keywords, path: schemaPath)
            try checkSupported(context)
            let base = SchemaRegistry.base(of: schema, in: parentBase)
            let entersResource = keywords["$id"] != nil
            if entersResource { dynamicScope.append(base) }
            defer { if entersResource { dynamicScope.removeLast() } }

            let before = violations.count
            var annotations = SchemaAnnotations()
            annotations.merge(try validateReference(instance, context, at: instancePath, base: base))
            annotations.merge(try validateDynamicReference(instance, context, at: instancePath, base: base))
            try validateGeneric(instance, context, at: instancePath)
            switch instance {
            case .string(let string): try validateString(string, context, at: instancePath)
            case .integer, .double: try validateNumber(instance, context, at: instancePath)
            case .array(let elements): annotations.merge(try validateArray(elements, context, at: instancePath, base: base))
            case .object(let members): annotations.merge(try validateObject(members, context, at: instancePath, base: base))
            default: break
            }
            annotations.merge(try validateCombinators(instance, context, at: instancePath, base: base))
            switch instance {
            case .array(let elements): try validateUnevaluatedItems(elements, context, &annotations, at: instancePath, base: base)
            case .object(let members): try validateUnevaluatedProperties(members, context, &annotations, at: instancePath, base: base)
            default: break
            }
            return violations.count == before ? annotations : SchemaAnnotations()
        default:
            throw JSONSchemaError("schema at \(schemaPath) must be an object or a boolean, got \(schema.typeName)")
        }
    }

    /// The violations and annotations `schema` alone finds in `instance`, without recording the violations.
    mutating func trial(
        _ instance: JSONValue, _ schema: JSONValue, at instancePath: String, schemaPath: SchemaLocation, base: String
    ) throws(JSONSchemaError) -> (violations: [SchemaViolation], annotations: SchemaAnnotations) {
        let saved = violations
        violations = []
        defer { violations = saved }
        let annotations = try validate(instance, schema, at: instancePath, schemaPath: schemaPath, base: base)
        return (violations, annotations)
    }

    mutating func report(_ instancePath: String, _ schemaPath: SchemaLocation, _ message: String) {
        violations.append(SchemaViolation(instancePath: instancePath, schemaPath: schemaPath.description, message: message))
    }

    /// Throws for a keyword that is not implemented or a `$schema` naming another dialect.
    private func checkSupported(_ context: Keywords) throws(JSONSchemaError) {
        for (keyword, reason) in Self.unsupportedKeywords where context[keyword] != nil {
            throw JSONSchemaError.unsupported(keyword, at: context.path, reason)
        }
        if let dialect = context["$schema"], !(dialect.stringValue.map(Self.isSupportedDialect) ?? false) {
            throw JSONSchemaError.unsupported(
                "$schema", at: context.path,
                "only the JSON Schema 2020-12 dialect (and OpenAPI 3.1's) is implemented, got \(dialect.preview(limit: 120))")
        }
    }

    // MARK: - $ref and $dynamicRef

    private mutating func validateReference(
        _ instance: JSONValue, _ context: Keywords, at instancePath: String, base: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        guard let reference = try context.string("$ref") else { return SchemaAnnotations() }
        let target = try resolve(reference, context, base: base)
        return try apply(target, reference: reference, to: instance, at: instancePath)
    }

    /// `$dynamicRef` resolves like `$ref`; when that lands on a `$dynamicAnchor` of the fragment's name, the
    /// outermost resource in the dynamic scope declaring that `$dynamicAnchor` wins instead.
    private mutating func validateDynamicReference(
        _ instance: JSONValue, _ context: Keywords, at instancePath: String, base: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        guard let reference = try context.string("$dynamicRef") else { return SchemaAnnotations() }
        var target = try resolve(reference, context, base: base)
        if let name = SchemaURI.split(SchemaURI.resolve(reference, against: base)).fragment,
            !name.isEmpty, !name.hasPrefix("/"),
            case .string(let anchor)? = target.schema["$dynamicAnchor"], ScalarExactString.equal(anchor, name)
        {
            for uri in dynamicScope {
                if let outermost = registry.dynamicAnchor(name, in: uri) {
                    target = outermost
                    break
                }
            }
        }
        return try apply(target, reference: reference, to: instance, at: instancePath)
    }

    private mutating func resolve(_ reference: String, _ context: Keywords, base: String) throws(JSONSchemaError) -> SchemaRegistry.Target {
        let absolute = SchemaURI.resolve(reference, against: base)
        guard let target = try registry.target(of: absolute, from: context.path) else {
            throw JSONSchemaError("reference \(reference) at \(context.path) does not resolve")
        }
        return target
    }

    /// Validates against a reference's target, entering its resource and guarding against cycles.
    private mutating func apply(
        _ target: SchemaRegistry.Target, reference: String, to instance: JSONValue, at instancePath: String
    ) throws(JSONSchemaError) -> SchemaAnnotations {
        let key = target.location.description + "\u{0}" + instancePath
        guard activeReferences.insert(key).inserted else {
            throw JSONSchemaError("reference cycle: \(reference) refers back to itself at \(instancePath) without descending")
        }
        defer { activeReferences.remove(key) }
        // A target with its own `$id` enters its resource itself; any other is inside the resource of its parent.
        let entersParentResource = target.schema["$id"] == nil
        if entersParentResource { dynamicScope.append(target.parentBase) }
        defer { if entersParentResource { dynamicScope.removeLast() } }
        return try validate(instance, target.schema, at: instancePath, schemaPath: target.location, base: target.parentBase)
    }
}
