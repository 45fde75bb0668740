/// Builds compact JSON text with members in the order they are written, so that the bytes the
/// API serves are deterministic.
struct JSONWriter {
    /// The text written so far.
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    init() {
        self.text.reserveCapacity(256)
    }

    private mutating func separate() {
        if self.needsComma[self.needsComma.count - 1] {
            self.text.append(",")
        }
        self.needsComma[self.needsComma.count - 1] = true
    }

    /// Opens an object (as a value, or as the member `key` of the enclosing object).
    mutating func beginObject(_ key: String? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.text.append("{")
        self.needsComma.append(false)
    }

    /// Closes the innermost object.
    mutating func endObject() {
        self.needsComma.removeLast()
        self.text.append("}")
    }

    /// Opens an array (as a value, or as the member `key` of the enclosing object).
    mutating func beginArray(_ key: String? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.text.append("[")
        self.needsComma.append(false)
    }

    /// Closes the innermost array.
    mutating func endArray() {
        self.needsComma.removeLast()
        self.text.append("]")
    }

    /// Writes a string value.
    mutating func string(_ value: String, key: String? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        Self.appendQuoted(value, to: &self.text)
    }

    /// Writes an integer value.
    mutating func integer(_ value: Int64, key: String? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.text.append(String(value))
    }

    /// Writes already-encoded JSON as a value.
    mutating func raw(_ json: String, key: String? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.text.append(json)
    }

    private mutating func appendKey(_ key: String) {
        Self.appendQuoted(key, to: &self.text)
        self.text.append(":")
    }

    /// Appends `value` as a JSON string literal.
    static func appendQuoted(_ value: String, to text: inout String) {
        text.append("\"")
        var needsEscaping = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscaping = true
            break
        }
        guard needsEscaping else {
            text.append(value)
            text.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case "\u{08}": text.append("\\b")
            case "\u{0C}": text.append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }
}
