import Foundation
import GauntletJSON

/// A filter a placeholder applies to its value after `|`, with at most one argument after a
/// colon (`name: argument`), checked when the template is parsed.
public enum TemplateFilter: Sendable, Hashable, CustomStringConvertible {
    /// Percent-encodes everything but unreserved characters, for a value in a path or query.
    case urlencode
    /// Writes the value as compact JSON text (a string gets its quotes).
    case json
    /// Right-pads the text with `x` to exactly this many characters, for ids of a fixed length
    /// (`{{ scenario_uid | pad: 129 }}`); text already longer is an error, not cut.
    case pad(Int)

    /// The filters' names, as a scenario writes them.
    static let names = ["urlencode", "json", "pad"]

    /// Parses `name` or `name: argument`.
    /// - Throws: ``TemplateError`` for an unknown name or an argument the filter does not take.
    init(parsing text: String, in placeholder: String) throws(TemplateError) {
        let name: String
        let argument: String?
        if let colon = text.firstIndex(of: ":") {
            name = text[..<colon].trimmingCharacters(in: .whitespaces)
            argument = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else {
            name = text
            argument = nil
        }
        switch name {
        case "urlencode", "json":
            if argument != nil { throw TemplateError("filter '\(name)' takes no argument, in '{{\(placeholder)}}'") }
            self = name == "json" ? .json : .urlencode
        case "pad":
            guard let argument, let length = Int(argument), length >= 1 else {
                throw TemplateError("filter 'pad' takes a length of at least 1, as in 'pad: 129', in '{{\(placeholder)}}'")
            }
            self = .pad(length)
        default:
            let shown = name.isEmpty ? "''" : "'\(name)'"
            throw TemplateError("unknown filter \(shown) in '{{\(placeholder)}}'; known: \(Self.names.joined(separator: ", "))")
        }
    }

    /// The value after this filter.
    /// - Throws: ``TemplateError`` when `pad` is given text longer than its length.
    func apply(to value: JSONValue, in placeholder: Placeholder) throws(TemplateError) -> JSONValue {
        switch self {
        case .urlencode:
            return .string(Self.urlencoded(value.templateText))
        case .json:
            return .string(value.serialized())
        case .pad(let length):
            let text = value.templateText
            guard text.count <= length else {
                throw TemplateError("'\(placeholder)': '\(text)' is \(text.count) characters, longer than the pad length \(length)")
            }
            return .string(text + String(repeating: "x", count: length - text.count))
        }
    }

    /// Characters `urlencode` leaves as they are: letters and digits (`CharacterSet.alphanumerics`) and `-._~`.
    private static let unencoded: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    /// The text as the `urlencode` filter writes it, e.g. `a/b c` → `a%2Fb%20c`; also how
    /// ``RunOptions/secrets`` knows a `--secret` value as it reads in a URL.
    public static func urlencoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unencoded) ?? text
    }

    public var description: String {
        switch self {
        case .urlencode: "urlencode"
        case .json: "json"
        case .pad(let length): "pad: \(length)"
        }
    }
}
