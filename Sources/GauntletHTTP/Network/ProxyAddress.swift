/// The proxy every request goes through (`--proxy`; libcurl's `CURLOPT_PROXY`): `http://`,
/// `https://`, `socks4://`, `socks4a://`, `socks5://` or `socks5h://` and a host, with an
/// optional port and `user:password@`; a bare `host:port` means `http://`, as in curl.
///
/// Credentials in the URL are sent but never printed: ``redacted`` hides them.
public struct ProxyAddress: Sendable, Hashable {
    /// The URL as given, handed to libcurl.
    public var url: String

    /// The schemes libcurl can reach a proxy with.
    static let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// Parses and checks a proxy URL.
    /// - Throws: ``NetworkOptionError`` naming `--proxy` (with the URL's credentials hidden).
    public init(parsing text: String) throws(NetworkOptionError) {
        let shown = Self.redacting(text)
        func failure(_ reason: String) -> NetworkOptionError {
            NetworkOptionError(flag: "--proxy", value: shown, reason: reason)
        }
        var rest = Substring(text)
        if let range = text.firstRange(of: "://") {
            let scheme = text[..<range.lowerBound].lowercased()
            guard Self.schemes.contains(scheme) else {
                throw failure("'\(scheme)' is not a proxy scheme (\(Self.schemes.joined(separator: ", ")))")
            }
            rest = text[range.upperBound...]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...] == "/" else { throw failure("a proxy URL has no path") }
            rest = rest[..<slash]
        }
        let fields = HostEndpointSyntax.fields(String(rest))
        guard fields.count <= 2, HostEndpointSyntax.isHost(fields[0]) else {
            throw failure("expected a proxy URL, as in 'http://proxy.internal:3128'")
        }
        if fields.count == 2, HostEndpointSyntax.port(fields[1]) == nil {
            throw failure("'\(fields[1])' is not a port (1-65535)")
        }
        url = text
    }

    /// The URL with any password (or a user alone) replaced by `***`, for commands and logs.
    public var redacted: String { Self.redacting(url) }

    /// `scheme://***:***@host` for a URL with credentials, the URL itself otherwise.
    static func redacting(_ text: String) -> String {
        let authorityStart = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[authorityStart...].firstIndex(of: "/") ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return text }
        let placeholder = SecretRedaction.placeholder
        return String(text[..<authorityStart]) + "\(placeholder):\(placeholder)" + String(text[at...])
    }
}
