import GauntletJSON

/// Valid values for an operation's body and parameters, the same for the same seed, label and
/// case index: case 0 at the lower bounds, 1 at the upper bounds, 2 in alternative spellings,
/// the rest random. Every value is checked against its schema before it is used.
struct CaseGenerator {
    let document: APIDocument
    let validator: JSONSchemaValidator
    let seed: UInt64

    static func style(of index: Int) -> ValueGenerator.Style {
        switch index {
        case 0: .minimal
        case 1: .maximal
        case 2: .alternative
        default: .random
        }
    }

    /// A value valid against the schema at `pointer`, or `nil` when none was found (the
    /// document's `example`s included).
    func validValue(_ pointer: JSONPointer, label: String, index: Int) -> JSONValue? {
        guard let schema = pointer.resolve(in: document.requestJSON) else { return nil }
        var random = SeededGenerator.derived(seed: seed, "\(label)#\(index)")
        for attempt in 0..<25 {
            var generator = ValueGenerator(document: document.requestJSON, random: random, style: attempt == 0 ? Self.style(of: index) : .random)
            let value = generator.value(for: schema)
            random = generator.random
            if isValid(value, pointer) { return value }
        }
        let resolved = document.schema(at: pointer)
        let examples = [resolved?["example"], resolved?["default"]].compactMap { $0 } + (resolved?["examples"]?.arrayValue ?? [])
        return examples.first { isValid($0, pointer) }
    }

    func isValid(_ value: JSONValue, _ pointer: JSONPointer) -> Bool {
        (try? validator.validate(value, against: pointer.description).isEmpty) ?? false
    }

    /// Query parameters for case `index`: the required ones always, optional ones by style. A
    /// valid value of null leaves the parameter out: a query has no null, only absence, and the
    /// text `null` is a string the API may rightly refuse (FastAPI's optional parameters).
    func query(for operation: APIOperation, index: Int) -> [(name: String, value: String)] {
        var random = SeededGenerator.derived(seed: seed, "\(operation.label)?\(index)")
        var query: [(name: String, value: String)] = []
        for parameter in operation.parameters where parameter.location == .query {
            let include = switch Self.style(of: index) {
            case .minimal: parameter.required
            case .maximal, .alternative: true
            case .random: parameter.required || Bool.random(using: &random)
            }
            guard include, let pointer = parameter.schema,
                let value = validValue(pointer, label: "\(operation.label)?\(parameter.name)", index: index), value != .null,
                let text = Mutator.parameterText(value)
            else { continue }
            query.append((parameter.name, text))
        }
        return query
    }

    /// Valid values for the path parameters not in `known`.
    func pathValues(for operation: APIOperation, index: Int, known: [String: String]) -> [String: String] {
        var values = known
        for parameter in operation.parameters where parameter.location == .path && values[parameter.name] == nil {
            let value = parameter.schema.flatMap { validValue($0, label: "\(operation.label)/\(parameter.name)", index: index + 3) }
                .flatMap { $0 == .null ? nil : $0 }
            let text = value.flatMap(Mutator.parameterText).flatMap { $0.isEmpty || $0.contains("/") ? nil : $0 }
            values[parameter.name] = text ?? "fuzz-missing-\(index)"
        }
        return values
    }
}
