import Foundation

/// One validation run: walks schema and instance together and collects violations.
struct SchemaValidation {
    /// Where `#/...` references are looked up, in order.
    let roots: [JSONValue]
    /// The violations found so far.
    private(set) var violations: [SchemaViolation] = []
    /// `$ref` targets being applied, with the instance location, to detect cycles that never descend.
    private var activeReferences: Set<String> = []
    /// The current depth of nested schemas, bounded to keep recursion safe.
    private var depth = 0
    private static let maximumDepth = 512
    /// Compiled `pattern` and `patternProperties` expressions.
    private var regexCache: [String: NSRegularExpression] = [:]

    init(roots: [JSONValue]) {
        self.roots = roots
    }

    // MARK: - Schemas

    /// Applies `schema` (at `schemaPath`) to `instance` (at `instancePath`), recording violations.
    mutating func validate(_ instance: JSONValue, _ schema: JSONValue, at instancePath: String, schemaPath: JSONPointer) throws(JSONSchemaError) {
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            report(instancePath, schemaPath, "no value is allowed here (the schema is false)")
        case .object(let keywords):
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else {
                throw JSONSchemaError("schema nesting deeper than \(Self.maximumDepth) levels at \(schemaPath)")
            }
            let context = Keywords(keywords: keywords, path: schemaPath)
            try validateReference(instance, context, at: instancePath)
            try validateGeneric(instance, context, at: instancePath)
            switch instance {
            case .string(let string): try validateString(string, context, at: instancePath)
            case .integer, .double: try validateNumber(instance, context, at: instancePath)
            case .array(let elements): try validateArray(elements, context, at: instancePath)
            case .object(let members): try validateObject(members, context, at: instancePath)
            default: break
            }
            try validateCombinators(instance, context, at: instancePath)
        default:
            throw JSONSchemaError("schema at \(schemaPath) must be an object or a boolean, got \(schema.typeName)")
        }
    }

    /// The violations `schema` alone finds in `instance`, without recording them.
    private mutating func trial(_ instance: JSONValue, _ schema: JSONValue, at instancePath: String, schemaPath: JSONPointer) throws(JSONSchemaError) -> [SchemaViolation] {
        let saved = violations
        violations = []
        defer { violations = saved }
        try validate(instance, schema, at: instancePath, schemaPath: schemaPath)
        return violations
    }

    private mutating func report(_ instancePath: String, _ schemaPath: JSONPointer, _ message: String) {
        violations.append(SchemaViolation(instancePath: instancePath, schemaPath: schemaPath.description, message: message))
    }

    // MARK: - $ref

    private mutating func validateReference(_ instance: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        guard let reference = try context.string("$ref") else { return }
        guard reference.hasPrefix("#") else {
            throw JSONSchemaError("only local references (#/...) are supported, got \(reference) at \(context.path)")
        }
        let pointer = try JSONPointer(reference)
        guard let target = roots.lazy.compactMap({ pointer.resolve(in: $0) }).first else {
            throw JSONSchemaError("reference \(reference) at \(context.path) does not resolve")
        }
        let key = pointer.description + "\u{0}" + instancePath
        guard activeReferences.insert(key).inserted else {
            throw JSONSchemaError("reference cycle: \(reference) refers back to itself at \(instancePath) without descending")
        }
        defer { activeReferences.remove(key) }
        try validate(instance, target, at: instancePath, schemaPath: pointer)
    }

    // MARK: - Any instance

    private mutating func validateGeneric(_ instance: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        let nullable = try context.bool("nullable") ?? false
        if let type = context["type"] {
            let types: [String]
            switch type {
            case .string(let name): types = [name]
            case .array(let names) where names.allSatisfy({ $0.stringValue != nil }): types = names.compactMap(\.stringValue)
            default: throw context.malformed("type", "must be a string or an array of strings")
            }
            let known: Set = ["null", "boolean", "integer", "number", "string", "array", "object"]
            if let unknown = types.first(where: { !known.contains($0) }) {
                throw context.malformed("type", "names an unknown type \"\(unknown)\"")
            }
            let matches = types.contains { Self.instance(instance, hasType: $0) } || (nullable && instance == .null)
            if !matches {
                let expected = (types + (nullable ? ["null"] : [])).joined(separator: " or ")
                report(instancePath, context.path.appending("type"), "expected \(expected), got \(instance.typedPreview)")
            }
        }
        if let allowed = context["enum"] {
            guard case .array(let values) = allowed else { throw context.malformed("enum", "must be an array") }
            if !values.contains(where: { $0.isEquivalent(to: instance) }) && !(nullable && instance == .null) {
                let list = values.map { $0.preview(limit: 40) }.joined(separator: ", ")
                report(instancePath, context.path.appending("enum"), "expected one of \(list), got \(instance.typedPreview)")
            }
        }
        if let constant = context["const"], !constant.isEquivalent(to: instance) {
            report(instancePath, context.path.appending("const"), "expected \(constant.preview(limit: 80)), got \(instance.typedPreview)")
        }
    }

    /// JSON Schema's type test: `integer` also accepts a number with an integral value (`500.0`).
    static func instance(_ instance: JSONValue, hasType type: String) -> Bool {
        switch (type, instance) {
        case ("integer", .double(let double)): double.isFinite && double == double.rounded()
        case ("number", .integer), ("number", .double): true
        default: instance.typeName == type
        }
    }

    // MARK: - Strings

    private mutating func validateString(_ string: String, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        let length = string.unicodeScalars.count
        if let minimum = try context.count("minLength"), length < minimum {
            report(instancePath, context.path.appending("minLength"), "expected at least \(minimum) characters, got \(length)")
        }
        if let maximum = try context.count("maxLength"), length > maximum {
            report(instancePath, context.path.appending("maxLength"), "expected at most \(maximum) characters, got \(length)")
        }
        if let pattern = try context.string("pattern") {
            let regex = try compile(pattern, at: context.path.appending("pattern"))
            if !Self.search(regex, in: string) {
                report(instancePath, context.path.appending("pattern"), "expected a string matching /\(pattern)/, got \(JSONValue.string(string).preview(limit: 80))")
            }
        }
        if let format = try context.string("format"), SchemaFormat.check(format, string) == false {
            report(instancePath, context.path.appending("format"), "expected \(SchemaFormat.describe(format)), got \(JSONValue.string(string).preview(limit: 80))")
        }
    }

    private mutating func compile(_ pattern: String, at schemaPath: JSONPointer) throws(JSONSchemaError) -> NSRegularExpression {
        if let cached = regexCache[pattern] { return cached }
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            throw JSONSchemaError("invalid regular expression /\(pattern)/ at \(schemaPath)")
        }
        regexCache[pattern] = regex
        return regex
    }

    private static func search(_ regex: NSRegularExpression, in string: String) -> Bool {
        regex.firstMatch(in: string, options: [], range: NSRange(string.startIndex..., in: string)) != nil
    }

    // MARK: - Numbers

    private mutating func validateNumber(_ number: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        let shown = number.serialized()
        // OpenAPI 3.0 wrote exclusive bounds as Booleans next to minimum/maximum; 2020-12 writes numbers.
        let minimumIsExclusive = try context.boolIfBool("exclusiveMinimum") ?? false
        let maximumIsExclusive = try context.boolIfBool("exclusiveMaximum") ?? false
        if let minimum = try context.number("minimum") {
            let order = JSONValue.compareNumbers(number, minimum)!
            if minimumIsExclusive ? order <= 0 : order < 0 {
                report(instancePath, context.path.appending("minimum"), "expected \(minimumIsExclusive ? "more than" : "at least") \(minimum.serialized()), got \(shown)")
            }
        }
        if let maximum = try context.number("maximum") {
            let order = JSONValue.compareNumbers(number, maximum)!
            if maximumIsExclusive ? order >= 0 : order > 0 {
                report(instancePath, context.path.appending("maximum"), "expected \(maximumIsExclusive ? "less than" : "at most") \(maximum.serialized()), got \(shown)")
            }
        }
        if context.boolIfBoolOrNil("exclusiveMinimum") == nil, let bound = try context.number("exclusiveMinimum"),
            JSONValue.compareNumbers(number, bound)! <= 0
        {
            report(instancePath, context.path.appending("exclusiveMinimum"), "expected more than \(bound.serialized()), got \(shown)")
        }
        if context.boolIfBoolOrNil("exclusiveMaximum") == nil, let bound = try context.number("exclusiveMaximum"),
            JSONValue.compareNumbers(number, bound)! >= 0
        {
            report(instancePath, context.path.appending("exclusiveMaximum"), "expected less than \(bound.serialized()), got \(shown)")
        }
        if let divisor = try context.number("multipleOf") {
            guard divisor.doubleValue! > 0 else { throw context.malformed("multipleOf", "must be greater than 0") }
            if !Self.isMultiple(number, of: divisor) {
                report(instancePath, context.path.appending("multipleOf"), "expected a multiple of \(divisor.serialized()), got \(shown)")
            }
        }
    }

    /// Exact for integers; for other numbers, within a relative tolerance of an integral quotient
    /// (so 0.3 counts as a multiple of 0.1 despite binary rounding).
    static func isMultiple(_ number: JSONValue, of divisor: JSONValue) -> Bool {
        if case .integer(let value) = number, case .integer(let step) = divisor {
            return value % step == 0
        }
        let quotient = number.doubleValue! / divisor.doubleValue!
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    // MARK: - Arrays

    private mutating func validateArray(_ elements: [JSONValue], _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        var prefixCount = 0
        if let prefix = context["prefixItems"] {
            guard case .array(let schemas) = prefix else { throw context.malformed("prefixItems", "must be an array of schemas") }
            prefixCount = schemas.count
            for (index, schema) in schemas.enumerated() where index < elements.count {
                try validate(elements[index], schema, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("prefixItems").appending(String(index)))
            }
        }
        if let items = context["items"] {
            if case .array(let schemas) = items {
                // Draft 2019 and earlier: an array of `items` is what 2020-12 calls `prefixItems`.
                for (index, schema) in schemas.enumerated() where index < elements.count {
                    try validate(elements[index], schema, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("items").appending(String(index)))
                }
            } else {
                for index in elements.indices.dropFirst(prefixCount) {
                    try validate(elements[index], items, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("items"))
                }
            }
        }
        if let contains = context["contains"] {
            let minimum = try context.count("minContains") ?? 1
            var matching = 0
            for (index, element) in elements.enumerated() {
                let found = try trial(element, contains, at: "\(instancePath)[\(index)]", schemaPath: context.path.appending("contains"))
                if found.isEmpty { matching += 1 }
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
    }

    // MARK: - Objects

    private mutating func validateObject(_ members: [String: JSONValue], _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        var evaluated: Set<String> = []
        if let properties = context["properties"] {
            guard case .object(let schemas) = properties else { throw context.malformed("properties", "must be an object of schemas") }
            for key in schemas.keys.sorted() {
                guard let member = members[key] else { continue }
                evaluated.insert(key)
                try validate(member, schemas[key]!, at: JSONValue.appending(key: key, to: instancePath), schemaPath: context.path.appending("properties").appending(key))
            }
        }
        if let patternProperties = context["patternProperties"] {
            guard case .object(let schemas) = patternProperties else { throw context.malformed("patternProperties", "must be an object of schemas") }
            for pattern in schemas.keys.sorted() {
                let schemaPath = context.path.appending("patternProperties").appending(pattern)
                let regex = try compile(pattern, at: schemaPath)
                for key in members.keys.sorted() where Self.search(regex, in: key) {
                    evaluated.insert(key)
                    try validate(members[key]!, schemas[pattern]!, at: JSONValue.appending(key: key, to: instancePath), schemaPath: schemaPath)
                }
            }
        }
        if let additional = context["additionalProperties"] {
            for key in members.keys.sorted() where !evaluated.contains(key) {
                let memberPath = JSONValue.appending(key: key, to: instancePath)
                if additional == .bool(false) {
                    report(memberPath, context.path.appending("additionalProperties"), "property \(JSONValue.string(key).serialized()) is not allowed")
                } else {
                    try validate(members[key]!, additional, at: memberPath, schemaPath: context.path.appending("additionalProperties"))
                }
            }
        }
        if let required = context["required"] {
            guard case .array(let names) = required, names.allSatisfy({ $0.stringValue != nil }) else {
                throw context.malformed("required", "must be an array of strings")
            }
            for name in names.compactMap(\.stringValue) where members[name] == nil {
                report(instancePath, context.path.appending("required"), "missing required property \(JSONValue.string(name).serialized())")
            }
        }
        if let minimum = try context.count("minProperties"), members.count < minimum {
            report(instancePath, context.path.appending("minProperties"), "expected at least \(minimum) properties, got \(members.count)")
        }
        if let maximum = try context.count("maxProperties"), members.count > maximum {
            report(instancePath, context.path.appending("maxProperties"), "expected at most \(maximum) properties, got \(members.count)")
        }
        if let propertyNames = context["propertyNames"] {
            for key in members.keys.sorted() {
                try validate(.string(key), propertyNames, at: JSONValue.appending(key: key, to: instancePath), schemaPath: context.path.appending("propertyNames"))
            }
        }
    }

    // MARK: - Combinators

    private mutating func validateCombinators(_ instance: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
        if let schemas = try context.schemaArray("allOf") {
            for (index, schema) in schemas.enumerated() {
                try validate(instance, schema, at: instancePath, schemaPath: context.path.appending("allOf").appending(String(index)))
            }
        }
        if let schemas = try context.schemaArray("anyOf") {
            var branches: [[SchemaViolation]] = []
            for (index, schema) in schemas.enumerated() {
                let found = try trial(instance, schema, at: instancePath, schemaPath: context.path.appending("anyOf").appending(String(index)))
                if found.isEmpty { branches = []; break }
                branches.append(found)
            }
            if !branches.isEmpty {
                report(instancePath, context.path.appending("anyOf"), "expected a value matching at least one of \(schemas.count) schemas\(Self.closest(branches))")
            }
        }
        if let schemas = try context.schemaArray("oneOf") {
            var passing: [Int] = []
            var branches: [[SchemaViolation]] = []
            for (index, schema) in schemas.enumerated() {
                let found = try trial(instance, schema, at: instancePath, schemaPath: context.path.appending("oneOf").appending(String(index)))
                if found.isEmpty { passing.append(index) }
                branches.append(found)
            }
            if passing.isEmpty {
                report(instancePath, context.path.appending("oneOf"), "expected a value matching exactly one of \(schemas.count) schemas, it matches none\(Self.closest(branches))")
            } else if passing.count > 1 {
                let list = passing.map(String.init).joined(separator: ", ")
                report(instancePath, context.path.appending("oneOf"), "expected a value matching exactly one of \(schemas.count) schemas, it matches \(passing.count) (\(list))")
            }
        }
        if let negated = context["not"] {
            if try trial(instance, negated, at: instancePath, schemaPath: context.path.appending("not")).isEmpty {
                report(instancePath, context.path.appending("not"), "expected a value not matching the schema in not, got \(instance.typedPreview)")
            }
        }
        if let condition = context["if"] {
            let holds = try trial(instance, condition, at: instancePath, schemaPath: context.path.appending("if")).isEmpty
            if holds, let then = context["then"] {
                try validate(instance, then, at: instancePath, schemaPath: context.path.appending("then"))
            } else if !holds, let otherwise = context["else"] {
                try validate(instance, otherwise, at: instancePath, schemaPath: context.path.appending("else"))
            }
        }
    }

    /// `; closest: <path>: <message>` for the branch with the fewest violations.
    private static func closest(_ branches: [[SchemaViolation]]) -> String {
        guard let best = branches.min(by: { $0.count < $1.count }), let first = best.first else { return "" }
        return " (closest: \(first.instancePath): \(first.message))"
    }
}

/// A schema object's keywords, with typed readers that reject malformed values.
private struct Keywords {
    let keywords: [String: JSONValue]
    /// Where the schema object is.
    let path: JSONPointer

    subscript(keyword: String) -> JSONValue? {
        keywords[keyword]
    }

    func malformed(_ keyword: String, _ problem: String) -> JSONSchemaError {
        JSONSchemaError("malformed schema: \(keyword) at \(path.appending(keyword)) \(problem)")
    }

    func string(_ keyword: String) throws(JSONSchemaError) -> String? {
        guard let value = keywords[keyword] else { return nil }
        guard case .string(let string) = value else { throw malformed(keyword, "must be a string") }
        return string
    }

    func bool(_ keyword: String) throws(JSONSchemaError) -> Bool? {
        guard let value = keywords[keyword] else { return nil }
        guard case .bool(let bool) = value else { throw malformed(keyword, "must be a boolean") }
        return bool
    }

    /// The Boolean when the keyword holds one; `nil` when it is absent or a number; an error otherwise.
    func boolIfBool(_ keyword: String) throws(JSONSchemaError) -> Bool? {
        switch keywords[keyword] {
        case .bool(let bool)?: return bool
        case nil, .integer?, .double?: return nil
        default: throw malformed(keyword, "must be a number")
        }
    }

    /// The Boolean when the keyword holds one, else `nil`.
    func boolIfBoolOrNil(_ keyword: String) -> Bool? {
        keywords[keyword]?.boolValue
    }

    func number(_ keyword: String) throws(JSONSchemaError) -> JSONValue? {
        guard let value = keywords[keyword] else { return nil }
        switch value {
        case .integer, .double: return value
        default: throw malformed(keyword, "must be a number")
        }
    }

    /// A non-negative integer (an integral `.double` such as `1.0` counts, as the spec allows).
    func count(_ keyword: String) throws(JSONSchemaError) -> Int? {
        guard let value = keywords[keyword] else { return nil }
        switch value {
        case .integer(let integer) where integer >= 0: return Int(integer)
        case .double(let double) where double >= 0 && double == double.rounded() && double < 9e15: return Int(double)
        default: throw malformed(keyword, "must be a non-negative integer")
        }
    }

    func schemaArray(_ keyword: String) throws(JSONSchemaError) -> [JSONValue]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .array(let schemas) = value, !schemas.isEmpty else { throw malformed(keyword, "must be a non-empty array of schemas") }
        return schemas
    }
}
