/// The value of one `.env` line, read as python-dotenv reads it, so that a file written for a
/// FastAPI service's settings means the same here.
///
/// - `'text'`: the text, `\'` and `\\` escaped.
/// - `"text"`: the text, with `\\`, `\'`, `\"`, `\a`, `\b`, `\f`, `\n`, `\r`, `\t` and `\v` escapes.
/// - anything else: up to a `#` that follows whitespace (a comment), trailing whitespace trimmed.
///
/// After a closing quote only whitespace and a `#` comment may follow.
enum DotenvValue: Equatable {
    /// Quoted text: always a string.
    case text(String)
    /// Unquoted text: typed as `--var` types it.
    case unquoted(String)
    /// What is wrong, and how many characters into the value.
    case problem(String, offset: Int)

    /// Reads the value that follows `=` and any blanks after it.
    init(_ value: Substring) {
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            self = .unquoted(Self.uncommented(value))
            return
        }
        var text = ""
        var index = value.index(after: value.startIndex)
        while index < value.endIndex {
            let character = value[index]
            if character == quote {
                let after = value[value.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                guard after.isEmpty || after.first == "#" else {
                    self = .problem("expected a '#' comment or the end of the line after the value's closing \(quote), found '\(after)'",
                        offset: value.distance(from: value.startIndex, to: after.startIndex))
                    return
                }
                self = .text(text)
                return
            }
            if character == "\\", let next = value[value.index(after: index)...].first,
               let escaped = Self.escape(next, in: quote) {
                text.append(escaped)
                index = value.index(index, offsetBy: 2)
                continue
            }
            text.append(character)
            index = value.index(after: index)
        }
        self = .problem("the value's opening \(quote) is never closed", offset: 0)
    }

    /// An unquoted value without its comment: python-dotenv drops `\s+#.*`, then trailing blanks.
    private static func uncommented(_ value: Substring) -> String {
        var previous: Character = " "
        var end = value.endIndex
        for index in value.indices {
            if value[index] == "#", previous == " " || previous == "\t", index != value.startIndex {
                end = index
                break
            }
            previous = value[index]
        }
        var kept = value[..<end]
        while let last = kept.last, last == " " || last == "\t" { kept = kept.dropLast() }
        return String(kept)
    }

    /// What `\character` stands for inside quotes of this kind, or nil when the backslash is text.
    private static func escape(_ character: Character, in quote: Character) -> Character? {
        if quote == "'" { return character == "'" || character == "\\" ? character : nil }
        switch character {
        case "\\", "'", "\"": return character
        case "a": return "\u{07}"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        default: return nil
        }
    }
}
