/// Percent-decoding of a path parameter, byte for byte.
///
/// Foundation's `removingPercentEncoding` drops a leading byte order mark (`%EF%BB%BF`): an event
/// created with the id `"\u{FEFF}x"` (the FastAPI profile accepts any string) could then be
/// neither read nor deleted. This keeps every scalar the escapes encode.
enum PathParameterDecoding {
    /// `text` with each `%XX` replaced by its byte; nil when an escape is malformed or the bytes
    /// are not UTF-8 (the caller keeps the text as it came).
    static func decode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
