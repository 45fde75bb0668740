/// Text from a deployment made safe to print on a terminal or in a CI log.
public enum PrintableText {
    /// `text` on one line with its control characters written out (`\n`, `\r`, `\u{1B}`; a tab
    /// stays): a deployment's answer can neither move the cursor, colour or clear the screen,
    /// nor start a line of its own (a bare CR before a CI runner's `::error::` command). The
    /// bidirectional formatting characters (``BidiControls``) are written out too: U+202E would
    /// show the rest of the line reversed.
    public static func escaping(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append(contentsOf: "\\n".unicodeScalars)
            case 0x0D: out.append(contentsOf: "\\r".unicodeScalars)
            case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            case _ where BidiControls.contains(scalar):
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
