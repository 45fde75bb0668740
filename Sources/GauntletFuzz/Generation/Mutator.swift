import GauntletJSON

/// Makes invalid variants of a valid request, one change at a time: a property of the wrong
/// type, missing, null, out of bounds, off its pattern or format, outside its enum, nested; a
/// body of the wrong type or not JSON at all; a query or path parameter off its schema.
///
/// Each candidate is kept only when the validator rejects it, so a mutation never blames a
/// deployment for accepting what its document allows. Candidates of different fields are
/// interleaved, so that a small `--max-examples` still touches every field.
struct Mutator {
    let document: APIDocument
    let validator: JSONSchemaValidator
    /// Put into the strings it makes up, so that anything a deployment wrongly stores is the run's.
    let runTag: String

    func bodyMutations(of base: JSONValue, schema pointer: JSONPointer) -> [Mutation] {
        guard let schema = pointer.resolve(in: document.requestJSON) else { return [] }
        var groups: [[Mutation]] = [[
            Mutation(description: "a body that is not JSON (cut short)", change: .body(.raw(Array(#"{"title": "#.utf8), contentType: "application/json"))),
            Mutation(description: "a body that is plain text", change: .body(.raw(Array("not json".utf8), contentType: "application/json"))),
        ]]
        var bodyLevel: [Mutation] = []
        for (value, what) in [(JSONValue.object([:]), "an empty object"), (.array([]), "an array"), (.string("text"), "a string"), (.null, "null")] {
            bodyLevel.append(Mutation(description: "a body that is \(what)", change: .body(.json(value))))
        }
        groups.append(bodyLevel)
        let view = SchemaView(schema, in: document.requestJSON)
        if case .object(let object) = base {
            var missing: [Mutation] = []
            for name in view.required where object[name] != nil {
                var changed = object
                _ = changed.removeValue(forKey: name)
                missing.append(Mutation(description: "without the required \(name)", change: .body(.json(.object(changed))), field: name))
            }
            groups.append(missing)
            for (name, propertySchema) in view.properties {
                groups.append(fieldValues(propertySchema, current: object[name]).map { value, what in
                    var changed = object
                    _ = changed.updateValue(value, forKey: name)
                    return Mutation(description: "\(name) \(what)", change: .body(.json(.object(changed))), field: name)
                })
            }
        }
        // One string far over any body limit (API Gateway's and Lambda's included): a 4xx, not a crash.
        // (The longest text the schema allows gets it: not an id, which would become a URL.)
        let texts = view.properties.compactMap { name, schema in SchemaView(schema, in: document.requestJSON).integer("maxLength").map { (name, $0) } }
        if let (name, _) = texts.max(by: { $0.1 < $1.1 }), case .object(var huge) = base {
            _ = huge.updateValue(.string(Self.padded(runTag, to: 1_100_000)), forKey: name)
            groups.append([Mutation(description: "\(name) a string of 1.1 MB", change: .body(.json(.object(huge))), field: name)])
        }
        return Self.interleave(groups).filter { mutation in
            guard case .body(.json(let value)) = mutation.change else { return true }
            return isInvalid(value, pointer)
        }
    }

    func queryMutations(of operation: APIOperation) -> [Mutation] {
        var groups: [[Mutation]] = []
        for parameter in operation.parameters where parameter.location == .query {
            var group: [Mutation] = []
            if parameter.required {
                group.append(Mutation(description: "without the required query parameter \(parameter.name)", change: .query(name: parameter.name, value: nil)))
            }
            if let pointer = parameter.schema, let schema = pointer.resolve(in: document.requestJSON) {
                for (value, what) in fieldValues(schema, current: nil) {
                    guard let text = Self.parameterText(value), isInvalid(parameter: text, pointer, schema) else { continue }
                    group.append(Mutation(description: "query parameter \(parameter.name) \(what)", change: .query(name: parameter.name, value: text)))
                }
            }
            groups.append(group)
        }
        return Self.interleave(groups)
    }

    func pathMutations(of operation: APIOperation) -> [Mutation] {
        var mutations: [Mutation] = []
        for parameter in operation.parameters where parameter.location == .path {
            guard let pointer = parameter.schema, let schema = pointer.resolve(in: document.requestJSON) else { continue }
            for (value, what) in fieldValues(schema, current: nil) {
                guard let text = Self.parameterText(value), !text.isEmpty, !text.contains("/"), isInvalid(parameter: text, pointer, schema) else { continue }
                mutations.append(Mutation(description: "path parameter \(parameter.name) \(what)", change: .pathParameter(name: parameter.name, value: text)))
            }
        }
        return mutations
    }

    /// Values that may break `schema`, each with how it is described.
    private func fieldValues(_ schema: JSONValue, current: JSONValue?) -> [(JSONValue, String)] {
        let view = SchemaView(schema, in: document.requestJSON)
        guard view.acceptsAnything else { return [(.string("\(runTag)-other"), "present, which the document forbids")] }
        var values: [(JSONValue, String)] = [(.null, "null")]
        let types = view.types
        if types.contains("string") || types.isEmpty {
            values.append((.integer(12345), "a number"))
            if let low = view.integer("minLength"), low > 0, low <= SchemaView.largestCount {
                values.append((.string(String(repeating: "a", count: low - 1)), low == 1 ? "empty" : "shorter than its minLength \(low)"))
            }
            if let high = view.integer("maxLength"), high < 1_000_000 {
                values.append((.string(Self.padded(runTag, to: high + 1)), "longer than its maxLength \(high)"))
            }
            if let pattern = view["pattern"]?.stringValue {
                // Tagged when the pattern allows: what a lax deployment stores is then the run's.
                let tagged = ["\(runTag) x", "\(runTag)!#%"].filter { !SchemaView.matches($0, pattern) }
                for candidate in tagged.isEmpty ? ["   "] : tagged {
                    values.append((.string(candidate), "\(JSONValue.string(candidate).serialized()), off its pattern \(pattern)"))
                }
            }
            switch view["format"]?.stringValue {
            case "date":
                values.append((.string("2025-02-30"), "an impossible date (2025-02-30)"))
                values.append((.string("2025-6-1"), "a date without zero padding (2025-6-1)"))
                values.append((.string("not-a-date"), "not a date"))
                // What a lax date type (pydantic's `date`) takes as the day: a datetime at
                // midnight, and a Unix timestamp of one.
                values.append((.string("2025-06-01T00:00:00"), "a date-time at midnight (2025-06-01T00:00:00)"))
                values.append((.integer(1_748_736_000), "a Unix timestamp of a midnight (1748736000)"))
            case "date-time":
                values.append((.string("2025-02-30T25:61:00Z"), "an impossible date-time"))
            case "email", "uuid":
                values.append((.string("not-an-\(view["format"]?.stringValue ?? "")"), "not in its format"))
            default: break
            }
            if let first = view["enum"]?.arrayValue?.first?.stringValue {
                values.append((.string("not-" + first), "outside its enum"))
            }
        }
        if types.contains("integer") || types.contains("number") {
            values.append((.string("123"), "a numeric string"))
            values.append((.bool(true), "a boolean"))
            if types.contains("integer") {
                let base = view.number("minimum") ?? 1
                values.append((.double(base + 0.5), "a fractional number"))
            }
            // An integer bound at the edge of 64 bits has no 64-bit integer beyond it to send.
            if let low = view.number("minimum"), let below = Self.beyond(low, by: -1, integer: types.contains("integer")) {
                values.append((below, "\(below.serialized()), below its minimum \(JSONValue.double(low).serialized())"))
            }
            if let high = view.number("maximum"), let above = Self.beyond(high, by: 1, integer: types.contains("integer")) {
                values.append((above, "\(above.serialized()), above its maximum"))
            }
        }
        if types.contains("boolean") {
            values.append((.string("true"), "a string"))
            values.append((.integer(1), "a number"))
        }
        if types.contains("object") || types.contains("array") {
            values.append((.string("text"), "a string"))
        }
        if let current {
            values.append((.object(["value": current]), "nested in an object"))
            values.append((.array([current]), "wrapped in an array"))
        }
        return values
    }

    private func isInvalid(_ value: JSONValue, _ pointer: JSONPointer) -> Bool {
        (try? validator.validate(value, against: pointer.description).isEmpty == false) ?? false
    }

    /// Whether a parameter's text is invalid as the server reads it: a number where the schema
    /// takes numbers, else a string (so `null` is the string "null", not JSON's null).
    private func isInvalid(parameter text: String, _ pointer: JSONPointer, _ schema: JSONValue) -> Bool {
        let types = SchemaView(schema, in: document.requestJSON).types
        let value: JSONValue =
            if types.contains("integer"), let integer = Int64(text) { .integer(integer) }
            else if types.contains("number"), let number = Double(text) { .double(number) }
            else if types.contains("boolean"), text == "true" || text == "false" { .bool(text == "true") }
            else { .string(text) }
        return isInvalid(value, pointer)
    }

    /// A value one step past `bound` (`step` -1 below a minimum, 1 above a maximum): for an
    /// integer, the next integer out of range, `nil` when it would not fit in 64 bits.
    static func beyond(_ bound: Double, by step: Int64, integer: Bool) -> JSONValue? {
        guard integer else { return .double(bound + Double(step)) }
        let edge = IntegerBounds.clamped(bound, rounded: step < 0 ? .up : .down)
        let (next, overflow) = edge.addingReportingOverflow(step)
        return overflow ? nil : .integer(next)
    }

    /// `count` characters starting with `prefix`.
    static func padded(_ prefix: String, to count: Int) -> String {
        let head = String(prefix.prefix(count))
        return head + String(repeating: "x", count: count - head.count)
    }

    /// How a scalar is written as a query or path parameter (`nil` for objects and arrays).
    static func parameterText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .integer, .double, .bool, .null: value.serialized()
        default: nil
        }
    }

    /// The first of each group, then the second of each, and so on.
    static func interleave(_ groups: [[Mutation]]) -> [Mutation] {
        var result: [Mutation] = []
        let longest = groups.map(\.count).max() ?? 0
        for index in 0..<longest {
            for group in groups where index < group.count { result.append(group[index]) }
        }
        return result
    }
}
