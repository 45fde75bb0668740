import GauntletJSON

extension RequestTemplate {
    /// Whether nothing in the request has a placeholder, so that it renders the same every time
    /// (a load sends such a request as the same bytes without rendering it again).
    package var isLiteral: Bool {
        guard Self.isLiteral(method) else { return false }
        switch target {
        case .path(let text), .url(let text): guard Self.isLiteral(text) else { return false }
        }
        guard headers.allSatisfy(\.isLiteral) else { return false }
        switch body {
        case nil, .repeated?: return true
        case .text(let text)?, .base64(let text)?: return Self.isLiteral(text)
        case .json(let value, let omit, let merge)?:
            return Self.isLiteral(value) && omit.allSatisfy(Self.isLiteral)
                && merge.allSatisfy { Self.isLiteral($0.key) && Self.isLiteral($0.value) }
        }
    }

    package static func isLiteral(_ text: String) -> Bool {
        !text.contains("{{") && !text.contains("}}")
    }

    static func isLiteral(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): isLiteral(text)
        case .array(let items): items.allSatisfy(isLiteral)
        case .object(let members): members.allSatisfy { isLiteral($0.key) && isLiteral($0.value) }
        default: true
        }
    }
}

extension HeaderTemplate {
    /// Whether neither the name nor the value has a placeholder.
    package var isLiteral: Bool { RequestTemplate.isLiteral(name) && RequestTemplate.isLiteral(value) }
}
