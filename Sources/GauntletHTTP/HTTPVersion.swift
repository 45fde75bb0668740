/// The HTTP version a request asks libcurl to speak.
public enum HTTPVersion: String, Sendable, Hashable, Codable {
    /// HTTP/1.1, the default (`CURL_HTTP_VERSION_1_1`).
    case http1_1 = "HTTP/1.1"
    /// HTTP/2 over TLS, falling back to HTTP/1.1 for plain `http://` (`CURL_HTTP_VERSION_2TLS`, curl's `--http2`).
    case http2 = "HTTP/2"
}
