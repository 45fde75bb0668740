import GauntletUnits

/// Text from a run, a load or the deployment under test made safe to put in a Markdown document
/// that GitHub renders (`summary.md`, `$GITHUB_STEP_SUMMARY`). A deployment's bodies, header
/// values and messages, and the labels a teardown captured from them, reach the summaries, and
/// GitHub renders the HTML they hold (a `<details>` folds the rest of the page away, an `<img>`
/// draws) and their Markdown (a line break or a `|` ends a table row early, `**` and `[x](y)`
/// format and link).
enum MarkdownText {
    /// Text for a table cell or a line of prose: one line, `|` escaped, the characters that start
    /// Markdown markup backslash-escaped, a `<` that could open a tag, comment or autolink and an
    /// `&` that could start a character reference written as references (`p99<250ms` stays as
    /// it reads; a `&lt;` a body holds shows as it was sent), control and bidirectional formatting characters as the replacement character,
    /// cut to `limit` characters.
    ///
    /// Only the head that shows is read (a value can be a whole body), and by Unicode scalar: a
    /// combining mark after `|` or `<` makes one Character that compares unequal to them, which
    /// must not keep them from being escaped.
    static func cell(_ text: String, limit: Int = 200) -> String {
        let head = text.prefix(limit)
        let scalars = Array(head.unicodeScalars)
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            switch scalar {
            case "\r", "\n": out += " "
            case "|": out += "\\|"
            // Raw HTML and autolinks begin `<` and a letter, `/`, `!` or `?`, a character reference
            // `&` and a letter or `#`: kept only before what cannot begin one (`p99<250ms`,
            // `count<=5`, `a & b`); at the end of the head the next character is not known.
            case "<" where !(next.map { ("0"..."9").contains($0) || $0 == " " || $0 == "=" } ?? false): out += "&lt;"
            case "&" where !(next.map { $0 == " " } ?? false): out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "~": out += "\\" + String(scalar)
            // A control character (a NUL or an ESC of a body) is shown as the replacement character,
            // and so is a bidirectional override, which would show the text after it reversed.
            case _ where scalar.properties.generalCategory == .control || BidiControls.contains(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return head.endIndex < text.endIndex ? out + "…" : out
    }

    /// Text inside a code span: backticks cannot be escaped there, so they become `'`, line
    /// breaks a space (a code span cannot hold a table row's end), and control and bidirectional
    /// formatting characters the replacement character. In a table cell (`inTable`), `|` is
    /// written `\|`: GitHub ends a cell at a bare `|` even inside a code span, and reads `\|`
    /// there as the character.
    static func code(_ text: String, inTable: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "`": out.append("'")
            case "\r", "\n": out.append(" ")
            case "|" where inTable: out.append(contentsOf: "\\|".unicodeScalars)
            case _ where scalar.properties.generalCategory == .control || BidiControls.contains(scalar): out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
