extension JSONPath {
    /// `text` as an RFC 9535 string literal, for a query written from values: single-quoted, with
    /// `'` and `\` escaped and every control character written out (`\n`, `\u0001`), so that any
    /// text a deployment answered selects itself (`$['it\'s']`, `$..[?@ == 'a\\b']`).
    public static func stringLiteral(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": escaped += "\\'"
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "'\(escaped)'"
    }
}
