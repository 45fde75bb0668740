/// The HTTP version a transfer actually spoke (`CURLINFO_HTTP_VERSION`), which may differ from
/// the one asked for (``HTTPVersion``): a server without HTTP/2, or a plain `http://` URL, answers
/// `--http2` in HTTP/1.1, and a load says so rather than fall back silently.
public enum NegotiatedHTTPVersion: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HTTP/1.0.
    case http1_0
    /// HTTP/1.1.
    case http1_1
    /// HTTP/2.
    case http2
    /// HTTP/3.
    case http3

    /// `HTTP/1.0`, `HTTP/1.1`, `HTTP/2`, `HTTP/3`: the names responses and reports use.
    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        case .http2: "HTTP/2"
        case .http3: "HTTP/3"
        }
    }
}
