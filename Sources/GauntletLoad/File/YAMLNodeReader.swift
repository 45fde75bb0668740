import Yams

/// Reads a composed YAML tree with a mark on every error, rejecting keys it was not asked for.
struct YAMLNodeReader {
    let file: String

    func error(_ node: Node?, _ message: String) -> LoadFileError {
        let mark = node?.mark
        return LoadFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    /// The mapping's pairs as (key, key node, value), after checking every key is allowed.
    func mapping(_ node: Node, allowed: Set<String>, context: String) throws(LoadFileError) -> [String: (key: Node, value: Node)] {
        guard case let .mapping(mapping) = node else { throw error(node, "\(context) must be a mapping") }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error(key, "\(context): keys must be plain strings") }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw error(key, "unknown key '\(name)' in \(context) (known keys: \(known))")
            }
            if result[name] != nil { throw error(key, "duplicate key '\(name)'") }
            result[name] = (key, value)
        }
        return result
    }

    func string(_ node: Node, _ what: String) throws(LoadFileError) -> String {
        guard let scalar = node.scalar else { throw error(node, "\(what) must be a string") }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, minimum: Int = Int.min) throws(LoadFileError) -> Int {
        guard node.scalar != nil, let value = node.int else { throw error(node, "\(what) must be an integer") }
        guard value >= minimum else { throw error(node, "\(what) must be at least \(minimum)") }
        return value
    }

    func double(_ node: Node, _ what: String) throws(LoadFileError) -> Double {
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init) else {
            throw error(node, "\(what) must be a number")
        }
        guard value >= 0, value.isFinite else { throw error(node, "\(what) must not be negative") }
        return value
    }

    func duration(_ node: Node, _ what: String) throws(LoadFileError) -> Duration {
        guard let text = node.scalar?.string, let duration = Duration.parseLoad(text) else {
            throw error(node, "\(what) must be a duration with a unit, as in 250ms, 30s or 2m")
        }
        return duration
    }

    func sequence(_ node: Node, _ what: String) throws(LoadFileError) -> [Node] {
        guard case let .sequence(sequence) = node else { throw error(node, "\(what) must be a list") }
        return Array(sequence)
    }

    /// Renders a YAML value as JSON text: plain scalars keep their type, quoted ones are strings.
    func json(_ node: Node) throws(LoadFileError) -> String {
        switch node {
        case let .scalar(scalar):
            if scalar.style == .plain || scalar.style == .any {
                if node.null != nil { return "null" }
                if let bool = node.bool { return bool ? "true" : "false" }
                if let int = node.int { return String(int) }
                if let float = node.float, float.isFinite { return String(float) }
            }
            return Self.quoted(scalar.string)
        case let .sequence(sequence):
            var parts: [String] = []
            for element in sequence { parts.append(try json(element)) }
            return "[" + parts.joined(separator: ",") + "]"
        case let .mapping(mapping):
            var parts: [String] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw error(key, "JSON keys must be strings") }
                parts.append(Self.quoted(name) + ":" + (try json(value)))
            }
            return "{" + parts.joined(separator: ",") + "}"
        case .alias:
            throw error(node, "aliases are not supported in a JSON body")
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
