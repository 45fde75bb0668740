import Foundation

/// One `{{ … }}` of a ``Template``: the name it reads and the filters applied to its value.
public struct Placeholder: Sendable, Hashable, CustomStringConvertible {
    /// The name as written: a variable, a dotted path into one (`event.eventId`), a built-in
    /// or `env.NAME`.
    public let name: String
    /// Filters applied left to right (`{{ id | pad: 20 | urlencode }}`).
    public let filters: [TemplateFilter]

    /// Parses the text between `{{` and `}}`.
    /// - Throws: ``TemplateError`` when the name is empty or a filter is unknown or malformed.
    public init(parsing text: String) throws(TemplateError) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let name = parts[0]
        guard !name.isEmpty else { throw TemplateError("placeholder '{{\(text)}}' names no variable") }
        guard !name.contains(where: \.isWhitespace) else {
            throw TemplateError("'{{\(text)}}': a variable name has no spaces; filters follow a '|'")
        }
        self.name = name
        var filters: [TemplateFilter] = []
        for part in parts.dropFirst() { filters.append(try TemplateFilter(parsing: part, in: text)) }
        self.filters = filters
    }

    /// The variable the name starts with: `event` for `event.eventId`, `env` for `env.HOME`.
    public var head: String { String(name.prefix { $0 != "." }) }

    /// The placeholder as written, between braces.
    public var description: String {
        "{{" + ([name] + filters.map(\.description)).joined(separator: " | ") + "}}"
    }
}
