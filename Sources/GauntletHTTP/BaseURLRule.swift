import Foundation

/// The rule a base URL is held to before any request, on the command line (`--base-url`) and in a
/// load file (`base_url:`): an `http://` or `https://` URL with a host, a port from 1 to 65535
/// when it names one, and nothing after its path. Each request's path is appended to it, so a
/// query or fragment would end up before the path (`…/prod?x=1/events`; libcurl sends no
/// fragment at all), and a space or control character cannot be sent. (A port out of range
/// reached libcurl, which could not connect: "never reached", where the input was wrong.)
public enum BaseURLRule {
    /// What is wrong with `text` as a base URL, quoting it with any password hidden; nil when
    /// nothing is.
    public static func problem(in text: String) -> String? {
        let shown = shownWithoutPassword(text)
        if let mark = text.first(where: { $0 == "?" || $0 == "#" }) {
            let part = mark == "?" ? "query" : "fragment"
            return "takes no \(part) ('\(mark)…'): each request's path is appended to it; send a key in a header, got '\(shown)'"
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            return "has a space or a control character, which a URL cannot hold (write %20), got '\(shown)'"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            return "must be an http:// or https:// URL, got '\(shown)'"
        }
        if let port = url.port, !(1...65_535).contains(port) {
            return "has '\(port)', which is not a port (1-65535), in '\(shown)'"
        }
        return nil
    }

    /// `text` as a message may quote it: its userinfo hidden whole (a token may be a user name
    /// alone, and a password may hold a raw `#`, `?` or `/`, which end the authority as a URL is
    /// read), so everything between `://` and the last `@`; control characters written out
    /// (`\u{1B}`), so that none reaches a terminal.
    static func shownWithoutPassword(_ text: String) -> String {
        var shown = text
        if let start = text.firstRange(of: "://")?.upperBound, let at = text.lastIndex(of: "@"), at > start {
            shown = String(text[..<start]) + SecretRedaction.placeholder + String(text[at...])
        }
        return shown.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined()
    }
}
