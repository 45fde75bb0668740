import Foundation
public import GauntletJSON

/// A string with `{{ name }}` placeholders, parsed (compiled) once.
///
/// Names are variables (`id`), dotted paths into object variables (`event.eventId`), or
/// built-ins (`run_id`, `uuid`, `now`, `env.HOME`; see ``VariableScope``), optionally followed
/// by filters: `{{ id | urlencode }}` percent-encodes a value for use in a path,
/// `{{ scenario_uid | pad: 129 }}` pads it to a fixed length (see ``TemplateFilter``). A string
/// that is exactly one placeholder renders to the variable's own JSON value, so
/// `status: "{{code}}"` stays an integer and `json: "{{event}}"` stays an object.
///
/// Parsing finds every mistake that does not depend on the variables (an unterminated `{{`,
/// an empty placeholder, an unknown filter or a bad filter argument), so that a scenario file
/// can be checked before any request is sent; ``placeholders`` lists the names to check.
public struct Template: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(Placeholder)
    }

    let segments: [Segment]

    /// The text as written.
    public let source: String

    /// Parses `text`.
    /// - Throws: ``TemplateError`` for an unterminated `{{`, an empty placeholder, an unknown
    ///   filter or a filter argument of the wrong kind.
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
            let inner = String(rest[open.upperBound..<close.lowerBound])
            guard !inner.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TemplateError("empty placeholder '{{}}' in \"\(text)\"")
            }
            segments.append(.placeholder(try Placeholder(parsing: inner)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        self.segments = segments
    }

    /// Whether the template has any placeholder at all.
    public var isLiteral: Bool { placeholders.isEmpty }

    /// The placeholders, in the order written.
    public var placeholders: [Placeholder] {
        segments.compactMap { if case .placeholder(let placeholder) = $0 { placeholder } else { nil } }
    }

    /// Renders to a JSON value: the variable's own value when the whole text is one placeholder,
    /// otherwise a string.
    public func renderValue(in scope: VariableScope) throws(TemplateError) -> JSONValue {
        var budget = VariableScope.expansionLimit
        return try renderValue(in: scope, depth: 0, budget: &budget)
    }

    /// Renders to text; non-string values are written as compact JSON.
    public func render(in scope: VariableScope) throws(TemplateError) -> String {
        var budget = VariableScope.expansionLimit
        return try render(in: scope, depth: 0, budget: &budget)
    }

    func renderValue(in scope: VariableScope, depth: Int, budget: inout Int) throws(TemplateError) -> JSONValue {
        if segments.count == 1, case .placeholder(let placeholder) = segments[0] {
            return try scope.value(of: placeholder, depth: depth, budget: &budget)
        }
        if isLiteral { return .string(source) }
        return .string(try render(in: scope, depth: depth, budget: &budget))
    }

    func render(in scope: VariableScope, depth: Int, budget: inout Int) throws(TemplateError) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .placeholder(let placeholder): out += try scope.value(of: placeholder, depth: depth, budget: &budget).templateText
            }
        }
        return out
    }
}

extension JSONValue {
    /// How a value reads inside a larger string or as an object key: strings bare, everything
    /// else as compact JSON.
    var templateText: String {
        if case .string(let text) = self { return text }
        return serialized()
    }
}
