import ArgumentParser
import Foundation

/// The rule every command holds `--base-url` to, before any request: an `http://` or
/// `https://` URL with a host, and a port from 1 to 65535 when it names one. (A port out of
/// range reached libcurl, which could not connect: "never reached", exit 3, where the input
/// was wrong, exit 2.)
enum BaseURLArgument {
    /// - Throws: `ValidationError` saying what is wrong with `text`.
    static func validate(_ text: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--base-url must be an http:// or https:// URL, got '\(text)'")
        }
        if let port = url.port, !(1...65_535).contains(port) {
            throw ValidationError("--base-url: '\(port)' is not a port (1-65535), in '\(text)'")
        }
    }
}
