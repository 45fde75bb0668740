/// Escaping for XML text and attributes, dropping characters XML 1.0 cannot carry at all
/// (control characters other than tab, newline and carriage return), which a misbehaving
/// server's body may contain.
enum XMLEscaping {
    static func text(_ value: String) -> String { escape(value, quotes: false) }

    static func attribute(_ value: String) -> String { escape(value, quotes: true) }

    static func escape(_ value: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
                out += allowed ? String(scalar) : "\u{FFFD}"
            }
        }
        return out
    }
}
