extension JSONValue {
    /// The value as JSON text.
    /// - Parameters:
    ///   - pretty: indent nested values by two spaces, one member or element a line.
    ///   - sortedKeys: write object members in key order (code point order), so the text is stable;
    ///     `false` writes them in member order.
    /// - Returns: valid JSON; doubles are written in their shortest form that reads back to the same value,
    ///   and non-finite doubles (which JSON cannot carry) as `null`.
    public func serialized(pretty: Bool = false, sortedKeys: Bool = true) -> String {
        serialized(pretty: pretty, sortedKeys: sortedKeys, indent: 0)
    }

    /// The text as ``serialized(pretty:sortedKeys:)`` writes it, for a value `indent` levels
    /// deep in a pretty document: its inner lines indented as the document's would be.
    public func serialized(pretty: Bool, sortedKeys: Bool, indent: Int) -> String {
        var output = ""
        write(to: &output, pretty: pretty, sortedKeys: sortedKeys, indent: indent)
        return output
    }

    /// Text for display: always JSON text, cut to at most `limit` characters ending in "…" when longer.
    public func preview(limit: Int = 200) -> String {
        let text = serialized()
        guard text.count > limit else { return text }
        return String(text.prefix(max(limit - 1, 0))) + "…"
    }

    private func write(to output: inout String, pretty: Bool, sortedKeys: Bool, indent: Int) {
        switch self {
        case .null:
            output += "null"
        case .bool(let bool):
            output += bool ? "true" : "false"
        case .integer(let integer):
            output += String(integer)
        case .double(let double):
            output += Self.numberText(double)
        case .string(let string):
            Self.writeQuoted(string, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { output += "[]"; return }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                if pretty { Self.newline(&output, indent: indent + 1) }
                element.write(to: &output, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            let ordered = sortedKeys ? members.sorted { ScalarExactString.precedes($0.key, $1.key) } : Array(members)
            for (position, member) in ordered.enumerated() {
                if position > 0 { output += "," }
                if pretty { Self.newline(&output, indent: indent + 1) }
                Self.writeQuoted(member.key, to: &output)
                output += pretty ? ": " : ":"
                member.value.write(to: &output, pretty: pretty, sortedKeys: sortedKeys, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output += "}"
        }
    }

    private static func newline(_ output: inout String, indent: Int) {
        output += "\n"
        output += String(repeating: "  ", count: indent)
    }

    /// Swift's `description` is the shortest text that reads back to the same `Double`, and is valid JSON
    /// for finite values (`100.0`, `1e+100`, `5e-324`).
    static func numberText(_ double: Double) -> String {
        double.isFinite ? double.description : "null"
    }

    /// Writes `string` as a JSON string literal, escaping quotes, backslashes and control characters.
    static func writeQuoted(_ string: String, to output: inout String) {
        output += "\""
        // Most strings need no escape and are appended whole, not scalar by scalar (a report can
        // hold a body of a megabyte).
        guard string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0x7F }) else {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
