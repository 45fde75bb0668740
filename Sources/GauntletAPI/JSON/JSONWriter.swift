import NIOCore

/// Builds compact JSON with members in the order they are written, so that the bytes the API
/// serves are deterministic. It writes straight into a `ByteBuffer`, the response body.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var buffer: ByteBuffer
    /// Whether the innermost open container already has a member (up to 64 levels deep).
    private var needsComma: UInt64 = 0

    /// Creates a writer with room for about `capacity` bytes.
    init(capacity: Int = 256) {
        self.buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// The JSON written so far, as text.
    var text: String { String(buffer: self.buffer) }

    private mutating func separate() {
        if self.needsComma & 1 == 1 {
            self.buffer.writeInteger(UInt8(ascii: ","))
        }
        self.needsComma |= 1
    }

    private mutating func open(_ byte: UInt8) {
        self.buffer.writeInteger(byte)
        self.needsComma <<= 1
    }

    private mutating func close(_ byte: UInt8) {
        self.needsComma >>= 1
        self.buffer.writeInteger(byte)
    }

    /// Opens an object (as a value, or as the member `key` of the enclosing object).
    mutating func beginObject(_ key: StaticString? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.open(UInt8(ascii: "{"))
    }

    /// Closes the innermost object.
    mutating func endObject() {
        self.close(UInt8(ascii: "}"))
    }

    /// Opens an array (as a value, or as the member `key` of the enclosing object).
    mutating func beginArray(_ key: StaticString? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.open(UInt8(ascii: "["))
    }

    /// Closes the innermost array.
    mutating func endArray() {
        self.close(UInt8(ascii: "]"))
    }

    /// Writes a string value.
    mutating func string(_ value: String, key: StaticString? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.writeQuoted(value)
    }

    /// Writes an integer value.
    mutating func integer(_ value: Int64, key: StaticString? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.buffer.writeString(String(value))
    }

    /// Writes already-encoded JSON as a value.
    mutating func raw(_ json: String, key: StaticString? = nil) {
        self.separate()
        if let key { self.appendKey(key) }
        self.buffer.writeString(json)
    }

    private mutating func appendKey(_ key: StaticString) {
        self.buffer.writeInteger(UInt8(ascii: "\""))
        self.buffer.writeStaticString(key)
        self.buffer.writeStaticString("\":")
    }

    /// Writes `value` as a JSON string literal.
    private mutating func writeQuoted(_ value: String) {
        var value = value
        let wroteVerbatim = value.withUTF8 { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            self.buffer.writeInteger(UInt8(ascii: "\""))
            self.buffer.writeBytes(UnsafeRawBufferPointer(bytes))
            self.buffer.writeInteger(UInt8(ascii: "\""))
            return true
        }
        if !wroteVerbatim {
            var text = ""
            Self.appendQuoted(value, to: &text)
            self.buffer.writeString(text)
        }
    }

    /// Whether `value` holds a quote, a backslash or a control character.
    static func needsEscaping(_ value: String) -> Bool {
        value.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    /// Appends `value` as a JSON string literal.
    static func appendQuoted(_ value: String, to text: inout String) {
        text.append("\"")
        guard needsEscaping(value) else {
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
