/// What Gauntlet needs to know about request methods, which stay plain strings (sent as written).
public enum HTTPMethod {
    /// The safe methods of RFC 9110 §9.2.1: sending one changes nothing on the server.
    static let safe: Set<String> = ["GET", "HEAD", "OPTIONS", "TRACE"]

    /// The idempotent methods of RFC 9110 §9.2.2: sending one twice has the effect of sending it
    /// once, so a request lost with its connection may go out again.
    static let idempotent: Set<String> = safe.union(["PUT", "DELETE"])

    /// Whether `method` is safe: a request of it cannot have created or changed anything, however
    /// it was answered (methods are case-sensitive, and one this list does not know is not safe).
    public static func isSafe(_ method: String) -> Bool {
        safe.contains(method)
    }

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
        !isIdempotent(method) && watchesResends(url: url, httpVersion: httpVersion)
    }

    /// Whether libcurl's silent re-sends are watched at all (refused or counted): over HTTP/1.1,
    /// or on a cleartext URL; not with `--http2` over TLS (see ``refusesResend(method:url:httpVersion:)``).
    static func watchesResends(url: String, httpVersion: HTTPVersion) -> Bool {
        httpVersion == .http1_1 || !isHTTPS(url)
    }

    /// Whether `url`'s scheme is `https` (in any case). Six characters are lowercased, no more:
    /// it is asked on the load engine's path when a request's URL changes.
    static func isHTTPS(_ url: String) -> Bool {
        url.prefix(6).lowercased() == "https:"
    }
}
