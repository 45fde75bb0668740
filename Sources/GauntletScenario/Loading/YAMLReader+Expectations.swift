import GauntletJSON
import Yams

/// Reading `expect:` blocks: status, headers, body, jsonpath, schema, max_duration.
extension YAMLReader {
    /// An `expect:` block, or a `given:` one (`context` names it in messages).
    mutating func expect(_ node: Node, in context: String = "expect") -> [Expectation] {
        guard let members = members(
            of: node, in: context, allowed: ["status", "statuses", "headers", "body", "jsonpath", "schema", "max_duration"])
        else { return [] }
        // `expect: {}` checks nothing, and a step that writes it would read as checked.
        if members.isEmpty { error("'\(context)' needs at least one check (status, headers, body, jsonpath, schema, max_duration)", at: node) }
        var result: [Expectation] = []
        for (key, value, keyNode) in members {
            let at = location(of: keyNode)
            if ["headers", "jsonpath", "statuses"].contains(key), case .mapping(let mapping) = value, mapping.count == 0 {
                error("'\(context).\(key)' is empty: it checks nothing", at: value)
            }
            switch key {
            case "status":
                let status = json(value)
                if validStatus(status, at: value) { result.append(Expectation(.status(status), location: at)) }
            case "headers":
                for (name, predicateNode, nameNode) in pairs(of: value, in: "\(context).headers") {
                    template(name, at: nameNode)
                    for predicate in predicates(predicateNode, for: "header '\(name)'") {
                        result.append(Expectation(.header(name, predicate), location: location(of: nameNode)))
                    }
                }
            case "body":
                let body = json(value)
                guard !body.holdsNonFiniteNumber else {
                    error("body holds .inf or .nan, which JSON has not: the check could never hold", at: value)
                    continue
                }
                result.append(Expectation(.body(body), location: at))
            case "jsonpath":
                for (path, predicateNode, pathNode) in pairs(of: value, in: "\(context).jsonpath") {
                    template(path, at: pathNode)
                    guard validJSONPath(path, at: pathNode) else { continue }
                    for predicate in predicates(predicateNode, for: "'\(path)'") {
                        result.append(Expectation(.jsonPath(path, predicate), location: location(of: pathNode)))
                    }
                }
            case "schema":
                guard let reference = string(value, "schema") else { continue }
                let parts = reference.split(separator: "#", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("/") else {
                    error("schema must name a file and a JSON Pointer, as in 'openapi.json#/components/schemas/Event'", at: value)
                    continue
                }
                result.append(Expectation(.schema(file: parts[0], pointer: "#" + parts[1]), location: at))
            case "statuses":
                var counts: [Int: JSONValue] = [:]
                for (code, countNode, codeNode) in pairs(of: value, in: "\(context).statuses") {
                    guard let status = Int(code), (100...599).contains(status) else {
                        error("keys of statuses are status codes, found '\(code)'", at: codeNode)
                        continue
                    }
                    let count = json(countNode)
                    guard count.intValue.map({ $0 >= 0 }) ?? (count.stringValue?.contains("{{") == true) else {
                        error("statuses counts are whole numbers (0 or more), found \(count.preview())", at: countNode)
                        continue
                    }
                    counts[status] = count
                }
                result.append(Expectation(.statuses(counts), location: at))
            case "max_duration":
                guard let limit = duration(value, "max_duration") else { continue }
                // No exchange takes no time at all.
                guard limit > .zero else {
                    error("max_duration must be more than 0s: no answer comes in no time, so the check could never hold", at: value)
                    continue
                }
                result.append(Expectation(.maxDuration(limit), location: at))
            default: break
            }
        }
        return result
    }

    /// A scalar or list is shorthand for `equals`; a mapping names one or more operators.
    mutating func predicates(_ node: Node, for subject: String) -> [Predicate] {
        guard case .mapping = node else {
            let value = json(node)
            guard !value.holdsNonFiniteNumber else {
                error("\(subject) is checked against \(describe(node)), which JSON has not (no infinity or NaN): the check could never hold", at: node)
                return []
            }
            return [Predicate(.equals, value)]
        }
        let allowed = Predicate.Operator.allCases.map(\.rawValue)
        guard let members = members(of: node, in: "the checks on \(subject)", allowed: allowed) else { return [] }
        var result: [Predicate] = []
        for (key, value, _) in members {
            let op = Predicate.Operator(rawValue: key)!
            var operand = json(value)
            // `type: null` unquoted is YAML's null, and the type it names.
            if op == .type { operand = operand.arrayValue.map { .array($0.map(Self.typeOperand)) } ?? Self.typeOperand(operand) }
            if operand.holdsNonFiniteNumber {
                // `.inf` and `.nan` are YAML's, not JSON's: `less_than: .inf` would hold for every
                // number, `equals: .nan` for none.
                error("\(op.rawValue) takes finite numbers (JSON has no infinity or NaN), found \(describe(value)) in the checks on \(subject)", at: value)
                continue
            }
            if validOperand(operand, for: op, at: value) { result.append(Predicate(op, operand)) }
        }
        if result.isEmpty && members.isEmpty { error("no check given for \(subject)", at: node) }
        if let contradiction = Self.contradiction(in: result) { error("\(contradiction) on \(subject): the check could never hold", at: node) }
        return result
    }

    /// A `type` operand's name: YAML's null (`type: null` unquoted) names the type `null`.
    static func typeOperand(_ operand: JSONValue) -> JSONValue { operand == .null ? "null" : operand }

    /// Why `predicates` on one value could never all hold together, for the literal operands
    /// that say so (`greater_than: 10` with `less_than: 5`; `equals: a` with `not_equals: a`);
    /// nil when some value may satisfy them.
    static func contradiction(in predicates: [Predicate]) -> String? {
        let literal = predicates.filter { RequestTemplate.isLiteral($0.operand) }
        typealias Bound = (value: Double, strict: Bool, written: JSONValue)
        func bound(_ op: Predicate.Operator, strict: Bool) -> Bound? {
            literal.first { $0.op == op }.flatMap { predicate in predicate.operand.doubleValue.map { ($0, strict, predicate.operand) } }
        }
        let lower = [bound(.greaterThan, strict: true), bound(.greaterOrEqual, strict: false)].compactMap { $0 }.max { $0.value < $1.value }
        let upper = [bound(.lessThan, strict: true), bound(.lessOrEqual, strict: false)].compactMap { $0 }.min { $0.value < $1.value }
        if let lower, let upper, lower.value > upper.value || (lower.value == upper.value && (lower.strict || upper.strict)) {
            return "no number is \(lower.strict ? "greater than" : "at least") \(lower.written.preview()) and "
                + "\(upper.strict ? "less than" : "at most") \(upper.written.preview())"
        }
        if let equal = literal.first(where: { $0.op == .equals }) {
            if literal.contains(where: { $0.op == .notEquals && $0.operand.isEquivalent(to: equal.operand) }) {
                return "equals and not_equals name one value, \(equal.operand.preview())"
            }
            // The one value equals allows must pass the other checks (bounds, type, one_of) itself.
            if let other = literal.first(where: { [.lessThan, .lessOrEqual, .greaterThan, .greaterOrEqual, .type, .oneOf].contains($0.op)
                && !PredicateEvaluator.holds($0, for: equal.operand) }) {
                return "equals \(equal.operand.preview()) cannot also be \(other)"
            }
        }
        if literal.contains(where: { $0.op == .exists && $0.operand == .bool(false) }),
            let other = literal.first(where: { ![.exists, .notEquals].contains($0.op) }) {
            return "exists: false leaves no value to be \(other)"
        }
        return nil
    }

    mutating func validOperand(_ operand: JSONValue, for op: Predicate.Operator, at node: Node) -> Bool {
        let templated = operand.stringValue.map { $0.contains("{{") } ?? false
        switch op {
        case .type:
            // One name, or a list of them as JSON Schema writes it (`[string, number]`): any holds.
            let names = ["null", "boolean", "integer", "number", "string", "array", "object"]
            let given = operand.arrayValue.map { items in items.map(\.stringValue) } ?? [operand.stringValue]
            guard !given.isEmpty, given.allSatisfy({ $0.map(names.contains) ?? false }) else {
                error("type takes one of: \(names.joined(separator: ", ")) (or a list of them), found \(operand.preview())", at: node)
                return false
            }
        case .matches:
            guard let pattern = operand.stringValue else {
                error("matches takes a regular expression (a string)", at: node)
                return false
            }
            guard !pattern.isEmpty else {
                error("matches '' finds the empty text in any text, so it only checks that there is text: write the pattern to look for, or 'type: string'", at: node)
                return false
            }
            if !templated, MatchesPattern.compile(pattern) == nil {
                error("invalid regular expression '\(pattern)'", at: node)
                return false
            }
        case .exists:
            guard case .bool = operand else {
                error("exists takes true or false", at: node)
                return false
            }
        case .count:
            // A count of nodes: `count: 0.5` or `-1` could never hold.
            guard templated || operand.intValue.map({ $0 >= 0 }) == true else {
                error("count takes a whole number of nodes (0 or more), found \(operand.preview())", at: node)
                return false
            }
        case .lessThan, .lessOrEqual, .greaterThan, .greaterOrEqual:
            guard operand.doubleValue != nil || templated else {
                error("\(op.rawValue) takes a number", at: node)
                return false
            }
        case .oneOf:
            // An empty list could never hold.
            guard let options = operand.arrayValue, !options.isEmpty else {
                error("one_of takes a list of the values allowed, at least one, found \(operand.preview())", at: node)
                return false
            }
        case .includes:
            // Tokens, as a list or comma-separated: an empty list, or items that are not text,
            // would leave nothing to look for, and the check would hold whatever the header says.
            let items = operand.arrayValue ?? operand.stringValue.map { _ in [operand] }
            let valid = items.map { items in
                !items.isEmpty && items.allSatisfy { !Predicate.tokens(of: $0.stringValue ?? "").isEmpty }
            } ?? false
            guard valid else {
                error("includes takes the tokens to find, as a list of text ([GET, POST]) or one text (\"GET, POST\"), found \(operand.preview())", at: node)
                return false
            }
        case .equals, .notEquals, .contains:
            break
        }
        return true
    }

    mutating func validStatus(_ status: JSONValue, at node: Node) -> Bool {
        let valid: Bool
        if case .array(let items) = status {
            // A list of alternatives: codes, classes or placeholders (`[400, "{{validation_status}}"]`).
            valid = !items.isEmpty && items.allSatisfy { $0.arrayValue == nil && Self.isStatus($0) }
        } else {
            valid = Self.isStatus(status)
        }
        if !valid {
            error("status must be a code (201), a class ('2xx') or a list of them ([200, 204]), found \(status.preview())", at: node)
        }
        return valid
    }

    /// A code, a class such as `4xx`, or a placeholder that renders to one.
    static func isStatus(_ status: JSONValue) -> Bool {
        switch status {
        case .integer(let code): (100...599).contains(code)
        case .string(let text) where text.contains("{{"): true
        case .string(let text): text.count == 3 && text.hasSuffix("xx") && ("1"..."5").contains(text.prefix(1))
        default: false
        }
    }
}

extension JSONValue {
    /// Whether the value is, or holds, a number JSON cannot write: YAML's `.inf` or `.nan`.
    fileprivate var holdsNonFiniteNumber: Bool {
        switch self {
        case .double(let number): !number.isFinite
        case .array(let items): items.contains { $0.holdsNonFiniteNumber }
        case .object(let members): members.values.contains { $0.holdsNonFiniteNumber }
        default: false
        }
    }
}
