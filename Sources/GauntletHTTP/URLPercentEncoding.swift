/// How Gauntlet writes a URL's non-ASCII text before libcurl sees it.
///
/// A request's URL may hold non-ASCII text: a path `/x/{{name}}` filled with `Grüße`. Left to
/// libcurl (7.88), its bytes go out percent-encoded in lower-case hex in the path
/// (`/x/Gr%c3%bc%c3%9fe`) and raw in the query; yet a request target is ASCII (RFC 9112 §3.2),
/// and RFC 3986 §2.1 says producers should write upper-case hex. So Gauntlet encodes them itself,
/// in upper case, as `{{name | urlencode}}` and Foundation write them: one spelling on the wire,
/// and the one a report's secret readings (`RunOptions.readings(of:)`) know first.
public enum URLPercentEncoding {
    /// Upper-case hex digits, as RFC 3986 §2.1 asks of producers.
    static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `url` with each UTF-8 byte of its non-ASCII characters after the authority (in its path,
    /// query and fragment) written as `%XX` in upper-case hex; the rest, `%` escapes already
    /// there included, as it is. The scheme and authority stay as they are: libcurl makes an
    /// internationalized host name ASCII (IDNA), which percent-encoding would defeat.
    public static func encodingNonASCII(in url: String) -> String {
        // Asked on the load engine's path whenever a URL changes: an ASCII URL is handed back
        // without copying its bytes.
        guard url.utf8.contains(where: { $0 >= 0x80 }) else { return url }
        let bytes = Array(url.utf8)
        let start = authorityEnd(in: bytes)
        var encoded = Array(bytes[..<start])
        encoded.reserveCapacity(bytes.count + 16)
        for byte in bytes[start...] {
            if byte < 0x80 {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Where the path begins in `bytes`: after `scheme://authority` (at its first `/`, `?` or
    /// `#`, or the end), or at 0 when they do not begin with a scheme and `://`.
    static func authorityEnd(in bytes: [UInt8]) -> Int {
        let isSchemeByte = { (byte: UInt8) in
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "+-.".utf8.contains(byte)
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, bytes[..<colon].allSatisfy(isSchemeByte),
            bytes[(colon + 1)...].starts(with: "//".utf8)
        else { return 0 }
        return bytes[(colon + 3)...].firstIndex { "/?#".utf8.contains($0) } ?? bytes.count
    }
}
