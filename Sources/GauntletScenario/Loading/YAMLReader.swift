import GauntletUnits
package import GauntletJSON
package import Yams

/// Reads a composed YAML tree into model values, collecting every problem as a diagnostic
/// with the node's line and column instead of stopping at the first.
package struct YAMLReader {
    /// The file being read, for locations.
    package let file: String
    /// Problems found so far.
    package var diagnostics: [ScenarioDiagnostic] = []
    /// Templates read so far whose names are checked once the run's variables are known.
    package var templateUses: [TemplateUse] = []

    package init(file: String) { self.file = file }

    package func location(of node: Node) -> ScenarioLocation {
        guard let mark = node.mark else { return ScenarioLocation(file: file, line: 1, column: 1) }
        return ScenarioLocation(file: file, line: mark.line, column: mark.column)
    }

    package mutating func error(_ message: String, at node: Node) {
        diagnostics.append(ScenarioDiagnostic(message, at: location(of: node)))
    }

    /// The members of a mapping whose keys are all in `allowed`; unknown keys are diagnosed
    /// (and skipped) with the list of keys that would be understood.
    package mutating func members(
        of node: Node, in context: String, allowed: [String]
    ) -> [(key: String, value: Node, keyNode: Node)]? {
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping (key: value), found \(kind(of: node))", at: node)
            return nil
        }
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("keys in \(context) must be plain strings", at: keyNode)
                continue
            }
            if Self.isMergeKey(keyNode) {
                error(Self.mergeKeyOutsideJSON(context), at: keyNode)
                continue
            }
            guard allowed.contains(scalar.string) else {
                error(
                    "unknown key '\(scalar.string)' in \(context); expected one of: \(allowed.joined(separator: ", "))",
                    at: keyNode)
                continue
            }
            result.append((scalar.string, value, keyNode))
        }
        return result
    }

    /// Whether `keyNode` is YAML's merge key: `<<` unquoted (a quoted `"<<"` is a key like any other).
    static func isMergeKey(_ keyNode: Node) -> Bool {
        if case .scalar(let scalar) = keyNode { scalar.string == "<<" && scalar.style == .plain } else { false }
    }

    /// Why YAML's merge key is refused in `context`: it is read inside JSON values only.
    static func mergeKeyOutsideJSON(_ context: String) -> String {
        "'<<' (YAML's merge key) is read inside JSON values only (a body, a variable's value), not in \(context): write its keys out"
    }

    /// A mapping with free-form string keys (variables, headers, JSONPath checks).
    package mutating func pairs(of node: Node, in context: String) -> [(key: String, value: Node, keyNode: Node)] {
        guard case .mapping(let mapping) = node else {
            error("\(context) must be a mapping (key: value), found \(kind(of: node))", at: node)
            return []
        }
        var result: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error("keys in \(context) must be plain strings", at: keyNode)
                continue
            }
            result.append((scalar.string, value, keyNode))
        }
        return result
    }

    package mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, Tag.Name(rawValue: node.tag.rawValue) != .null else {
            error("\(what) must be a string, found \(kind(of: node))", at: node)
            return nil
        }
        return scalar.string
    }

    package mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar = node, Tag.Name(rawValue: node.tag.rawValue) == .bool, let value = node.bool else {
            error("\(what) must be true or false, found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// A string that is a template: parsed now (a bad placeholder is a diagnostic at the
    /// scalar's position) and remembered for the check of its names.
    @discardableResult
    package mutating func templateString(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        template(text, at: node)
        return text
    }

    /// Parses `text` as a template written at `node`; a mistake is a diagnostic there.
    package mutating func template(_ text: String, at node: Node) {
        guard text.contains("{{") || text.contains("}}") else { return }
        do {
            let template = try Template(text)
            if !template.isLiteral {
                templateUses.append(TemplateUse(placeholders: template.placeholders, location: location(of: node)))
            }
        } catch {
            self.error(error.message, at: node)
        }
    }

    package mutating func int(_ node: Node, _ what: String, minimum: Int = 0, maximum: Int = .max) -> Int? {
        guard let value = node.int, value >= minimum, value <= maximum else {
            let range = maximum == .max ? "of at least \(minimum)" : "from \(minimum) to \(maximum)"
            error("\(what) must be an integer \(range), found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    package mutating func duration(_ node: Node, _ what: String) -> Duration? {
        if case .scalar(let scalar) = node {
            do throws(DurationTextError) {
                return try DurationText.parseExplained(scalar.string)
            } catch .tooLong {
                error("\(what) must be a year (8784h) at most, found \(describe(node))", at: node)
                return nil
            } catch {}
        }
        error("\(what) must be a duration such as 250ms, 2s or 1m, found \(describe(node))", at: node)
        return nil
    }

    package mutating func stringList(_ node: Node, _ what: String) -> [String] {
        switch node {
        case .scalar:
            return string(node, what).map { [$0] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { string($0, "each of \(what)") }
        default:
            error("\(what) must be a string or a list of strings, found \(kind(of: node))", at: node)
            return []
        }
    }

    package mutating func sequence(_ node: Node, _ what: String) -> [Node] {
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list, found \(kind(of: node))", at: node)
            return []
        }
        return Array(sequence)
    }

    /// Any YAML value as JSON: mappings become objects, sequences arrays, scalars by their tag.
    package mutating func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .integer(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
            default:
                template(scalar.string, at: node)
                return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(json(item)) }
            return .array(items)
        case .mapping:
            var object = JSONObject()
            var merged: [(String, JSONValue)] = []
            for (key, value, keyNode) in pairs(of: node, in: "a JSON object") {
                if Self.isMergeKey(keyNode) {
                    merged += mergedMembers(value)
                    continue
                }
                template(key, at: keyNode)
                object[key] = json(value)
            }
            // YAML's merge key: the mapping's own keys win, then the first source that has one.
            for (key, value) in merged where object[key] == nil { object[key] = value }
            return .object(object)
        case .alias:
            error("YAML aliases are not supported here; repeat the value or use a variable", at: node)
            return .null
        }
    }

    /// The members `<<: *base` (or `<<: [*a, *b]`) merges into a mapping, in order: YAML's merge
    /// key, which anchors invite (sent as a `"<<"` member, it would be a body nobody wrote).
    mutating func mergedMembers(_ node: Node) -> [(String, JSONValue)] {
        let sources: [Node] = if case .sequence(let sequence) = node { Array(sequence) } else { [node] }
        guard sources.allSatisfy({ $0.mapping != nil }) else {
            error("'<<' (YAML's merge key) takes a mapping or a list of mappings, as in '<<: *base', found \(kind(of: node))", at: node)
            return []
        }
        return sources.flatMap { source -> [(String, JSONValue)] in
            guard case .object(let members) = json(source) else { return [] }
            return members.map { ($0.0, $0.1) }
        }
    }

    package mutating func variables(_ node: Node) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, value, _) in pairs(of: node, in: "variables") { result[key] = json(value) }
        return result
    }

    package func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar): Tag.Name(rawValue: node.tag.rawValue) == .null ? "null" : "a scalar '\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    package func describe(_ node: Node) -> String {
        if case .scalar(let scalar) = node {
            // `concurrent: "5"` is the text 5: saying only '5' reads as if 5 itself were refused.
            if scalar.style == .singleQuoted || scalar.style == .doubleQuoted { return "the quoted text \"\(scalar.string)\" (a string)" }
            return "'\(scalar.string)'"
        }
        return kind(of: node)
    }
}
