import Foundation
public import GauntletJSON

/// A string with `{{ name }}` placeholders, parsed once.
///
/// Names are variables (`id`), dotted paths into object variables (`event.eventId`), or
/// built-ins (`run_id`, `uuid`, `now`, `env.HOME`; see ``VariableScope``), optionally followed
/// by a filter: `{{ id | urlencode }}` percent-encodes a value for use in a path. A string that
/// is exactly one placeholder renders to the variable's own JSON value, so `status: "{{code}}"`
/// stays an integer and `json: "{{event}}"` stays an object.
public struct Template: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    let segments: [Segment]

    /// The text as written.
    public let source: String

    /// Parses `text`; an unterminated `{{` is a ``TemplateError``.
    public init(_ text: String) throws(TemplateError) {
        source = text
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex {
                segments.append(.literal(String(rest[rest.startIndex..<open.lowerBound])))
            }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TemplateError("unterminated placeholder in \"\(text)\": '{{' has no matching '}}'")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw TemplateError("empty placeholder '{{}}' in \"\(text)\"") }
            segments.append(.placeholder(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// Whether the template has any placeholder at all.
    public var isLiteral: Bool { !segments.contains { if case .placeholder = $0 { true } else { false } } }

    /// Renders to a JSON value: the variable's own value when the whole text is one placeholder,
    /// otherwise a string.
    public func renderValue(in scope: VariableScope) throws(TemplateError) -> JSONValue {
        if segments.count == 1, case .placeholder(let name) = segments[0] {
            return try scope.value(of: name)
        }
        return .string(try render(in: scope))
    }

    /// Renders to text; non-string values are written as compact JSON.
    public func render(in scope: VariableScope) throws(TemplateError) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .placeholder(let name): out += try scope.value(of: name).templateText
            }
        }
        return out
    }
}

extension JSONValue {
    /// How a value reads inside a larger string: strings bare, everything else as JSON.
    var templateText: String {
        if case .string(let text) = self { return text }
        return serialized()
    }

    /// Renders every string inside this value as a template (keys stay as written).
    public func rendered(in scope: VariableScope) throws(TemplateError) -> JSONValue {
        switch self {
        case .string(let text):
            return try Template(text).renderValue(in: scope)
        case .array(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try item.rendered(in: scope)) }
            return .array(out)
        case .object(let members):
            var out = JSONObject()
            for (key, value) in members { out[key] = try value.rendered(in: scope) }
            return .object(out)
        default:
            return self
        }
    }
}
