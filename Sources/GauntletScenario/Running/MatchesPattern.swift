import Foundation

/// The regular expressions of the `matches` predicate: ICU's engine (`NSRegularExpression`), the
/// one the JSON Schema `pattern` keyword and JSONPath's `match()` use too.
///
/// Swift's `Regex` compares by grapheme clusters with canonical equivalence (`"cafe\u{301}"`
/// matches `^café$`); a contract check must see the code points a deployment sent.
enum MatchesPattern {
    /// The compiled pattern, or nil when it is not a valid regular expression.
    static func compile(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    /// The first match of `pattern` in `text`: its first group when the pattern has groups (nil
    /// when that group took no part in the match), else the whole match; nil for no match or an
    /// invalid pattern.
    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = compile(pattern),
            let match = regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: regex.numberOfCaptureGroups > 0 ? 1 : 0), in: text)
        else { return nil }
        return String(text[range])
    }

    /// Whether `pattern` matches anywhere in `text`; an invalid pattern matches nothing.
    static func search(_ pattern: String, in text: String) -> Bool {
        guard let regex = compile(pattern) else { return false }
        return regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
    }
}
