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
            // Keys compare by code points (JSONObject), so only keys that render to the very
            // same text clash.
            var out = JSONObject()
            var writtenAs = JSONObject()
            for (name, member) in members {
                let renderedName = try key(name)
                if let earlier = writtenAs[renderedName]?.stringValue {
                    throw TemplateError("object keys '\(earlier)' and '\(name)' both render to '\(renderedName)'")
                }
                writtenAs[renderedName] = .string(name)
                out[renderedName] = try member.rendered(value, key: key)
            }
            return .object(out)
        default:
            return self
        }
    }
}
