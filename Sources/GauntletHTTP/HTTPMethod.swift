/// What Gauntlet needs to know about request methods, which stay plain strings (sent as written).
enum HTTPMethod {
    /// The idempotent methods of RFC 9110 §9.2.2: sending one twice has the effect of sending it
    /// once, so a request lost with its connection may go out again.
    static let idempotent: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]

    /// Whether `method` is idempotent (methods are case-sensitive: `post` is not `POST`, and a
    /// method this list does not know is treated as not idempotent).
    static func isIdempotent(_ method: String) -> Bool {
        idempotent.contains(method)
    }

    /// Whether libcurl's silent re-send of a request (its reused connection died before any
    /// answer) is refused: for a method that is not idempotent, whenever the request goes over
    /// HTTP/1.1. With `--http2` over TLS (where ALPN may settle on HTTP/2) it is left to libcurl,
    /// which there also re-sends a stream the server refused unprocessed (safe, RFC 9113 §8.7)
    /// and the two look alike; a cleartext URL never negotiates HTTP/2 by ALPN, so it is guarded.
    static func refusesResend(method: String, url: String, httpVersion: HTTPVersion) -> Bool {
        guard !isIdempotent(method) else { return false }
        return httpVersion == .http1_1 || !url.lowercased().hasPrefix("https://")
    }
}
