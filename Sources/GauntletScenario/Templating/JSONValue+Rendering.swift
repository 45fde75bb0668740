public import GauntletJSON

extension JSONValue {
    /// Renders every string inside this value as a template, object keys included, at any depth.
    ///
    /// A key renders to text: a key that is one placeholder of a non-string value (a number, a
    /// list) becomes that value's compact JSON text, as it would inside a longer string. Two
    /// keys that render to the same text are an error rather than one silently replacing the
    /// other.
    /// - Throws: ``TemplateError`` for a placeholder that cannot be filled or a key clash.
    public func rendered(in scope: VariableScope) throws(TemplateError) -> JSONValue {
        try rendered { text throws(TemplateError) in try Template(text).renderValue(in: scope) } key: { text throws(TemplateError) in
            try Template(text).render(in: scope)
        }
    }

    /// Rebuilds the value with `value` applied to every string and `key` to every object key.
    func rendered(
        _ value: (String) throws(TemplateError) -> JSONValue, key: (String) throws(TemplateError) -> String
    ) throws(TemplateError) -> JSONValue {
        switch self {
        case .string(let text):
            return try value(text)
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try item.rendered(value, key: key)) }
            return .array(out)
        case .object(let members):
            var out: JSONValue = [:]
            var written: [String: String] = [:]
            for (name, member) in members {
                let renderedName = try key(name)
                if let earlier = written[renderedName] {
                    throw TemplateError("object keys '\(earlier)' and '\(name)' both render to '\(renderedName)'")
                }
                written[renderedName] = name
                out.setMember(renderedName, to: try member.rendered(value, key: key))
            }
            return out
        default:
            return self
        }
    }

    /// Sets (or with `nil` removes) a member of an object; does nothing to other values.
    ///
    /// Written against the object's subscript only, so it holds whatever type stores the members.
    mutating func setMember(_ key: String, to value: JSONValue?) {
        guard case .object(var members) = self else { return }
        self = .null  // so that `members` is the only reference and changes in place
        members[key] = value
        self = .object(members)
    }
}
