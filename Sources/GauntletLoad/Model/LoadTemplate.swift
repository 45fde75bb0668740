import Foundation

/// A string with `{{run}}`, `{{iteration}}` and `{{vu}}` placeholders, split once at load time
/// so that filling it in on the hot path is a few appends.
public struct LoadTemplate: Sendable, Equatable {
    /// A literal piece or a placeholder.
    public enum Part: Sendable, Equatable {
        /// Text copied as is.
        case literal(String)
        /// The run's identifier, unique per run (so that repeated runs never collide).
        case run
        /// The iteration's number, unique within the run.
        case iteration
        /// The virtual user's number (closed model) or the loop's number (open model).
        case vu
    }

    /// The pieces in order.
    public let parts: [Part]
    /// The template's source text.
    public let source: String

    /// Splits `source` at its placeholders.
    /// - Throws: `LoadTemplateError` naming an unknown placeholder.
    public init(_ source: String) throws(LoadTemplateError) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw LoadTemplateError(placeholder: String(rest[open.lowerBound...]))
            }
            let name = rest[open.upperBound..<close.lowerBound].filter { $0 != " " }
            switch name {
            case "run": parts.append(.run)
            case "iteration": parts.append(.iteration)
            case "vu": parts.append(.vu)
            default: throw LoadTemplateError(placeholder: String(name))
            }
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// Whether the template has no placeholder, so its source can be used as is.
    public var isConstant: Bool {
        parts.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    /// Fills the placeholders in.
    public func render(run: String, iteration: Int, vu: Int) -> String {
        if isConstant { return source }
        var out = ""
        out.reserveCapacity(source.count + 16)
        for part in parts {
            switch part {
            case let .literal(text): out += text
            case .run: out += run
            case .iteration: out += String(iteration)
            case .vu: out += String(vu)
            }
        }
        return out
    }
}

/// A placeholder that `LoadTemplate` does not know.
public struct LoadTemplateError: Error, Sendable, CustomStringConvertible {
    /// The offending placeholder.
    public var placeholder: String
    /// A user-facing message.
    public var description: String {
        "unknown placeholder '\(placeholder)' (use {{run}}, {{iteration}} or {{vu}})"
    }
}
