import ArgumentParser
import Foundation
import GauntletHTTP

/// The rule every command holds `--base-url` to, before any request: an `http://` or
/// `https://` URL with a host, and a port from 1 to 65535 when it names one. (A port out of
/// range reached libcurl, which could not connect: "never reached", exit 3, where the input
/// was wrong, exit 2.) Paths are appended to it, so it has no query or fragment (`…/prod?x=1`
/// became `…/prod?x=1/events`, and libcurl sends no fragment at all) and no space or control
/// character.
enum BaseURLArgument {
    /// - Throws: `ValidationError` saying what is wrong with `text`.
    static func validate(_ text: String) throws {
        // The message quotes the URL, and a password in it is a secret.
        let shown = SecretRedaction.redactingUserinfoPassword(text)
        if let mark = text.first(where: { $0 == "?" || $0 == "#" }) {
            let part = mark == "?" ? "query" : "fragment"
            throw ValidationError(
                "--base-url takes no \(part) ('\(mark)…'): each request's path is appended to it; "
                    + "send a key with --header, got '\(shown)'")
        }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            throw ValidationError("--base-url has a space or a control character, which a URL cannot hold (write %20), got '\(shown)'")
        }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--base-url must be an http:// or https:// URL, got '\(shown)'")
        }
        if let port = url.port, !(1...65_535).contains(port) {
            throw ValidationError("--base-url: '\(port)' is not a port (1-65535), in '\(shown)'")
        }
    }
}
