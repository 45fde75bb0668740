import Foundation

extension SchemaValidation {
    // MARK: - Any instance

    mutating func validateGeneric(_ instance: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
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
            let matches = types.contains { instance.hasType($0) } || (nullable && instance == .null)
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

    // MARK: - Strings

    mutating func validateString(_ string: String, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
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
        if let format = try context.string("format"), assertsFormats, SchemaFormat.check(format, string) == false {
            report(instancePath, context.path.appending("format"), "expected \(SchemaFormat.describe(format)), got \(JSONValue.string(string).preview(limit: 80))")
        }
    }

    mutating func compile(_ pattern: String, at schemaPath: SchemaLocation) throws(JSONSchemaError) -> NSRegularExpression {
        if let cached = regexCache[ScalarExactString(pattern)] { return cached }
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            throw JSONSchemaError("invalid regular expression /\(pattern)/ at \(schemaPath)")
        }
        regexCache[ScalarExactString(pattern)] = regex
        return regex
    }

    static func search(_ regex: NSRegularExpression, in string: String) -> Bool {
        regex.firstMatch(in: string, options: [], range: NSRange(string.startIndex..., in: string)) != nil
    }

    // MARK: - Numbers

    mutating func validateNumber(_ number: JSONValue, _ context: Keywords, at instancePath: String) throws(JSONSchemaError) {
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
}
