/// The pieces of curl's colon-separated host syntax (`--resolve`, `--connect-to`): a host may be
/// an IPv6 address in brackets (`[::1]`), a port is a number from 1 to 65535.
enum HostEndpointSyntax {
    /// Splits `text` at colons outside brackets: `[::1]:443:x` gives `[::1]`, `443`, `x`; with
    /// a `limit`, into that many fields at most, the last holding the rest (`a:1:::1`, limit 3:
    /// `a`, `1`, `::1`).
    static func fields(_ text: String, limit: Int = .max) -> [Substring] {
        var fields: [Substring] = []
        var start = text.startIndex
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case ":" where depth == 0 && fields.count < limit - 1:
                fields.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        fields.append(text[start...])
        return fields
    }

    /// A port from 1 to 65535, or nil.
    static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy(\.isASCII), let port = Int(text), (1...65535).contains(port) else {
            return nil
        }
        return port
    }

    /// Whether `text` can be a host name or an address: no spaces, no slashes, brackets only
    /// around an IPv6 address.
    static func isHost(_ text: Substring) -> Bool {
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "/" || $0 == "," || $0 == "@" }) else { return false }
        if text.first == "[" || text.last == "]" {
            return text.first == "[" && text.last == "]" && text.count > 2 && isIPv6(text.dropFirst().dropLast())
        }
        return !text.contains(":")
    }

    /// Whether `text` is an address libcurl can connect to: IPv4 dotted quad or IPv6, the
    /// latter bare or in brackets.
    static func isAddress(_ text: Substring) -> Bool {
        if text.first == "[", text.last == "]", text.count > 2 { return isIPv6(text.dropFirst().dropLast()) }
        return isIPv4(text) || isIPv6(text)
    }

    /// Four decimal numbers 0–255, dot-separated.
    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// Hex groups and colons (with one `::` at most), optionally ending in an IPv4 address.
    static func isIPv6(_ text: Substring) -> Bool {
        guard text.contains(":"), text.count >= 2 else { return false }
        let allowed = text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        let compressions = text.ranges(of: "::").count
        return allowed && compressions <= 1
    }
}
