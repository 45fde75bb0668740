/// What counts as a blank string: one made only of the whitespace that JSON Schema's `\s`
/// matches (ECMA-262's WhiteSpace and LineTerminator), so that the API and the document's
/// `"pattern": "\\S"` agree on every string.
///
/// Swift's `Character.isWhitespace` also counts U+0085 (NEL) and U+001C–U+001F as whitespace,
/// which `\s` does not: with it, `"\u{85}"` would match the document's pattern and still be
/// rejected as blank (Schemathesis reports exactly that).
enum BlankText {
    /// Whether `scalar` is ECMA-262 whitespace: tab, line feed, vertical tab, form feed, carriage
    /// return, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
    /// and U+FEFF.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// Whether `text` has no character other than ECMA-262 whitespace (the empty string included).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isWhitespace)
    }
}
